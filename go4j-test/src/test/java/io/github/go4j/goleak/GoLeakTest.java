package io.github.go4j.goleak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.internal.WaitReason;
import io.github.go4j.runtime.DumpTest;
import io.github.go4j.synctest.SyncTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

@Timeout(30)
class GoLeakTest {

    /** Set while this test runs its fixtures through the launcher. */
    static final String FIXTURES = "go4j.test.runFixtures";

    /** Channels the fixtures park goroutines on; closed after each test so nothing leaks from here. */
    static final ConcurrentLinkedQueue<Channel<Integer>> PARKING = new ConcurrentLinkedQueue<>();

    @AfterEach
    void release() throws InterruptedException {
        Channel<Integer> c;
        while ((c = PARKING.poll()) != null) {
            c.close();
        }
        GoLeak.verifyNone(); // the fixtures' goroutines have all gone
    }

    static Channel<Integer> parking() {
        Channel<Integer> c = Channel.make();
        PARKING.add(c);
        return c;
    }

    static void parkForever(Channel<Integer> c) throws InterruptedException {
        c.receive();
    }

    @Test
    @DisplayName("TH01: a leaked goroutine is reported with its wait reason, stack and creation site")
    void leakReported() throws InterruptedException {
        GoLeak.Option before = GoLeak.ignoreCurrent();
        Channel<Integer> c = parking();
        // Parked before the check: with 3 retries, a goroutine not yet in receive shows as [running].
        DumpTest.waitFor(Go.go(() -> parkForever(c)), WaitReason.CHAN_RECEIVE);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> GoLeak.verifyNone(before, GoLeak.maxRetries(3)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("found unexpected goroutines:\n[goroutine ")
                .hasMessageContaining(" [chan receive]:\n")
                .hasMessageContaining("io.github.go4j.goleak.GoLeakTest.parkForever(...)\n\tGoLeakTest.java:")
                .hasMessageContaining("created by io.github.go4j.goleak.GoLeakTest (lambda) in goroutine 1\n"
                        + "\tGoLeakTest.java:")
                .hasMessageContaining("\twaiting for ");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("TH01: goroutines that finish during the retries are not leaks")
    void finishingGoroutinesAreNotLeaks() throws InterruptedException {
        GoLeak.Option before = GoLeak.ignoreCurrent();
        Channel<Integer> c = Channel.make(); // unbuffered: when send returns, the goroutine is on its way out
        Go.go(() -> c.receive());
        c.send(1);
        GoLeak.verifyNone(before);
    }

    @Test
    @DisplayName("TH04: ignoreTopFunction, ignoreAnyFunction and ignoreCreatedBy drop matching goroutines")
    void ignoreOptions() throws InterruptedException {
        GoLeak.Option before = GoLeak.ignoreCurrent();
        Channel<Integer> c = parking();
        DumpTest.waitFor(Go.go(() -> parkForever(c)), WaitReason.CHAN_RECEIVE);
        GoLeak.Option fast = GoLeak.maxRetries(2);
        // The top frame is go4j's public receive (Go shows chanrecv's caller; go4j shows its API).
        List<String> leaks = GoLeak.find(before, fast);
        assertThat(leaks).hasSize(1);
        String top = leaks.get(0).lines().skip(1).findFirst().orElseThrow();
        String topFunction = top.substring(0, top.indexOf("(...)"));
        assertThat(GoLeak.find(before, fast, GoLeak.ignoreTopFunction(topFunction))).isEmpty();
        assertThat(GoLeak.find(before, fast, GoLeak.ignoreAnyFunction("io.github.go4j.goleak.GoLeakTest.parkForever")))
                .isEmpty();
        assertThat(GoLeak.find(before, fast, GoLeak.ignoreCreatedBy("io.github.go4j.goleak.GoLeakTest"))).isEmpty();
        assertThat(GoLeak.find(before, fast, GoLeak.ignoreAnyFunction("com.example.Nothing.here"))).hasSize(1);
    }

    @Test
    @DisplayName("Leak checks refuse to run inside a synctest bubble (their retries use the real clock)")
    void notInsideBubble() throws Exception {
        AtomicReference<Throwable> err = new AtomicReference<>();
        SyncTest.run(() -> {
            try {
                GoLeak.verifyNone();
            } catch (IllegalStateException e) {
                err.set(e);
            }
        });
        assertThat(err.get()).hasMessage("goleak: cannot check for leaks inside a synctest bubble");
    }

    @Test
    @DisplayName("@VerifyNoLeaks fails a leaking test and passes a clean one")
    void extensionFailsLeakingTest() {
        TestExecutionSummary summary = run(Fixtures.class);
        assertThat(summary.getTestsSucceededCount()).as(() -> describe(summary)).isEqualTo(2);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        Throwable failure = summary.getFailures().get(0).getException();
        assertThat(summary.getFailures().get(0).getTestIdentifier().getDisplayName()).isEqualTo("leaks()");
        assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("found unexpected goroutines:")
                .hasMessageContaining("[chan receive]");
    }

    @Test
    @DisplayName("TH04: ignoreCurrent ignores the goroutines alive when it was made, and only those")
    void ignoreCurrentIsASnapshot() throws InterruptedException {
        Channel<Integer> c = parking();
        Thread old = Go.go(() -> parkForever(c));
        DumpTest.waitFor(old, WaitReason.CHAN_RECEIVE);
        GoLeak.Option snapshot = GoLeak.ignoreCurrent();
        GoLeak.Option fast = GoLeak.maxRetries(2);
        assertThat(GoLeak.find(snapshot, fast)).isEmpty();
        Thread young = Go.go(() -> parkForever(c));
        DumpTest.waitFor(young, WaitReason.CHAN_RECEIVE);
        List<String> leaks = GoLeak.find(snapshot, fast);
        assertThat(leaks).hasSize(1);
        assertThat(leaks.get(0)).startsWith("goroutine " + idOf(young) + " [chan receive]");
    }

    private static long idOf(Thread t) {
        return io.github.go4j.internal.G.live().stream().filter(g -> g.thread() == t).findFirst().orElseThrow().id();
    }

    static String describe(TestExecutionSummary s) {
        StringBuilder sb = new StringBuilder("found " + s.getTestsFoundCount() + ", failures:");
        s.getFailures().forEach(f -> sb.append('\n').append(f.getTestIdentifier().getDisplayName()).append(": ")
                .append(f.getException()));
        return sb.toString();
    }

    static TestExecutionSummary run(Class<?> fixture) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        System.setProperty(FIXTURES, "true");
        try {
            launcher.execute(request, listener);
        } finally {
            System.clearProperty(FIXTURES);
        }
        return listener.getSummary();
    }

    /** Run by {@link #extensionFailsLeakingTest} through the launcher, not by Surefire (a nested class). */
    @VerifyNoLeaks(ignoreTopFunctions = "com.example.Known.loop")
    @EnabledIfSystemProperty(named = FIXTURES, matches = "true") // skipped when a test filter picks it up directly
    static class Fixtures {
        @Test
        void clean() throws InterruptedException {
            Channel<Integer> c = Channel.make();
            Go.go(() -> c.send(1));
            c.receive();
        }

        @Test
        void leaks() {
            Channel<Integer> c = parking();
            Go.go(() -> parkForever(c));
        }

        @Test
        @VerifyNoLeaks(ignoreAnyFunctions = "io.github.go4j.goleak.GoLeakTest.parkForever")
        void leaksAKnownGoroutine() {
            Channel<Integer> c = parking();
            Go.go(() -> parkForever(c));
        }
    }
}
