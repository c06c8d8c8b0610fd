package io.github.go4j;

import io.github.go4j.internal.DeadlockDetector;
import io.github.go4j.internal.Dump;
import io.github.go4j.internal.G;
import io.github.go4j.internal.Panics;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Go starts goroutines: Go's {@code go} statement, plus the runtime queries of package
 * {@code runtime} that make sense on the JVM.
 *
 * <p>A goroutine is a virtual thread. {@code Go.go(task)} happens-before the task starts (CH18):
 * everything the caller wrote before the call is visible to the task. A goroutine's end happens-before
 * nothing; use a channel or a {@code WaitGroup} to wait for it.
 *
 * <p><b>Panics.</b> An exception escaping a goroutine is never swallowed. It is reported like Go's
 * panic: {@code panic: <message>}, the goroutine id, its stack and {@code created by ... in goroutine
 * N}; then, by default, the program goes on (the JVM's custom). With
 * {@code -Dgo4j.panic=exit} or {@link #setPanicPolicy(PanicPolicy) setPanicPolicy(EXIT)} it exits with
 * status 2 like Go. A custom {@link PanicHandler} replaces the report.
 *
 * {@snippet :
 * Channel<String> messages = Channel.make();
 * Go.go(() -> messages.send("ping"));
 * System.out.println(messages.receive());
 * }
 */
public final class Go {

    private Go() {}

    /** The body of a goroutine. It may throw checked exceptions; what escapes is reported as a panic. */
    @FunctionalInterface
    public interface Task {
        /** Runs the goroutine's body. */
        void run() throws Exception;
    }

    /** What happens after a goroutine panics (lets an exception escape) and it has been reported. */
    public enum PanicPolicy {
        /** Print Go's panic report to standard error and keep the program running (the default). */
        PRINT,
        /** Print the report and exit the JVM with status 2, as Go does. */
        EXIT
    }

    /** Receives the exceptions that escape goroutines. */
    @FunctionalInterface
    public interface PanicHandler {
        /**
         * Called on the dying goroutine's thread with what escaped it. {@code report} is Go's text
         * ({@code panic: ...}, goroutine, stack, created by).
         */
        void panicked(Throwable panic, String report);
    }

    /**
     * Starts {@code task} in a new goroutine (a virtual thread) and returns at once.
     *
     * @return the goroutine's thread, for interrupting or joining it from Java code
     * @throws NullPointerException if task is null
     */
    public static Thread go(Task task) {
        Objects.requireNonNull(task, "task");
        return Panics.startTask(task, null, null);
    }

    /**
     * Returns the number of goroutines that exist now: those started by {@link #go} and still running,
     * plus one for the program's main thread (Go counts main too, RU01).
     */
    public static int numGoroutine() {
        return G.liveCount() + 1;
    }

    /**
     * Go's {@code runtime.GOMAXPROCS}: the number of carrier threads that run goroutines at once. On the
     * JVM it is fixed when the virtual-thread scheduler starts ({@code -Djdk.virtualThreadScheduler.parallelism}),
     * so {@code n < 1} queries it (RU02) and {@code n >= 1} other than the current value fails.
     *
     * @return the current value
     * @throws UnsupportedOperationException if asked to change it
     */
    public static int gomaxprocs(int n) {
        int current = gomaxprocs();
        if (n >= 1 && n != current) {
            throw new UnsupportedOperationException("go4j: GOMAXPROCS is fixed when the JVM starts; run with "
                    + "-Djdk.virtualThreadScheduler.parallelism=" + n);
        }
        return current;
    }

    /** Returns the number of carrier threads that run goroutines (Go's {@code GOMAXPROCS(0)}). */
    public static int gomaxprocs() {
        String p = System.getProperty("jdk.virtualThreadScheduler.parallelism");
        if (p != null) {
            try {
                return Integer.parseInt(p.trim());
            } catch (NumberFormatException ignored) {
                // fall through to the JDK's default
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** Yields the processor so other goroutines may run; the caller stays runnable (RU03). */
    public static void gosched() {
        Thread.yield();
    }

    /** Sets what happens after a goroutine's panic is reported. */
    public static void setPanicPolicy(PanicPolicy policy) {
        Panics.setPolicy(policy);
    }

    /** Returns the current panic policy. */
    public static PanicPolicy panicPolicy() {
        return Panics.policy();
    }

    /**
     * Replaces the panic report with {@code handler}; {@code null} restores the default (print Go's
     * report to standard error, then apply the {@link PanicPolicy}).
     */
    public static void setPanicHandler(PanicHandler handler) {
        Panics.setHandler(handler);
    }

    /**
     * Returns a dump of every live goroutine in Go's format (RU08), ordered by id:
     * {@code goroutine 7 [chan receive, 2 minutes]:}, its stack (innermost first, without go4j's and
     * the JDK's internal frames), and {@code created by <task class> in goroutine <parent id>}. A
     * goroutine not parked in a go4j primitive shows {@code [running]}. Threads not started by go4j
     * are not listed. The dump is a weakly consistent snapshot; it never blocks the goroutines.
     * To get one from outside the program, run it with {@code -Dgo4j.dumpOnExit=true}: the JVM then
     * prints a dump to standard error when it shuts down (also on {@code kill -TERM} or Ctrl-C).
     *
     * {@snippet :
     * System.err.println(Go.dump());
     * // goroutine 21 [chan receive]:
     * // com.example.Worker.run(...)
     * //     Worker.java:42
     * // created by com.example.Main (lambda) in goroutine 1
     * }
     */
    public static String dump() {
        return Dump.all();
    }

    /** Prints {@link #dump()} to {@code out}. */
    public static void dump(PrintStream out) {
        Dump.print(out);
    }

    /**
     * Turns Go's deadlock detector on or off (off by default; {@code -Dgo4j.deadlockDetection=true}
     * turns it on at startup). When every goroutine and every thread that waits in go4j primitives is
     * parked in one, and no timer is pending, it prints
     * {@code fatal error: all goroutines are asleep - deadlock!} with a dump to standard error and
     * interrupts them all, so that their blocked operations fail instead of hanging
     * ({@code -Dgo4j.deadlockDetection=exit} halts the JVM with status 2 instead, as Go does). Threads
     * not started by go4j that wake goroutines without ever waiting in go4j are invisible to it: leave
     * it off in such programs. Goroutines parked in a {@code Mutex}, {@code RWMutex} or {@code Once}
     * are not interrupted (those waits ignore interrupts, as in Go): their waits fail with
     * {@link io.github.go4j.sync.SyncFatalError}.
     *
     * <p>Beyond Go, it also reports a <em>partial</em> deadlock, a cycle of goroutines (or threads)
     * each waiting for a lock or a {@code Once} that the next one holds, while the rest of the program
     * runs: {@code fatal error: partial deadlock: goroutines waiting on each other}, the wait-for chain
     * and a dump of the members, confirmed after a delay (a mutex may be unlocked by another goroutine
     * in Go), then the members' waits fail with {@code SyncFatalError} (or the JVM halts with
     * {@code =exit}). Channels, WaitGroups and Conds have no owner to follow, so cycles through them are
     * not seen. Detection costs a lock on every park and wake while it is on, and one volatile read per
     * lock while off. See docs/testing.md and ADR 0034.
     */
    public static void setDeadlockDetection(boolean on) {
        DeadlockDetector.enable(on);
    }
}
