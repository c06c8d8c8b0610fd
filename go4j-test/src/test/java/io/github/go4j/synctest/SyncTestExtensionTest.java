package io.github.go4j.synctest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import io.github.go4j.goleak.VerifyNoLeaks;
import io.github.go4j.sync.WaitGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

@Timeout(30)
class SyncTestExtensionTest {

    /** Set while this test runs its fixtures through the launcher. */
    static final String FIXTURES = "go4j.test.runFixtures";

    @Test
    @SyncTestVirtualTime
    @DisplayName("@SyncTestVirtualTime on a method: the body runs in a bubble, an hour passes at once")
    void methodInBubble() throws Exception {
        assertThat(SyncTest.inBubble()).isTrue();
        assertThat(Time.after(Duration.ofHours(1)).receive()).isEqualTo(Instant.parse("2000-01-01T01:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5})
    @SyncTestVirtualTime
    @DisplayName("@SyncTestVirtualTime on a parameterized test")
    void parameterizedInBubble(int minutes) throws Exception {
        Time.sleep(Duration.ofMinutes(minutes));
        assertThat(Time.now()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z").plus(Duration.ofMinutes(minutes)));
    }

    @Test
    @DisplayName("Without the annotation, tests run outside bubbles")
    void notInBubble() {
        assertThat(SyncTest.inBubble()).isFalse();
    }

    @Test
    @DisplayName("A class-level annotation puts every test in its own bubble; a bubble deadlock fails the test")
    void classLevel() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        System.setProperty(FIXTURES, "true");
        try {
            LauncherFactory.create().execute(
                    LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Fixtures.class)).build(), listener);
        } finally {
            System.clearProperty(FIXTURES);
        }
        TestExecutionSummary s = listener.getSummary();
        assertThat(s.getTestsSucceededCount()).isEqualTo(2);
        assertThat(s.getTestsFailedCount()).isEqualTo(1);
        assertThat(s.getFailures().get(0).getException()).isInstanceOf(DeadlockError.class)
                .hasMessageStartingWith("deadlock: all goroutines in bubble are blocked");
    }

    @Test
    @DisplayName("TH11: a panic in a bubble goroutine fails the test; after a bubble failure @AfterEach is skipped")
    void failuresThroughTheExtension() {
        CLEANUPS.clear();
        TestExecutionSummary s = launch(FailingFixtures.class);
        assertThat(s.getTestsFoundCount()).isEqualTo(4);
        assertThat(s.getTestsSucceededCount()).isEqualTo(1);
        Map<String, Throwable> failures = new TreeMap<>();
        s.getFailures().forEach(f -> failures.put(f.getTestIdentifier().getDisplayName(), f.getException()));
        assertThat(failures).containsOnlyKeys("goroutinePanics()", "deadlocks()", "leavesABlockedGoroutine()");
        assertThat(failures.get("goroutinePanics()")).isInstanceOf(IllegalStateException.class).hasMessage("boom")
                .hasNoSuppressedExceptions();
        assertThat(failures.get("deadlocks()")).isInstanceOf(DeadlockError.class)
                .hasMessageStartingWith("deadlock: all goroutines in bubble are blocked")
                .hasNoSuppressedExceptions();
        // The body and @AfterEach succeeded; the bubble's end found the goroutine still blocked.
        assertThat(failures.get("leavesABlockedGoroutine()")).isInstanceOf(DeadlockError.class)
                .hasMessageStartingWith("deadlock: main bubble goroutine has exited but blocked goroutines remain");
        assertThat(CLEANUPS).containsExactlyInAnyOrder("cleanup passes()", "cleanup leavesABlockedGoroutine()");
    }

    static TestExecutionSummary launch(Class<?> fixtures) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        System.setProperty(FIXTURES, "true");
        try {
            LauncherFactory.create().execute(
                    LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixtures)).build(), listener);
        } finally {
            System.clearProperty(FIXTURES);
        }
        return listener.getSummary();
    }

    /** What {@link FailingFixtures}' @AfterEach saw. */
    static final List<String> CLEANUPS = new CopyOnWriteArrayList<>();

    /** Run through the launcher by {@link #failuresThroughTheExtension}. */
    @SyncTestVirtualTime
    @EnabledIfSystemProperty(named = FIXTURES, matches = "true")
    static class FailingFixtures {
        @AfterEach
        void cleanup(TestInfo info) {
            CLEANUPS.add("cleanup " + info.getDisplayName() + (SyncTest.inBubble() ? "" : " outside the bubble"));
        }

        @Test
        void passes() throws Exception {
            Time.sleep(Duration.ofSeconds(1));
        }

        @Test
        void goroutinePanics() throws Exception {
            Go.go(() -> {
                Time.sleep(Duration.ofSeconds(1));
                throw new IllegalStateException("boom");
            });
            Channel.<Integer>make().receive();
        }

        @Test
        void deadlocks() throws Exception {
            Channel.<Integer>make().receive();
        }

        @Test
        void leavesABlockedGoroutine() {
            Channel<Integer> c = Channel.make();
            Go.go(() -> c.receive());
        }
    }

    @Test
    @DisplayName("@SyncTestVirtualTime and @VerifyNoLeaks together, in either order: a clean test passes")
    void withLeakCheckInEitherOrder() {
        for (Class<?> c : List.of(BubbleThenLeakCheck.class, LeakCheckThenBubble.class)) {
            TestExecutionSummary s = launch(c);
            assertThat(s.getTestsSucceededCount()).as(c.getSimpleName() + ": " + s.getFailures().stream()
                    .map(f -> String.valueOf(f.getException())).toList()).isEqualTo(1);
            assertThat(s.getTestsFailedCount()).isZero();
        }
    }

    /** A clean test whose goroutines, started in @BeforeEach and in the body, are all gone at the end. */
    abstract static class CleanWithGoroutines {
        // Made in @BeforeEach, inside the bubble: a channel made outside a bubble is not durable in it (TH07).
        private WaitGroup wg;
        private Channel<Integer> work;

        @BeforeEach
        void startWorkers() {
            wg = new WaitGroup();
            work = Channel.make();
            for (int i = 0; i < 3; i++) {
                wg.go(() -> {
                    for (Integer n : work) {
                        Time.sleep(Duration.ofSeconds(n));
                    }
                });
            }
        }

        @AfterEach
        void stopWorkers() throws InterruptedException {
            work.close();
            wg.await();
        }

        @Test
        void clean() throws InterruptedException {
            for (int i = 0; i < 6; i++) {
                work.send(i);
            }
        }
    }

    @SyncTestVirtualTime
    @VerifyNoLeaks
    @EnabledIfSystemProperty(named = FIXTURES, matches = "true")
    static class BubbleThenLeakCheck extends CleanWithGoroutines {}

    @VerifyNoLeaks
    @SyncTestVirtualTime
    @EnabledIfSystemProperty(named = FIXTURES, matches = "true")
    static class LeakCheckThenBubble extends CleanWithGoroutines {}

    @Test
    @DisplayName("TH11: on a method, the annotation puts that test's @BeforeEach/@AfterEach in its bubble, not the others'")
    void methodLevelLifecycle() {
        SEEN.clear();
        TestExecutionSummary s = launch(MethodLevelFixtures.class);
        assertThat(s.getTestsSucceededCount()).as(describe(s)).isEqualTo(2);
        assertThat(SEEN).containsExactlyInAnyOrder("before annotated: true", "annotated: true",
                "after annotated: true", "before plain: false", "plain: false", "after plain: false");
    }

    static String describe(TestExecutionSummary s) {
        return s.getFailures().stream().map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
                .toList().toString();
    }

    /** What {@link MethodLevelFixtures} saw. */
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    /** Run through the launcher by {@link #methodLevelLifecycle}. */
    @EnabledIfSystemProperty(named = FIXTURES, matches = "true")
    static class MethodLevelFixtures {
        @BeforeEach
        void before(TestInfo info) {
            SEEN.add("before " + info.getTestMethod().orElseThrow().getName() + ": " + SyncTest.inBubble());
        }

        @AfterEach
        void after(TestInfo info) {
            SEEN.add("after " + info.getTestMethod().orElseThrow().getName() + ": " + SyncTest.inBubble());
        }

        @Test
        @SyncTestVirtualTime
        void annotated() {
            SEEN.add("annotated: " + SyncTest.inBubble());
        }

        @Test
        void plain() {
            SEEN.add("plain: " + SyncTest.inBubble());
        }
    }

    /** Run through the launcher by {@link #classLevel}, not by Surefire (a nested class). */
    @SyncTestVirtualTime
    @EnabledIfSystemProperty(named = FIXTURES, matches = "true") // skipped when a test filter picks it up directly
    static class Fixtures {
        @Test
        void first() throws Exception {
            Time.sleep(Duration.ofDays(1));
            assertThat(Time.now()).isEqualTo(Instant.parse("2000-01-02T00:00:00Z"));
        }

        @Test
        void second() {
            assertThat(Time.now()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z")); // a fresh bubble
        }

        @Test
        void deadlocks() throws Exception {
            Channel<Integer> c = Channel.make();
            Go.go(() -> c.send(1));
            Channel.<Integer>make().receive();
        }
    }
}
