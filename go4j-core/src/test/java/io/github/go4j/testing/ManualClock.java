package io.github.go4j.testing;

import io.github.go4j.internal.Bubble;
import io.github.go4j.internal.Clock;
import io.github.go4j.internal.G;
import io.github.go4j.internal.Panics;
import io.github.go4j.internal.WaitReason;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hand-driven clock of go4j's own tests (go4j-core's, and go4j-patterns' through go4j-core's
 * test-jar): time moves only in {@link #advance} or {@link #jump}, and the actions that fall due run
 * on the advancing thread, in due order (ties in scheduling order), each at its own instant. Tests built
 * on it are exact ("not one nanosecond early") and independent of machine load.
 *
 * <p>Code under test gets it either directly (a constructor that takes a {@link Clock}) or through
 * {@link Clock#current()}, by running in {@link #run} or {@link #go}: goroutines of a one-clock bubble
 * that does nothing but provide this clock. (go4j-test has the real virtual-time toolkit; this one
 * is for the library's own tests, which cannot depend on it.)
 *
 * <p>Its wall time ({@link #epochNanos()}) starts at {@link #EPOCH}, like Go's synctest bubbles, whatever
 * the monotonic reading ({@link #nanoTime()}) starts at.
 */
public final class ManualClock extends Clock {

    /** Wall time at the clock's start: 2000-01-01T00:00:00Z, Go's synctest epoch. */
    public static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");
    private static final long EPOCH_NANOS = EPOCH.getEpochSecond() * 1_000_000_000L;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition scheduledMore = lock.newCondition();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final long start;
    private long now;
    /** Number of schedule calls so far; also each entry's tie-breaking order. */
    private long order;
    /** When true, {@link Scheduled#cancel()} does nothing: every action runs, as if always too late to cancel. */
    private final boolean uncancellable;

    /** A clock whose {@link #nanoTime()} starts at 0. */
    public ManualClock() {
        this(0, false);
    }

    private ManualClock(long start, boolean uncancellable) {
        this.start = start;
        this.now = start;
        this.uncancellable = uncancellable;
    }

    /** A clock whose cancel never prevents an action: every action runs, so stale ones must be harmless. */
    public static ManualClock uncancellable() {
        return new ManualClock(0, true);
    }

    /** A clock whose {@link #nanoTime()} starts at {@code nanoTime} (its wall time still starts at {@link #EPOCH}). */
    public static ManualClock startingAt(long nanoTime) {
        return new ManualClock(nanoTime, false);
    }

    /** The wall time this clock shows {@code d} after its start. */
    public static Instant at(Duration d) {
        return EPOCH.plus(d);
    }

    private static final class Entry implements Comparable<Entry> {
        final long when;
        final long order;
        final Runnable action;

        Entry(long when, long order, Runnable action) {
            this.when = when;
            this.order = order;
            this.action = action;
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(when, o.when);
            return c != 0 ? c : Long.compare(order, o.order);
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
        return EPOCH_NANOS + elapsed().toNanos();
    }

    /** Time since the clock started. */
    public Duration elapsed() {
        return Duration.ofNanos(nanoTime() - start);
    }

    @Override
    public Scheduled schedule(long delayNanos, Runnable action) {
        lock.lock();
        try {
            long when = now + Math.max(0, Math.min(delayNanos, Long.MAX_VALUE - now));
            Entry e = new Entry(when, order++, action);
            queue.add(e);
            scheduledMore.signalAll();
            return () -> {
                if (uncancellable) {
                    return false;
                }
                lock.lock();
                try {
                    return queue.remove(e);
                } finally {
                    lock.unlock();
                }
            };
        } finally {
            lock.unlock();
        }
    }

    /** Moves time forward by {@code d}, running every action as its due time is reached. */
    public void advance(Duration d) {
        long target;
        lock.lock();
        try {
            target = now + d.toNanos();
        } finally {
            lock.unlock();
        }
        for (;;) {
            Entry e;
            lock.lock();
            try {
                e = queue.peek();
                if (e == null || e.when > target) {
                    now = target;
                    return;
                }
                queue.poll();
                now = Math.max(now, e.when);
            } finally {
                lock.unlock();
            }
            e.action.run();
        }
    }

    /**
     * Moves time forward by {@code d} in one jump, then runs the actions that fell due, late: as a
     * loaded machine's timer thread would.
     */
    public void jump(Duration d) {
        lock.lock();
        try {
            now += d.toNanos();
        } finally {
            lock.unlock();
        }
        advance(Duration.ZERO);
    }

    /** Number of {@link #schedule} calls so far. */
    public long scheduleCalls() {
        lock.lock();
        try {
            return order;
        } finally {
            lock.unlock();
        }
    }

    /** Number of actions scheduled and not yet run or cancelled. */
    public int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits (really) until {@link #schedule} has been called {@code n} times in all: how the driving
     * thread learns that a goroutine has made its timer and is about to block on it. (Counting calls
     * rather than pending actions keeps it immune to the cleaner cancelling a collected timer.) Fails
     * after 30 s.
     */
    public void awaitScheduled(long n) throws InterruptedException {
        long left = TimeUnit.SECONDS.toNanos(30);
        lock.lock();
        try {
            while (order < n) {
                if (left <= 0) {
                    throw new AssertionError("expected " + n + " schedule calls within 30 s (real time), saw " + order);
                }
                left = scheduledMore.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A test body that may throw. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** The bubble of {@link #go}: provides this clock, ignores everything else. */
    private final Bubble bubble = new Bubble() {
        @Override
        public Clock clock() {
            return ManualClock.this;
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

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /**
     * Runs {@code body} in a goroutine of a bubble whose clock is this one, waits for it, and rethrows
     * what it threw. Goroutines that the body starts (afterFunc's) join the bubble too.
     */
    public void run(Body body) throws Exception {
        join(go(body));
    }

    /** Starts {@code body} in a goroutine of this clock's bubble; {@link #join} rethrows what it threw. */
    public Thread go(Body body) {
        return Panics.start(body, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, null, bubble);
    }

    /** Waits for {@code t} (from {@link #go}), then rethrows the first failure of this clock's goroutines. */
    public void join(Thread t) throws Exception {
        t.join();
        Throwable f = failure.get();
        if (f instanceof Exception ex) {
            throw ex;
        }
        if (f instanceof Error err) {
            throw err;
        }
    }
}
