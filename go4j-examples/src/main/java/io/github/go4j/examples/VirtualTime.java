package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.synctest.DeadlockError;
import io.github.go4j.synctest.SyncTest;
import java.io.PrintStream;

/**
 * VirtualTime runs a program on the virtual clock of go4j-test ({@code --virtual-time}, and the
 * tour's tests): the program's {@code main} is the root goroutine of a {@link SyncTest} bubble, so its
 * sleeps, timers, tickers and context deadlines move a fake clock as soon as every goroutine of the
 * program is blocked. A program that sleeps for seconds finishes in milliseconds and, the order of its
 * events being that of their virtual instants, prints its lines in one order every time.
 *
 * <p><b>Goroutines left behind.</b> A Go program's {@code main} may return while goroutines still
 * sleep or wait (Pattern 1 and Exercise 4 leave some blocked on a send nobody receives): Go's process
 * exits and drops them. A bubble notices them instead ("main bubble goroutine has exited but blocked
 * goroutines remain") and interrupts them; {@link #run} reports how many there were rather than
 * failing, because the Go program does the same thing.
 */
public final class VirtualTime {

    private VirtualTime() {}

    /** The message of the bubble's report when main returned before other goroutines ended. */
    static final String LEFT_BEHIND = "deadlock: main bubble goroutine has exited but blocked goroutines remain";

    /** What a run on virtual time observed besides the program's output. */
    public record Outcome(boolean goroutinesLeftBehind, String report) {}

    /** Whether the virtual clock is on the class path. */
    public static boolean available() {
        try {
            Class.forName("io.github.go4j.synctest.SyncTest");
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The one line printed when it is not. */
    static String unavailableMessage() {
        return "go4j: --virtual-time needs go4j-test's SyncTest on the class path; rebuild with ./mvnw -pl go4j-examples -am package";
    }

    /**
     * Runs {@code p.main()} as the root goroutine of a bubble and waits until all the program's
     * goroutines have ended (or are left behind, see the class comment).
     *
     * @return whether goroutines were left behind when main returned
     * @throws DeadlockError if the program deadlocks while main still runs
     * @throws Exception what escapes the program's main
     */
    public static Outcome run(Program p) throws Exception {
        try {
            SyncTest.run(p::main);
            return new Outcome(false, "");
        } catch (DeadlockError e) {
            if (String.valueOf(e.getMessage()).startsWith(LEFT_BEHIND)) {
                return new Outcome(true, e.getMessage());
            }
            throw e;
        }
    }

    /**
     * Installs a panic handler that stays silent about goroutines unwound by a bubble (their panic is an
     * interrupt) and prints every other panic as go4j would.
     */
    static void quietUnwinding(PrintStream err) {
        Go.setPanicHandler((panic, report) -> {
            for (Throwable t = panic; t != null; t = t.getCause()) {
                if (t instanceof InterruptedException
                        || t instanceof io.github.go4j.chan.ChannelInterruptedException) {
                    return;
                }
            }
            err.print(report);
            err.flush();
        });
    }
}
