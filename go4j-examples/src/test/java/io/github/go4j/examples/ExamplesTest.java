package io.github.go4j.examples;

import static io.github.go4j.examples.TourRun.VIRTUAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The tutorial's Examples 1-5. */
class ExamplesTest {

    @Test
    @DisplayName("workers: 3 workers square jobs 1..5; range ends when the channel is closed and drained (CH07)")
    void workers() {
        TourRun r = TourRun.run(Workers::new);
        assertThat(r.matches("Received result: (\\d+)").stream().map(g -> Integer.parseInt(g[1])))
                .containsExactlyInAnyOrder(1, 4, 9, 16, 25);
        for (int j = 1; j <= 5; j++) {
            assertThat(r.count("Sent job " + j + " to workers")).isEqualTo(1);
            assertThat(r.matches("Worker \\d processing job " + j)).hasSize(1);
        }
        for (int id = 1; id <= 3; id++) {
            r.assertBefore("Worker " + id + " starting", "Worker " + id + " finished");
        }
        assertThat(r.lastLine()).isEqualTo("All workers completed");
    }

    @Test
    @DisplayName("select: waits on several channels; the quit case ends the loop with the count of messages (SE01)")
    void select() {
        TourRun r = TourRun.run(SelectExample::new);
        int received = r.startingWith("Received from ").size();
        assertThat(r.intOf("Quit signal received after (\\d+) messages")).isEqualTo(received);
        // Each sender's messages arrive in its own order.
        assertThat(r.startingWith("Received from ch1: ")).isSortedAccordingTo(String::compareTo);
        assertThat(r.startingWith("Received from ch2: ")).isSortedAccordingTo(String::compareTo);
        assertThat(r.lastLine()).startsWith("Quit signal received after");
        if (VIRTUAL) {
            // ch1 at 1,2,3s and ch2 at 1.5,3,4.5s all come before quit at 5s; no gap reaches 2s.
            assertThat(received).isEqualTo(6);
            assertThat(r.startingWith("Timeout:")).isEmpty();
        }
    }

    @Test
    @DisplayName("pipeline: generate -> square -> filter > 50 yields 64, 81, 100 in order; closes cascade (CH07)")
    void pipeline() {
        TourRun r = TourRun.run(Pipeline::new);
        assertThat(r.matches("Result \\d+: (\\d+)").stream().map(g -> Integer.parseInt(g[1])))
                .containsExactly(64, 81, 100);
        assertThat(r.startingWith("Generated: "))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 10).mapToObj(i -> "Generated: " + i).toList());
        assertThat(r.startingWith("Rejected: ")).hasSize(7);
        assertThat(r.count("Total results: 3")).isEqualTo(1);
        for (String done : List.of("Generator finished", "Squarer finished", "Filter finished")) {
            assertThat(r.count(done)).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("worker-pool: every submitted job yields exactly one result; shutdown closes the results (context CX01)")
    void workerPool() {
        TourRun r = TourRun.run(WorkerPool::new);
        for (int id = 1; id <= 10; id++) {
            assertThat(r.count("Submitted job " + id)).isEqualTo(1);
            assertThat(r.matches("[✓✗] Job " + id + " .*")).as("one result for job %d", id).hasSize(1);
        }
        int ok = r.intOf("Successful: (\\d+)");
        int failed = r.intOf("Failed: (\\d+)");
        assertThat(ok + failed).isEqualTo(10);
        assertThat(r.intOf("Total: (\\d+)")).isEqualTo(10);
        assertThat(r.startingWith("✓ ")).hasSize(ok);
        assertThat(r.startingWith("✗ ")).hasSize(failed);
        if (VIRTUAL) {
            assertThat(r.count("All workers completed gracefully")).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("fan-out-fan-in: 20 tasks squared by 4 workers, sum matches; 3 channels merged: 9 values, sum 360")
    void fanOutFanIn() {
        TourRun r = TourRun.run(FanOutFanIn::new);
        List<String[]> processed = r.matches("Worker (\\d) processed task (\\d+): (\\d+) -> (\\d+)");
        assertThat(processed).hasSize(20);
        assertThat(processed.stream().map(g -> Integer.parseInt(g[2]))).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 20).boxed().toList());
        for (String[] g : processed) {
            int v = Integer.parseInt(g[3]);
            assertThat(Integer.parseInt(g[4])).isEqualTo(v * v);
        }
        int sum = processed.stream().mapToInt(g -> Integer.parseInt(g[4])).sum();
        assertThat(r.intOf("Processed tasks: (\\d+)")).isEqualTo(20);
        assertThat(r.intOf("Sum of squared values: (\\d+)")).isEqualTo(sum);

        assertThat(r.startingWith("Fan-in from channel ")).hasSize(9);
        assertThat(r.intOf("Total values: (\\d+)")).isEqualTo(9);
        assertThat(r.intOf("Sum: (\\d+)")).isEqualTo(360);
    }
}
