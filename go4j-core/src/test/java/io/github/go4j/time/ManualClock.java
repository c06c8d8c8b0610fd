package io.github.go4j.time;

import io.github.go4j.internal.Bubble;
import io.github.go4j.internal.Clock;
import io.github.go4j.internal.G;
import io.github.go4j.internal.Panics;
import io.github.go4j.internal.WaitReason;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clock for these tests only: time moves only when {@link #advance} is called, and the actions that
 * fall due run on the advancing thread, in deadline order, each at its own instant. Code under test
 * gets it through {@link Clock#current()} by running in a {@link #run bubble} whose clock it is.
 * (go4j-test has the real virtual-time toolkit; this stays local to the time tests.)
 */
final class ManualClock extends Clock {

    /** Go's synctest epoch: 2000-01-01T00:00:00Z. */
    static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");
    private static final long EPOCH_NANOS = EPOCH.getEpochSecond() * 1_000_000_000L;

    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long now;
    private long order;
    /** When true, {@link Scheduled#cancel()} does nothing: every action runs, as if always too late to cancel. */
    private final boolean uncancellable;

    ManualClock() {
        this(false);
    }

    /** A clock whose cancel never prevents an action if {@code uncancellable}: stale actions must be harmless. */
    ManualClock(boolean uncancellable) {
        this.uncancellable = uncancellable;
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
        return EPOCH_NANOS + nanoTime();
    }

    /** The wall time this clock shows {@code d} after its start. */
    static Instant at(Duration d) {
        return EPOCH.plus(d);
    }

    @Override
    public Scheduled schedule(long delayNanos, Runnable action) {
        lock.lock();
        try {
            long when = now + Math.max(0, Math.min(delayNanos, Long.MAX_VALUE - now));
            Entry e = new Entry(when, order++, action); // order also counts every schedule call
            queue.add(e);
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

    /** Moves time forward by {@code d}, running every action that falls due on the way. */
    void advance(Duration d) {
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
    void jump(Duration d) {
        lock.lock();
        try {
            now += d.toNanos();
        } finally {
            lock.unlock();
        }
        advance(Duration.ZERO);
    }

    /** Number of {@link #schedule} calls so far. */
    long scheduleCalls() {
        lock.lock();
        try {
            return order;
        } finally {
            lock.unlock();
        }
    }

    /** Number of actions scheduled and not yet run or cancelled. */
    int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Time since the clock started. */
    Duration elapsed() {
        return Duration.ofNanos(nanoTime());
    }

    /** A body that may throw. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    private final TestBubble bubble = new TestBubble(this);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /**
     * Runs {@code body} in a goroutine of a bubble whose clock is this one, waits for it, and rethrows
     * what it threw. Goroutines that the body starts (afterFunc's) join the bubble too.
     */
    void run(Body body) throws Exception {
        join(go(body));
    }

    /** Starts {@code body} in a goroutine of this clock's bubble; {@link #join} rethrows what it threw. */
    Thread go(Body body) {
        return Panics.start(body, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, null, bubble);
    }

    /** Waits for {@code t} (from {@link #go}), then rethrows the first failure of this clock's goroutines. */
    void join(Thread t) throws Exception {
        t.join();
        Throwable f = failure.get();
        if (f instanceof Exception ex) {
            throw ex;
        }
        if (f instanceof Error err) {
            throw err;
        }
    }

    /**
     * Waits (really) until {@link #schedule} has been called {@code n} times in all: how the driving
     * thread learns that a goroutine has made its timer and is about to block on it. (Counting calls
     * rather than pending actions keeps it immune to the cleaner cancelling a collected timer.) Fails
     * after 30 s.
     */
    void awaitScheduled(long n) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (;;) {
            lock.lock();
            try {
                if (order >= n) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " schedule calls");
            }
            Thread.sleep(1);
        }
    }

    /** The bubble of {@link #run}: provides the clock, ignores everything else. */
    static final class TestBubble implements Bubble {
        private final Clock clock;

        TestBubble(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public void started(G g) {}

        @Override
        public void exited(G g) {}

        @Override
        public void blocked(G g, WaitReason reason) {}

        @Override
        public void readied(G g) {}
    }
}
