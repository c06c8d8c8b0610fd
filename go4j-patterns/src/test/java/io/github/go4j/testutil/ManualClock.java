package io.github.go4j.testutil;

import io.github.go4j.internal.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/** A clock that moves only when the test says so. Scheduled actions run on the advancing thread. */
public final class ManualClock extends Clock {

    private final ReentrantLock lock = new ReentrantLock();
    private long now;
    private final List<Entry> queue = new ArrayList<>();
    /** One permit per schedule() call, so a test can wait until a goroutine has armed its timer. */
    private final Semaphore scheduled = new Semaphore(0);

    private static final class Entry implements Scheduled {
        final long at;
        final Runnable action;
        volatile boolean cancelled;

        Entry(long at, Runnable action) {
            this.at = at;
            this.action = action;
        }

        @Override
        public boolean cancel() {
            boolean was = !cancelled;
            cancelled = true;
            return was;
        }
    }

    public ManualClock(long start) {
        this.now = start;
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
        return nanoTime();
    }

    @Override
    public Scheduled schedule(long delayNanos, Runnable action) {
        Entry e;
        lock.lock();
        try {
            e = new Entry(now + Math.max(0, delayNanos), action);
            queue.add(e);
        } finally {
            lock.unlock();
        }
        scheduled.release();
        return e;
    }

    /** Blocks until schedule() has been called n more times. */
    public void awaitScheduled(int n) throws InterruptedException {
        if (!scheduled.tryAcquire(n, 10, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("nothing was scheduled within 10s (real time)");
        }
    }

    /** Number of armed, uncancelled actions. */
    public int pending() {
        lock.lock();
        try {
            return (int) queue.stream().filter(e -> !e.cancelled).count();
        } finally {
            lock.unlock();
        }
    }

    /** Moves time forward and runs what became due, in time order. */
    public void advance(long nanos) {
        List<Entry> due = new ArrayList<>();
        lock.lock();
        try {
            now += nanos;
            for (var it = queue.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (e.at <= now) {
                    due.add(e);
                    it.remove();
                }
            }
        } finally {
            lock.unlock();
        }
        due.sort((a, b) -> Long.compare(a.at, b.at));
        for (Entry e : due) {
            if (!e.cancelled) {
                e.cancelled = true;
                e.action.run();
            }
        }
    }
}
