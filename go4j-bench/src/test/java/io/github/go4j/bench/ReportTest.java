package io.github.go4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The report's verdicts on issue 6's "no collapse" target, from JMH's per-fork raw data. */
class ReportTest {

    private static Report.Shape shape(String id) {
        return Report.SHAPES.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    /** A result whose runs are {@code runs} (a JMH fork's median each, or Go's -count runs). */
    private static Report.Result runs(String impl, double... runs) {
        List<Double> r = new ArrayList<>();
        for (double v : runs) {
            r.add(v);
        }
        Report.Result s = Report.summarize(impl, r, Double.NaN);
        return new Report.Result(impl, s.median(), Double.NaN, s.min(), s.max(), s.n(), r);
    }

    @Test
    @DisplayName("a scale shape whose worst run is past twice the median is not met, even within 1.5x of Go")
    void worstRunPastTwiceTheMedianIsACollapse() {
        Map<String, Report.Result> collapsed = Map.of("go4j", runs("go4j", 100, 110, 250), "Go", runs("Go", 100));
        Report.Ratios r = Report.ratios(shape("chain"), collapsed);
        assertThat(r.vsGo()).isCloseTo(1.1, within(1e-9));
        assertThat(r.worst()).isCloseTo(250 / 110.0, within(1e-9));
        assertThat(r.met()).isFalse();

        Map<String, Report.Result> steady = Map.of("go4j", runs("go4j", 100, 110, 200), "Go", runs("Go", 100));
        assertThat(Report.ratios(shape("chain"), steady).met()).isTrue();
    }

    @Test
    @DisplayName("a channel shape is judged on its ratios only: the worst run does not count there")
    void channelShapesIgnoreTheWorstRun() {
        Map<String, Report.Result> byImpl = Map.of("go4j", runs("go4j", 100, 100, 300), "Go", runs("Go", 200));
        assertThat(Report.ratios(shape("pingpong"), byImpl).met()).isTrue();
    }

    @Test
    @DisplayName("the No collapse table lists the runs and asks for three when there are fewer")
    void collapseTable() {
        List<Report.Ratios> all = List.of(
                Report.ratios(shape("chain"), Map.of("go4j", runs("go4j", 300, 600, 310), "Go", runs("Go", 150))),
                Report.ratios(shape("pairs_0"), Map.of("go4j", runs("go4j", 320), "Go", runs("Go", 300))),
                Report.ratios(shape("pairs_16"), Map.of()),
                Report.ratios(shape("pingpong"), Map.of("go4j", runs("go4j", 1, 2, 3))));
        StringBuilder md = new StringBuilder();
        Report.collapseSummary(md, all);
        assertThat(md.toString())
                .contains("| chain | 300, 600, 310 | 310 | 1.94x | 2.07x | **no** (vs Go) |")
                .contains("| pairs_0 | 320 | 320 | needs 3 runs | 1.07x | yes |")
                .contains("| pairs_16 | - | - | - | - | no data |")
                .doesNotContain("pingpong");
    }

    @Test
    @DisplayName("the Floors table sets pairs_16's and pairs_100's yield floors against their bars")
    void yieldFloors() {
        String json = """
                [{"benchmark": "io.github.go4j.bench.FloorBench.floorPairs_yield16", "params": {},
                  "primaryMetric": {"score": 60.0, "scoreError": 1.0, "rawData": [[60.0]]}},
                 {"benchmark": "io.github.go4j.bench.FloorBench.floorPairs_yield100", "params": {},
                  "primaryMetric": {"score": 12.0, "scoreError": 1.0, "rawData": [[12.0]]}}]
                """;
        Map<String, Map<String, Report.Result>> results = new LinkedHashMap<>();
        Report.readJmh(json, results);
        results.put("pairs_16", Map.of("go4j", runs("go4j", 80), "Go", runs("Go", 31),
                "ArrayBlockingQueue", runs("ArrayBlockingQueue", 75)));
        results.put("pairs_100", Map.of("go4j", runs("go4j", 33), "Go", runs("Go", 28),
                "ArrayBlockingQueue", runs("ArrayBlockingQueue", 42)));
        StringBuilder md = new StringBuilder();
        Report.floorSummary(md, results);
        assertThat(md.toString())
                .contains("| pairs_16 | yield | 60.0 | 31.0 | 80.0 | 46.5 (below the floor) | 52.5 (below the floor) |")
                .contains("| pairs_100 | yield | 12.0 | 28.0 | 33.0 | 42.0 | 29.4 |");
    }

    @Test
    @DisplayName("each JMH fork becomes one run: the median of its iterations")
    void forksBecomeRuns() {
        String json = """
                [{"benchmark": "io.github.go4j.bench.ChainBench.chain", "params": {"impl": "go4j"},
                  "primaryMetric": {"score": 5.0, "scoreError": 1.5,
                    "rawData": [[1.0, 9.0, 2.0], [4.0, 5.0, 6.0], [30.0, 10.0, 20.0]]}}]
                """;
        Map<String, Map<String, Report.Result>> out = new LinkedHashMap<>();
        Report.readJmh(json, out);
        Report.Result r = out.get("chain").get("go4j");
        assertThat(r.runs()).containsExactly(2.0, 5.0, 20.0);
        assertThat(r.median()).isEqualTo(6.0);
        assertThat(r.n()).isEqualTo(9);
        assertThat(r.worstOverMedian()).isCloseTo(20.0 / 5.0, within(1e-9));
    }
    @Test
    @DisplayName("each pingpong fork is shown beside the cross-core latency it printed at its start")
    void forkC2c() {
        List<String> log = List.of(
                "# Benchmark: io.github.go4j.bench.RendezvousBench.pingpong",
                "# Parameters: (impl = go4j)",
                "# Fork: 1 of 2",
                "# Warmup Iteration   1: " + CoreToCore.FORK_LINE + "27.5",
                "Iteration   1: 90.0 ns/op",
                "# Fork: 2 of 2",
                CoreToCore.FORK_LINE + "201.0",
                "# Benchmark: io.github.go4j.bench.RendezvousBench.pingpong",
                "# Parameters: (impl = SynchronousQueue)",
                "# Fork: 1 of 2",
                CoreToCore.FORK_LINE + "190.3");
        Map<String, String> meta = new LinkedHashMap<>(Report.readForkC2c(log));
        assertThat(meta).containsEntry("c2c.fork.pingpong.go4j", "27.5,201.0")
                .containsEntry("c2c.fork.pingpong.SynchronousQueue", "190.3");
        meta.put("c2c.start", "25.0");
        Map<String, Report.Result> pp = new LinkedHashMap<>();
        pp.put("go4j", runs("go4j", 90, 360));
        pp.put("SynchronousQueue", runs("SynchronousQueue", 320, 77));
        StringBuilder md = new StringBuilder();
        Report.c2cSummary(md, Map.of("pingpong", pp), meta);
        assertThat(md.toString())
                .contains("Run start 25.0 ns, end - ns.")
                .contains("2 of 3 pingpong forks started in a slow period (c2c >= 100 ns).")
                .contains("| go4j | 90.0 (27.5), 360 (201.0) |")
                .contains("| SynchronousQueue | 320 (190.3), 77.0 |");
    }
}
