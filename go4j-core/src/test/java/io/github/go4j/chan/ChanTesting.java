package io.github.go4j.chan;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingSupplier;

/** Bounded waiting for the channel tests: nothing here sleeps "long enough". */
final class ChanTesting {

    /** Generous bound for anything that must happen; the machine may be slow and shared. */
    static final Duration LIMIT = Duration.ofSeconds(30);

    private ChanTesting() {}

    /** Runs {@code body}, failing if it takes longer than {@link #LIMIT} (a deadlock, a lost wake-up). */
    static void within(Executable body) {
        assertTimeoutPreemptively(LIMIT, body);
    }

    /** As {@link #within(Executable)}, returning the body's result. */
    static <T> T within(ThrowingSupplier<T> body) {
        return assertTimeoutPreemptively(LIMIT, body);
    }

    /** Waits (bounded) until {@code t} is parked: blocked in a channel operation, not merely slow. */
    static void awaitParked(Thread t) {
        within(() -> {
            while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
                if (!t.isAlive()) {
                    throw new AssertionError("thread ended instead of blocking: " + t);
                }
                Thread.onSpinWait();
                Thread.yield();
            }
        });
    }

    /** Joins {@code t}, bounded. */
    static void join(Thread t) {
        within(() -> t.join());
    }
}
