package io.github.go4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes SCALING.md from a {@code bench/scale} run: for each CPU count N, {@code DIR/cpus-N/jmh.json} and
 * {@code go.txt}, and the run's {@code DIR/meta.txt}. One table per shape (each implementation's ns per message
 * at each CPU count, then go4j's ratios to Go and to the best JVM peer), and a summary of those ratios.
 *
 * <p>Usage: {@code Scaling DIR [OUT.md]} (default {@code DIR/SCALING.md}).
 */
public final class Scaling {
    private Scaling() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path out = args.length > 1 ? Path.of(args[1]) : dir.resolve("SCALING.md");
        Files.writeString(out, render(read(dir), Report.keyValues(dir.resolve("meta.txt"), "=")));
    }

    /** CPU count -> shape -> implementation -> result. */
    static Map<Integer, Map<String, Map<String, Report.Result>>> read(Path dir) throws IOException {
        Map<Integer, Map<String, Map<String, Report.Result>>> byCpus = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path d : s.filter(p -> p.getFileName().toString().matches("cpus-\\d+")).toList()) {
                Map<String, Map<String, Report.Result>> results = new LinkedHashMap<>();
                if (Files.exists(d.resolve("jmh.json")) && Files.size(d.resolve("jmh.json")) > 0) {
                    Report.readJmh(Files.readString(d.resolve("jmh.json")), results);
                }
                if (Files.exists(d.resolve("go.txt"))) {
                    Report.readGo(Files.readAllLines(d.resolve("go.txt")), results);
                }
                byCpus.put(Integer.valueOf(d.getFileName().toString().substring(5)), results);
            }
        }
        return byCpus;
    }

    static String render(Map<Integer, Map<String, Map<String, Report.Result>>> byCpus, Map<String, String> meta) {
        List<Integer> cpus = new ArrayList<>(byCpus.keySet());
        List<Report.Shape> shapes = new ArrayList<>();
        for (Report.Shape s : Stream.concat(Report.SHAPES.stream(), Report.SYNC_SHAPES.stream()).toList()) {
            if (byCpus.values().stream().anyMatch(r -> r.containsKey(s.id()))) {
                shapes.add(s);
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# Scaling past 2 cores\n\n")
                .append("Written by `bench/scale` (see `bench/scale --help` and docs/performance.md). Each shape ran ")
                .append("pinned to the first N CPUs of one machine, for each N in one run, go4j beside its JVM peers ")
                .append("and Go. Medians of the measurement iterations (JMH) or the run (Go); lower is better. ")
                .append("A short measurement, sized for a borrowed machine: read the trends, not the last digit.\n\n");
        for (String k : List.of("date", "commit", "machine", "cpus", "topology", "jdk", "go", "pin", "jmh", "gotest", "note")) {
            if (meta.containsKey(k)) {
                md.append("- ").append(k).append(": `").append(meta.get(k)).append("`\n");
            }
        }
        md.append("\n## Summary: go4j / Go, go4j / best JVM peer\n\n");
        header(md, "shape", cpus);
        for (Report.Shape s : shapes) {
            md.append("| ").append(s.id());
            for (int n : cpus) {
                Report.Ratios r = ratios(s, byCpus.get(n));
                md.append(" | ").append(Report.ratio(r.vsGo())).append(" / ").append(Report.ratio(r.vsPeer()));
            }
            md.append(" |\n");
        }
        for (Report.Shape s : shapes) {
            md.append("\n## ").append(s.id()).append("\n\n").append(s.title()).append(" (").append(s.unit())
                    .append(")\n\n");
            header(md, "implementation", cpus);
            List<String> impls = new ArrayList<>();
            for (int n : cpus) {
                for (String impl : byCpus.get(n).getOrDefault(s.id(), Map.of()).keySet()) {
                    if (!impls.contains(impl)) {
                        impls.add(impl);
                    }
                }
            }
            impls.sort((a, b) -> Integer.compare(rank(a), rank(b)));
            for (String impl : impls) {
                md.append("| ").append(impl);
                for (int n : cpus) {
                    Report.Result r = byCpus.get(n).getOrDefault(s.id(), Map.of()).get(impl);
                    md.append(" | ").append(r == null ? "-" : Report.num(r.median()));
                }
                md.append(" |\n");
            }
            md.append("| go4j / Go");
            for (int n : cpus) {
                md.append(" | ").append(Report.ratio(ratios(s, byCpus.get(n)).vsGo()));
            }
            md.append(" |\n| go4j / best peer");
            for (int n : cpus) {
                Report.Ratios r = ratios(s, byCpus.get(n));
                md.append(" | ").append(Report.ratio(r.vsPeer()))
                        .append(Double.isNaN(r.vsPeer()) ? "" : " (" + r.peer().impl() + ")");
            }
            md.append(" |\n");
        }
        return md.toString();
    }

    /** go4j's ratios to Go and to the fastest other JVM implementation at one CPU count (NaN where one is missing). */
    private static Report.Ratios ratios(Report.Shape s, Map<String, Map<String, Report.Result>> atCpus) {
        return Report.ratios(s, atCpus.getOrDefault(s.id(), Map.of()));
    }

    private static void header(StringBuilder md, String first, List<Integer> cpus) {
        md.append("| ").append(first);
        for (int n : cpus) {
            md.append(" | ").append(n).append(" CPUs");
        }
        md.append(" |\n|---");
        md.append("|---:".repeat(cpus.size())).append("|\n");
    }

    /** go4j first, Go second, the peers after them in the order they came. */
    private static int rank(String impl) {
        return impl.equals("go4j") ? 0 : impl.equals("Go") ? 1 : 2;
    }
}
