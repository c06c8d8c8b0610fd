package io.github.go4j.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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

    private SystemClock() {}

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
        ScheduledFuture<?> f = Scheduler.EXECUTOR.schedule(action, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public String toString() {
        return "SystemClock";
    }
}
