package io.github.go4j.context;

import io.github.go4j.internal.Bubble;
import io.github.go4j.internal.Clock;
import io.github.go4j.internal.G;
import io.github.go4j.internal.Panics;
import io.github.go4j.internal.WaitReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A hand-driven clock for the context tests: time moves only in {@link #advance}, which runs the
 * actions that fall due on the calling thread, in due order. Code under test sees it through
 * {@code Clock.current()} when it runs inside {@link #run}, a goroutine of a one-clock bubble.
 * Deadline tests built on it are exact ("not one nanosecond early") and independent of machine load.
 */
final class FakeClock extends Clock {

    /** Wall time at the clock's start: 2000-01-01T00:00:00Z, like Go's synctest bubbles. */
    static final Instant START = Instant.parse("2000-01-01T00:00:00Z");

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Task> tasks = new ArrayList<>();
    private long now;

    private final class Task implements Scheduled {
        final long due;
        final Runnable action;

        Task(long due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        @Override
        public boolean cancel() {
            lock.lock();
            try {
                return tasks.remove(this);
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public long nanoTime() {
        lock.lock();
        try {
            return now;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long epochNanos() {
        return START.getEpochSecond() * 1_000_000_000L + nanoTime();
    }

    @Override
    public Scheduled schedule(long delayNanos, Runnable action) {
        lock.lock();
        try {
            long due = delayNanos <= 0 ? now : (delayNanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + delayNanos);
            Task t = new Task(due, action);
            tasks.add(t);
            return t;
        } finally {
            lock.unlock();
        }
    }

    /** The wall time {@code d} after the start. */
    static Instant at(Duration d) {
        return START.plus(d);
    }

    /** Moves time forward by {@code d}, running each action as its due time is reached. */
    void advance(Duration d) {
        long target;
        lock.lock();
        try {
            target = now + d.toNanos();
        } finally {
            lock.unlock();
        }
        for (;;) {
            Task next = null;
            lock.lock();
            try {
                for (Task t : tasks) {
                    if (t.due <= target && (next == null || t.due < next.due)) {
                        next = t;
                    }
                }
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                now = Math.max(now, next.due);
            } finally {
                lock.unlock();
            }
            next.action.run();
        }
    }

    /** Actions scheduled and neither run nor cancelled. */
    int pending() {
        lock.lock();
        try {
            return tasks.size();
        } finally {
            lock.unlock();
        }
    }

    /** A test body. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} in a goroutine whose bubble has this clock, waits for it, rethrows its failure. */
    void run(Body body) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Bubble bubble = new Bubble() {
            @Override
            public Clock clock() {
                return FakeClock.this;
            }

            @Override
            public void started(G g) {}

            @Override
            public void exited(G g) {}

            @Override
            public void blocked(G g, WaitReason reason) {}

            @Override
            public void readied(G g) {}
        };
        Thread t = Panics.start(body, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, null, bubble);
        t.join();
        Throwable f = failure.get();
        if (f instanceof Exception e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }
}
