package io.github.go4j.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operating system's clock. The only class of the library that reads the system time; its
 * scheduler is one daemon platform thread that runs short, non-blocking actions (waking waiters,
 * offering ticks), so it can never be starved by virtual threads that hog their carriers.
 */
final class SystemClock extends Clock {

    static final SystemClock INSTANCE = new SystemClock();

    /** Lazily started: programs that never use time never pay for the thread. */
    private static final class Scheduler {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "go4j-timer");
                t.setDaemon(true);
                return t;
            });
            // Stopped timers must not pile up in the queue (a for-select with a timeout makes one per turn).
            e.setRemoveOnCancelPolicy(true);
            return e;
        }
    }

    /**
     * Actions scheduled and neither finished nor cancelled: the deadlock detector's "no timer is
     * pending" (RU04). Decremented after an action has run, so a reader that sees 0 also sees every
     * waiter those actions completed.
     */
    private static final AtomicLong PENDING = new AtomicLong();

    private SystemClock() {}

    /** The number of scheduled actions that have neither run to the end nor been cancelled. */
    static long pending() {
        return PENDING.get();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public Scheduled schedule(long delayNanos, Runnable action) {
        PENDING.incrementAndGet();
        Task t = new Task(action);
        t.future = Scheduler.EXECUTOR.schedule(t, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return t;
    }

    private static void finished() {
        if (PENDING.decrementAndGet() == 0) {
            DeadlockDetector.timersIdle();
        }
    }

    /**
     * One scheduled action. Its own state, not the executor's future, decides between running and
     * cancelling: {@code FutureTask.cancel} succeeds even while the action runs, which would both
     * break {@link Scheduled#cancel()}'s contract and count the action out of {@link #PENDING} twice.
     */
    private static final class Task extends java.util.concurrent.atomic.AtomicInteger implements Runnable, Scheduled {
        private static final long serialVersionUID = 1L;
        /** Scheduled, neither started nor cancelled. */
        private static final int NEW = 0;
        /** The action has started (it may have finished). */
        private static final int STARTED = 1;
        /** Cancelled before it started. */
        private static final int CANCELLED = 2;

        private final transient Runnable action;
        /** Set right after scheduling; only used to drop a cancelled task from the queue early. */
        transient volatile ScheduledFuture<?> future;

        Task(Runnable action) {
            this.action = action;
        }

        @Override
        public void run() {
            if (!compareAndSet(NEW, STARTED)) {
                return;
            }
            try {
                action.run();
            } finally {
                finished();
            }
        }

        @Override
        public boolean cancel() {
            if (!compareAndSet(NEW, CANCELLED)) {
                return false;
            }
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false); // remove it from the queue (setRemoveOnCancelPolicy)
            }
            finished();
            return true;
        }
    }

    @Override
    public String toString() {
        return "SystemClock";
    }
}
