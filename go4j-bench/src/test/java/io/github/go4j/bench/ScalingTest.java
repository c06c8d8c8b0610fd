package io.github.go4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SCALING.md from a bench/scale run's folders: one column per CPU count, ratios to Go and the best peer. */
class ScalingTest {

    private static String jmh(String impl, double... iterations) {
        StringBuilder raw = new StringBuilder();
        for (double v : iterations) {
            raw.append(raw.length() == 0 ? "" : ", ").append(v);
        }
        return """
                {"benchmark": "io.github.go4j.bench.ContendedBench.mpmc", "params": {"impl": "%s"},
                 "primaryMetric": {"score": 0.0, "scoreError": "NaN", "rawData": [[%s]]}}
                """.formatted(impl, raw);
    }

    private static void count(Path dir, int cpus, String goLine, String... jmh) throws IOException {
        Path d = Files.createDirectories(dir.resolve("cpus-" + cpus));
        Files.writeString(d.resolve("jmh.json"), "[" + String.join(",", jmh) + "]");
        Files.write(d.resolve("go.txt"), List.of("goos: linux", goLine, "PASS"));
    }

    @Test
    @DisplayName("each CPU count is a column, in numeric order, and each ratio is go4j over Go or the fastest peer")
    void columnsAndRatios(@TempDir Path dir) throws IOException {
        count(dir, 16, "Benchmark_mpmc_16-16   \t 100\t 1000 ns/op\t 200.0 ns/msg",
                jmh("go4j", 100, 100), jmh("jox", 400, 400), jmh("ArrayBlockingQueue", 250, 250));
        count(dir, 2, "Benchmark_mpmc_16-2   \t 100\t 1000 ns/op\t 100.0 ns/msg",
                jmh("go4j", 80, 90), jmh("jox", 300, 300), jmh("ArrayBlockingQueue", 500, 500));
        Files.writeString(dir.resolve("meta.txt"), "commit=abc1234\ncpus=16\n");

        String md = Scaling.render(Scaling.read(dir), Report.keyValues(dir.resolve("meta.txt"), "="));

        assertThat(md)
                .contains("- commit: `abc1234`")
                .contains("| shape | 2 CPUs | 16 CPUs |")
                .contains("| mpmc_16 | 0.85x / 0.28x | 0.50x / 0.40x |")
                .contains("| go4j | 85.0 | 100 |")
                .contains("| Go | 100 | 200 |")
                .contains("| go4j / best peer | 0.28x (jox) | 0.40x (ArrayBlockingQueue) |");
        assertThat(md.indexOf("| go4j | 85.0")).isLessThan(md.indexOf("| Go | 100"));
        assertThat(md).doesNotContain("## pingpong");
    }

    @Test
    @DisplayName("a count whose JMH run wrote nothing still shows Go's numbers, and go4j's cells read '-'")
    void emptyJmhFile(@TempDir Path dir) throws IOException {
        Path d = Files.createDirectories(dir.resolve("cpus-4"));
        Files.writeString(d.resolve("jmh.json"), "");
        Files.write(d.resolve("go.txt"), List.of("Benchmark_sem-4 \t 10\t 5 ns/op\t 56.31 ns/msg"));

        String md = Scaling.render(Scaling.read(dir), Report.keyValues(dir.resolve("meta.txt"), "="));

        assertThat(md).contains("| sem | - / - |").contains("| Go | 56.3 |");
    }
}
