package io.github.go4j.goleak;

import io.github.go4j.internal.Clock;
import io.github.go4j.internal.Dump;
import io.github.go4j.internal.G;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Goroutine leak checks: Uber's {@code goleak} for go4j (TH01-TH04).
 *
 * <p>{@link #verifyNone} looks at every live goroutine except the calling one, drops those an
 * {@link Option} ignores, and, while some are left, retries with a backoff (1µs·2^i, capped at
 * 100ms, 20 tries by default: TH01), so that goroutines that are just finishing are not reported.
 * If some are still left, it throws an {@link AssertionError} "found unexpected goroutines:" listing
 * each one in Go's dump format: id and wait reason, its stack, {@code created by} and, with
 * {@code -Dgo4j.traceCreation=true}, the place of the {@code go} call, plus how long it has waited.
 *
 * <p>In JUnit 5, use {@link VerifyNoLeaks @VerifyNoLeaks} (or {@link GoroutineLeakExtension}),
 * which ignores the goroutines that were alive before the test. Only goroutines started by go4j are
 * seen; plain threads are not. Checks are global: tests that run in parallel see each other's
 * goroutines.
 *
 * {@snippet :
 * @Test
 * void noLeak() throws Exception {
 *     GoLeak.Option before = GoLeak.ignoreCurrent();
 *     runTheCodeUnderTest();
 *     GoLeak.verifyNone(before);
 * }
 * }
 */
public final class GoLeak {

    private static final int DEFAULT_MAX_RETRIES = 20;
    private static final long DEFAULT_MAX_SLEEP_NANOS = Duration.ofMillis(100).toNanos();

    private GoLeak() {}

    /**
     * An option of {@link #find}/{@link #verifyNone}: a filter of goroutines to ignore, or a retry
     * setting. Immutable; null is never a valid option.
     */
    public static final class Option {
        private final Predicate<G> ignore;
        private final int maxRetries;
        private final long maxSleepNanos;

        private Option(Predicate<G> ignore, int maxRetries, long maxSleepNanos) {
            this.ignore = ignore;
            this.maxRetries = maxRetries;
            this.maxSleepNanos = maxSleepNanos;
        }

        private static Option filter(Predicate<G> p) {
            return new Option(p, -1, -1);
        }
    }

    /**
     * Ignores goroutines whose top frame (the first frame a dump shows) is {@code function}, a fully
     * qualified {@code package.Class.method}, as {@code goleak.IgnoreTopFunction} does (TH04).
     */
    public static Option ignoreTopFunction(String function) {
        Objects.requireNonNull(function, "function");
        return Option.filter(g -> {
            StackTraceElement top = Dump.topFrame(g);
            return top != null && function.equals(top.getClassName() + "." + top.getMethodName());
        });
    }

    /** Ignores goroutines with {@code function} ({@code package.Class.method}) anywhere in their stack. */
    public static Option ignoreAnyFunction(String function) {
        Objects.requireNonNull(function, "function");
        return Option.filter(g -> {
            for (StackTraceElement e : Dump.frames(g)) {
                if (function.equals(e.getClassName() + "." + e.getMethodName())) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * Ignores goroutines whose {@code created by} name starts with {@code creator}: a task class, or
     * for a lambda the class that wrote it.
     */
    public static Option ignoreCreatedBy(String creator) {
        Objects.requireNonNull(creator, "creator");
        return Option.filter(g -> g.createdBy() != null && g.createdBy().startsWith(creator));
    }

    /** Ignores the goroutines alive now (a snapshot taken by this call), as {@code goleak.IgnoreCurrent}. */
    public static Option ignoreCurrent() {
        Set<Long> ids = new HashSet<>();
        for (G g : G.live()) {
            ids.add(g.id());
        }
        return Option.filter(g -> ids.contains(g.id()));
    }

    /** Retries at most {@code n} times (default 20). */
    public static Option maxRetries(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("goleak: negative retry count " + n);
        }
        return new Option(null, n, -1);
    }

    /** Caps the sleep between retries (default 100ms). */
    public static Option maxSleep(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("goleak: negative sleep " + d);
        }
        return new Option(null, -1, d.toNanos());
    }

    /**
     * Returns the report of each goroutine that is still alive after the retries, in Go's dump format;
     * empty when there is none. Call it outside synctest bubbles (the JUnit extensions do).
     *
     * @throws IllegalStateException when called inside a synctest bubble
     * @throws InterruptedException if interrupted between retries
     */
    public static List<String> find(Option... options) throws InterruptedException {
        G caller = G.current();
        if (caller != null && caller.bubble() != null) {
            // Its retries wait on the real clock, which a bubble would take for a durable sleep.
            throw new IllegalStateException("goleak: cannot check for leaks inside a synctest bubble");
        }
        Predicate<G> ignore = g -> false;
        int maxRetries = DEFAULT_MAX_RETRIES;
        long maxSleep = DEFAULT_MAX_SLEEP_NANOS;
        for (Option o : options) {
            Objects.requireNonNull(o, "option");
            if (o.ignore != null) {
                ignore = ignore.or(o.ignore);
            }
            if (o.maxRetries >= 0) {
                maxRetries = o.maxRetries;
            }
            if (o.maxSleepNanos >= 0) {
                maxSleep = o.maxSleepNanos;
            }
        }
        G self = caller;
        List<G> left = List.of();
        for (int i = 0; ; i++) {
            left = new ArrayList<>();
            for (G g : G.live()) {
                if (g != self && !ignore.test(g)) {
                    left.add(g);
                }
            }
            if (left.isEmpty() || i >= maxRetries) {
                break;
            }
            Clock.system().sleep(Math.min(maxSleep, 1_000L << Math.min(i, 40)));
        }
        left.sort(Comparator.comparingLong(G::id));
        List<String> reports = new ArrayList<>(left.size());
        for (G g : left) {
            String dump = Dump.of(g);
            long waited = Dump.waitedNanos(g);
            if (g.waitReason() != null) {
                dump = dump + "\twaiting for " + Duration.ofNanos(waited).toString().substring(2).toLowerCase()
                        + "\n";
            }
            reports.add(dump);
        }
        return reports;
    }

    /**
     * Fails if goroutines other than the caller and those the options ignore are still alive after the
     * retries (TH01).
     *
     * @throws AssertionError "found unexpected goroutines:" and the list, in Go's dump format
     * @throws InterruptedException if interrupted between retries
     */
    public static void verifyNone(Option... options) throws InterruptedException {
        List<String> leaks = find(options);
        if (!leaks.isEmpty()) {
            throw new AssertionError("found unexpected goroutines:\n[" + String.join("\n", leaks) + "]");
        }
    }
}
