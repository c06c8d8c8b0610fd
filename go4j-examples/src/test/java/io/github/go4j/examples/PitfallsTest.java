package io.github.go4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The tutorial's Pitfalls 1-3: goroutine leaks, races, deadlocks. */
class PitfallsTest {

    @Test
    @DisplayName("leak: the goroutine that waits on a forgotten channel stays (NumGoroutine +1, RU01); the fixed one ends")
    void leak() {
        TourRun r = TourRun.run(Leak::new);
        assertThat(r.intOf("go4j: NumGoroutine before leakExample: \\d+, one second after it returned: \\d+ \\(leaked: (-?\\d+)\\)"))
                .isEqualTo(1);
        assertThat(r.lines).containsSubsequence(
                "Function returned, but goroutine is still running!",
                "=== Fixed Example ===",
                "Received: 42",
                "Goroutine completed properly",
                "go4j: releasing the leaked goroutine by sending the value leakExample forgot:",
                "Received: 0");
        assertThat(r.startingWith("Timeout waiting for value")).isEmpty();
        assertThat(r.goroutinesLeftBehind).isFalse();
    }

    @Test
    @DisplayName("race: the mutex-protected counter is exact; the racy one never exceeds the truth")
    void race() {
        TourRun r = TourRun.run(Race::new);
        assertThat(r.intOf("Unsafe counter \\(expected 1000\\): (\\d+)")).isBetween(1, 1000);
        assertThat(r.intOf("Safe counter \\(expected 1000\\): (\\d+)")).isEqualTo(1000);
    }

    @Test
    @DisplayName("deadlock: a send with no receiver never completes (CH01), shown bounded; the three fixes work")
    void deadlock() {
        TourRun r = TourRun.run(Deadlock::new);
        assertThat(r.lines).containsSubsequence(
                "=== Deadlock Example ===",
                "Skipping deadlock example to avoid hanging...",
                "=== Solution 1: Buffered Channel ===",
                "Received: 1",
                "=== Solution 2: Separate Goroutines ===",
                "Received: 42",
                "=== Solution 3: Select with Timeout ===",
                "Send timed out (expected)");
        assertThat(r.startingWith("go4j: ch.send(1) with no receiver")).singleElement().asString().contains("sent=false");
        assertThat(r.startingWith("Sent successfully")).isEmpty();
    }
}
