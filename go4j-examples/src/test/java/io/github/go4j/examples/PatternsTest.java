package io.github.go4j.examples;

import static io.github.go4j.examples.TourRun.VIRTUAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The tutorial's Patterns 1-3: timeout and cancellation, rate limiting, semaphore. */
class PatternsTest {

    @Test
    @DisplayName("timeout: a context deadline (CX06) and a cancel (CX01) end the wait with their errors; time.After bounds a select (TM03)")
    void timeout() {
        TourRun r = TourRun.run(Timeout::new);
        assertThat(r.lines).containsSubsequence(
                "=== Example 1: Context with Timeout ===",
                "Task cancelled: quick-task",
                "Error: context deadline exceeded",
                "=== Example 2: Manual Cancellation ===",
                "Task cancelled: cancellable-task",
                "Error: context canceled",
                "=== Example 3: Select with Timeout ===",
                "Operation timed out");
        r.assertBefore("Sending cancellation signal...", "Task cancelled: cancellable-task");
        assertThat(r.startingWith("Task completed")).isEmpty();
        if (VIRTUAL) {
            // The work goroutines still sleep or wait to send when main returns: Go drops them at exit.
            assertThat(r.goroutinesLeftBehind).isTrue();
        }
    }

    @Test
    @DisplayName("rate-limit: requests pass the ticker in order, at most one per tick (TM07); every token-bucket request is served once")
    void rateLimit() {
        TourRun r = TourRun.run(RateLimit::new);
        List<String[]> processing = r.matches("Processing request (\\d) at (\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d)");
        assertThat(processing.stream().map(g -> g[1])).containsExactly("1", "2", "3", "4", "5");
        for (int id = 1; id <= 6; id++) {
            assertThat(r.matches("Request " + id + " processed at .*")).hasSize(1);
        }
        if (VIRTUAL) {
            for (int i = 1; i < processing.size(); i++) {
                Duration gap = Duration.between(LocalTime.parse(processing.get(i - 1)[2]), LocalTime.parse(processing.get(i)[2]));
                assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(333));
            }
        }
    }

    @Test
    @DisplayName("semaphore: a buffered channel of 3 never lets more than 3 workers in at once (CH03)")
    void semaphore() {
        TourRun r = TourRun.run(SemaphoreExample::new);
        int inside = 0;
        int maxInside = 0;
        for (String line : r.lines) {
            if (line.matches("Worker \\d acquired semaphore, starting work")) {
                maxInside = Math.max(maxInside, ++inside);
            } else if (line.matches("Worker \\d finished work, releasing semaphore")) {
                inside--;
            }
        }
        assertThat(maxInside).isBetween(1, 3);
        for (int id = 1; id <= 6; id++) {
            r.assertBefore("Worker " + id + " waiting for semaphore...", "Worker " + id + " acquired semaphore, starting work");
            r.assertBefore("Worker " + id + " acquired semaphore, starting work", "Worker " + id + " finished work, releasing semaphore");
        }
        assertThat(r.lastLine()).isEqualTo("All workers completed");
        if (VIRTUAL) {
            assertThat(maxInside).isEqualTo(3);
        }
        assertThat(IntStream.rangeClosed(1, 6)).allSatisfy(id ->
                assertThat(r.count("Worker " + id + " acquired semaphore, starting work")).isEqualTo(1));
    }
}
