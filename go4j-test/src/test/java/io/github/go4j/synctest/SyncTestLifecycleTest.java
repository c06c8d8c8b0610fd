package io.github.go4j.synctest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * TH11: with {@code @SyncTestVirtualTime}, {@code @BeforeEach} and {@code @AfterEach} run in the same
 * bubble as the test body, as Go runs {@code t.Cleanup} inside the bubble. The assertions in the
 * lifecycle methods are part of the tests: they fail them when a method runs outside the bubble.
 */
@Timeout(30)
@SyncTestVirtualTime
class SyncTestLifecycleTest {

    private static final Instant Y2K = Instant.parse("2000-01-01T00:00:00Z");

    /** A server goroutine started by @BeforeEach, stopped by @AfterEach. */
    private Channel<Integer> requests;
    private Channel<Integer> replies;
    private Channel<Void> serverDone;
    /** Closed by @AfterEach: releases what a test body left blocked on it. */
    private Channel<Void> release;
    /** The virtual time the test body says @AfterEach must see. */
    private Duration expectedAtCleanup = Duration.ZERO;

    @BeforeEach
    void startServer() {
        assertThat(SyncTest.inBubble()).as("@BeforeEach in the bubble").isTrue();
        assertThat(Time.now()).isEqualTo(Y2K);
        requests = Channel.make();
        replies = Channel.make();
        serverDone = Channel.make();
        release = Channel.make();
        Go.go(() -> {
            try {
                for (Integer r : requests) {
                    Time.sleep(Duration.ofSeconds(r)); // on the bubble's clock: the server is a bubble goroutine
                    replies.send(r * 2);
                }
            } finally {
                serverDone.close();
            }
        });
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        assertThat(SyncTest.inBubble()).as("@AfterEach in the bubble").isTrue();
        assertThat(Time.since(Y2K)).as("the clock goes on from the test body").isEqualTo(expectedAtCleanup);
        requests.close();
        serverDone.receive();
        release.close();
    }

    @Test
    @DisplayName("TH11: a goroutine started by @BeforeEach belongs to the bubble and runs on its clock")
    void serverFromBeforeEach() throws InterruptedException {
        requests.send(3);
        assertThat(replies.receive()).isEqualTo(6);
        assertThat(Time.since(Y2K)).isEqualTo(Duration.ofSeconds(3));
        expectedAtCleanup = Duration.ofSeconds(3);
    }

    @Test
    @DisplayName("TH11: @AfterEach runs before the bubble ends: it may release what the body left blocked")
    void cleanupReleasesBlockedGoroutine() {
        // Outside the bubble, @AfterEach would come after the bubble's end, and this test would fail with
        // "deadlock: main bubble goroutine has exited but blocked goroutines remain".
        Go.go(() -> release.receive());
    }

    @Nested
    class Inner {
        private Instant innerStart;

        @BeforeEach
        void innerSetUp() {
            assertThat(SyncTest.inBubble()).as("a @Nested class's @BeforeEach in the bubble").isTrue();
            innerStart = Time.now();
        }

        @Test
        @DisplayName("TH11: @Nested tests share the bubble with the enclosing class's @BeforeEach/@AfterEach")
        void nested() throws InterruptedException {
            requests.send(1); // the enclosing @BeforeEach's server, in this test's bubble
            assertThat(replies.receive()).isEqualTo(2);
            assertThat(Time.since(innerStart)).isEqualTo(Duration.ofSeconds(1));
            expectedAtCleanup = Duration.ofSeconds(1);
        }
    }

    @TestFactory
    @DisplayName("TH11: a @TestFactory's dynamic tests share one bubble with its @BeforeEach/@AfterEach")
    Stream<DynamicTest> dynamicTests() {
        return Stream.of(1, 2).map(n -> DynamicTest.dynamicTest("request " + n, () -> {
            assertThat(SyncTest.inBubble()).isTrue();
            requests.send(n);
            assertThat(replies.receive()).isEqualTo(2 * n);
            expectedAtCleanup = expectedAtCleanup.plusSeconds(n); // time goes on from one to the next
            assertThat(Time.since(Y2K)).isEqualTo(expectedAtCleanup);
        }));
    }

    @RepeatedTest(2)
    @DisplayName("TH11: every repetition gets a fresh bubble with its lifecycle methods")
    void repeated() throws InterruptedException {
        Time.sleep(Duration.ofHours(1));
        expectedAtCleanup = Duration.ofHours(1);
    }
}
