package io.github.go4j.internal;

/**
 * Clock is the one source of time for the whole library: every deadline, timeout, timer, ticker and
 * sleep reads and waits through it, so that a test can swap in virtual time (go4j-test's bubbles).
 *
 * <p>{@link #current()} answers the clock of the calling goroutine: its bubble's virtual clock when
 * it runs inside one, the {@linkplain #system() system clock} otherwise. Code that creates a timer
 * captures the clock once, at creation, and uses that clock for the timer's whole life.
 *
 * <p>Nothing outside this class and {@link SystemClock} may call {@code System.nanoTime()},
 * {@code System.currentTimeMillis()}, {@code Thread.sleep} or {@code LockSupport.parkNanos}.
 */
public abstract class Clock {

    /** Clock constructor for subclasses (the system clock, go4j-test's virtual clock). */
    protected Clock() {}

    /** Returns the process-wide clock backed by the operating system. */
    public static Clock system() {
        return SystemClock.INSTANCE;
    }

    /**
     * Returns the clock of the calling goroutine: its bubble's clock inside a bubble, else the
     * system clock. Cheap: one thread-local read.
     */
    public static Clock current() {
        G g = G.current();
        if (g != null) {
            Bubble b = g.bubble();
            if (b != null) {
                return b.clock();
            }
        }
        return SystemClock.INSTANCE;
    }

    /** Monotonic time in nanoseconds; only differences between two readings mean anything. */
    public abstract long nanoTime();

    /** Wall-clock time in nanoseconds since 1970-01-01T00:00:00Z (Go's {@code time.Now()}). */
    public abstract long epochNanos();

    /**
     * Runs {@code action} once, on a thread of the clock's choosing, when at least {@code delayNanos}
     * have passed on this clock. The action must be short and must not block: it typically completes a
     * {@link Waiter} or offers a value to a timer channel. A delay of zero or less runs it as soon as
     * possible, still asynchronously.
     *
     * @return a handle whose {@link Scheduled#cancel()} prevents the action if it has not started
     */
    public abstract Scheduled schedule(long delayNanos, Runnable action);

    /**
     * Blocks the calling thread for at least {@code nanos} on this clock. Interruptible; a duration of
     * zero or less returns at once (TM01). Recorded as wait reason {@code sleep}.
     */
    public void sleep(long nanos) throws InterruptedException {
        if (nanos <= 0) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return;
        }
        Waiter w = new Waiter();
        Scheduled s = schedule(nanos, () -> w.complete(Waiter.TIMED_OUT));
        try {
            w.await(WaitReason.SLEEP, this);
        } finally {
            s.cancel();
        }
    }

    /** A scheduled action. */
    public interface Scheduled {
        /**
         * Cancels the action. Returns true if this call prevented it from running, false if it has
         * already run, is running, or was cancelled before.
         */
        boolean cancel();
    }
}
