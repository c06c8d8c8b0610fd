package io.github.go4j.synctest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.time.Time;
import java.time.Duration;
import java.time.Instant;
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
