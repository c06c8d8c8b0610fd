package io.github.go4j.synctest;

import java.io.Serial;

/**
 * Thrown by {@link SyncTest#run} when its bubble deadlocks (TH09): every goroutine of the bubble is
 * durably blocked and no timer is pending ({@code deadlock: all goroutines in bubble are blocked}),
 * or the root goroutine has returned while others are still blocked ({@code deadlock: main bubble
 * goroutine has exited but blocked goroutines remain}). The message is Go's, followed by a blank line
 * and a dump of the bubble's goroutines: who waits on what, since when, and who started them.
 *
 * <p>An {@link AssertionError}, so that test frameworks report it as a failed test.
 */
public final class DeadlockError extends AssertionError {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A deadlock report: Go's message, a blank line, the dump. */
    public DeadlockError(String report) {
        super(report);
    }
}
