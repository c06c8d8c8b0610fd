package io.github.go4j.examples;

import static io.github.go4j.examples.TourRun.VIRTUAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The solutions of the tutorial's five exercises. */
class ExercisesTest {

    @Test
    @DisplayName("exercise-1: ten squares collected through a channel; the sum of squares is 385")
    void exercise1() {
        TourRun r = TourRun.run(Exercise1::new);
        List<String[]> results = r.matches("Result (\\d+): (\\d+) \\(running sum: (\\d+)\\)");
        assertThat(results).hasSize(10);
        int running = 0;
        for (int i = 0; i < results.size(); i++) {
            running += Integer.parseInt(results.get(i)[2]);
            assertThat(results.get(i)[1]).isEqualTo(Integer.toString(i + 1));
            assertThat(Integer.parseInt(results.get(i)[3])).isEqualTo(running);
        }
        assertThat(results.stream().map(g -> Integer.parseInt(g[2])))
                .containsExactlyInAnyOrder(1, 4, 9, 16, 25, 36, 49, 64, 81, 100);
        assertThat(r.count("Processed 10 numbers")).isEqualTo(1);
        assertThat(r.count("Sum of squares: 385")).isEqualTo(1);
    }

    @Test
    @DisplayName("exercise-2: 1..20 -> 2n+10 -> > 30: count 10, values 32..50, sum 410, average 41.00")
    void exercise2() {
        TourRun r = TourRun.run(Exercise2::new);
        assertThat(r.lines).containsSubsequence(
                "=== Results ===",
                "Filtered count: 10",
                "Filtered values: [32 34 36 38 40 42 44 46 48 50]",
                "Sum: 410",
                "Average: 41.00");
        assertThat(r.startingWith("Generator: Produced "))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).mapToObj(i -> "Generator: Produced " + i).toList());
        assertThat(r.startingWith("Collector: Rejected ")).hasSize(10);
        assertThat(r.startingWith("Total pipeline time: ")).hasSize(1);
    }

    @Test
    @DisplayName("exercise-3: 20 jobs over 4 workers, each done once; per-worker counts add up to 20")
    void exercise3() {
        TourRun r = TourRun.run(Exercise3::new);
        for (int id = 1; id <= 20; id++) {
            assertThat(r.matches("Worker \\d: Completed job " + id + " \\(.*")).hasSize(1);
            assertThat(r.matches("Submitted job " + id + " \\(complexity: \\d+ms\\)")).hasSize(1);
        }
        assertThat(r.intOf("Jobs processed: (\\d+)")).isEqualTo(20);
        List<String[]> perWorker = r.matches("  Worker (\\d): (\\d+) jobs \\((.*)%\\)");
        assertThat(perWorker).hasSize(4);
        assertThat(perWorker.stream().mapToInt(g -> Integer.parseInt(g[2])).sum()).isEqualTo(20);
        for (String[] g : perWorker) {
            int processed = r.intOf("Worker " + g[1] + ": Finished \\((\\d+) jobs processed\\)");
            assertThat(Integer.parseInt(g[2])).isEqualTo(processed);
        }
    }

    @Test
    @DisplayName("exercise-4: 15 operations, each ends once: success before its 2s timeout, else timeout (CX06); none cancelled")
    void exercise4() {
        TourRun r = TourRun.run(Exercise4::new);
        assertThat(r.count("Total operations: 15")).isEqualTo(1);
        int ok = r.intOf("Operations completed: (\\d+)");
        int timedOut = r.intOf("Operations timed out: (\\d+)");
        int cancelled = r.intOf("Operations cancelled: (\\d+)");
        assertThat(ok + timedOut + cancelled).isEqualTo(15);
        for (int id = 1; id <= 15; id++) {
            assertThat(r.matches("Operation " + id + ": . (Success|Timeout|Cancelled) \\(took .*\\)")).hasSize(1);
        }
        if (VIRTUAL) {
            // The global 5s deadline comes after the last per-operation deadline (1.4s + 2s).
            assertThat(cancelled).isZero();
            for (String[] g : r.matches("Operation (\\d+): Starting \\(duration: (.*)\\)")) {
                String outcome = durationUnder2s(g[2]) ? "Success" : "Timeout";
                assertThat(r.matches("Operation " + g[1] + ": . " + outcome + " .*")).as("op %s (%s)", g[1], g[2]).hasSize(1);
            }
        }
    }

    private static boolean durationUnder2s(String goDuration) {
        if (goDuration.endsWith("ms")) {
            return true;
        }
        return Double.parseDouble(goDuration.substring(0, goDuration.length() - 1)) < 2.0;
    }

    @Test
    @DisplayName("exercise-5: 12 messages routed by topic; subscribers get 9, 6 and 9; shutdown closes every channel")
    void exercise5() {
        TourRun r = TourRun.run(Exercise5::new);
        assertThat(r.count("Broker: Stopped (routed 12 messages)")).isEqualTo(1);
        for (int id = 1; id <= 3; id++) {
            assertThat(r.count("Broker: Registered subscriber " + id)).isEqualTo(1);
        }
        int warnings = r.startingWith("Broker: Warning").size();
        int received = 0;
        for (int id = 1; id <= 3; id++) {
            int n = r.intOf("Subscriber " + id + ": Stopped \\(received (\\d+) messages\\)");
            assertThat(r.startingWith("Subscriber " + id + ": Received [")).hasSize(n);
            received += n;
        }
        assertThat(received + warnings).isEqualTo(24);
        if (VIRTUAL) {
            assertThat(warnings).isZero();
            assertThat(r.intOf("Subscriber 1: Stopped \\(received (\\d+) messages\\)")).isEqualTo(9);
            assertThat(r.intOf("Subscriber 2: Stopped \\(received (\\d+) messages\\)")).isEqualTo(6);
            assertThat(r.intOf("Subscriber 3: Stopped \\(received (\\d+) messages\\)")).isEqualTo(9);
        }
        assertThat(r.lastLine()).isEqualTo("=== Demo Complete ===");
    }
}
