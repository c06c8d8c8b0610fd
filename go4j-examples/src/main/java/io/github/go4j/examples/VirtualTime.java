package io.github.go4j.examples;

/**
 * VirtualTime runs a program on the virtual clock of go4j-test ({@code --virtual-time}): its sleeps,
 * timers and timeouts advance a fake clock as soon as every goroutine of the program is blocked, so a
 * program that sleeps for seconds finishes in milliseconds and prints the same lines.
 */
final class VirtualTime {

    private VirtualTime() {}

    /** Whether the virtual clock is on the class path. */
    static boolean available() {
        return false;
    }

    /** The one line printed when it is not. */
    static String unavailableMessage() {
        return "go4j: --virtual-time is not available yet: it needs go4j-test's SyncTest, which is being written;"
                + " run without --virtual-time";
    }

    /** Runs {@code p.main()} in a virtual-time bubble. */
    static void run(Program p) throws Exception {
        throw new UnsupportedOperationException(unavailableMessage());
    }
}
