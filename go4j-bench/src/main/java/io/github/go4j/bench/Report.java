package io.github.go4j.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Writes bench/results/RESULTS.md and the ratio charts from the raw files bench/run leaves in
 * bench/results/raw/: jmh.json (JMH's JSON), go.txt (go test -bench output), memory.txt (see Memory) and
 * meta.txt (key=value: machine, load, commit, mode). Usage: Report RESULTS_DIR. Runs headless.
 */
public final class Report {
    private Report() {}

    /** One implementation's numbers for one shape: the median of its measurement iterations. */
    record Result(String impl, double median, double error, double min, double max, int n, List<Double> runs) {
        /** The worst run (a JMH fork's median, or one Go -count run) over the median of the runs. */
        double worstOverMedian() {
            if (runs.size() < 3) {
                return Double.NaN;
            }
            return Collections.max(runs) / summarize(impl, runs, Double.NaN).median();
        }
    }

    /** kind: channel (targets: Go and 0.7x peer), scale (1.5x Go, 0.7x peer), spawn (1.1x virtual threads). */
    record Shape(String id, String title, String kind, String unit) {}

    static final List<Shape> SHAPES = List.of(
            new Shape("pingpong", "pingpong-rendezvous: 1 sender, 1 receiver, unbuffered", "channel", "ns/msg"),
            new Shape("spsc_16", "spsc-buffered-16: 1 producer, 1 consumer, capacity 16", "channel", "ns/msg"),
            new Shape("spsc_1024", "spsc-buffered-1024: 1 producer, 1 consumer, capacity 1024", "channel", "ns/msg"),
            new Shape("mpmc_16", "mpmc-buffered-16: 4 producers, 4 consumers, capacity 16", "channel", "ns/msg"),
            new Shape("chain", "chain-rendezvous: 1000 forwarders over unbuffered channels", "scale", "ns/hop"),
            new Shape("pairs_0", "parallel pairs, capacity 0: 10,000 sender/receiver pairs", "scale", "ns/msg"),
            new Shape("pairs_16", "parallel pairs, capacity 16: 10,000 sender/receiver pairs", "scale", "ns/msg"),
            new Shape("pairs_100", "parallel pairs, capacity 100: 10,000 sender/receiver pairs", "scale", "ns/msg"),
            new Shape("select2", "select-2: one receiver over two capacity-16 channels, two producers", "channel", "ns/msg"),
            new Shape("selectTimeout", "select with a 1 s timeout clause in a loop (capacity 16, one producer)", "channel", "ns/msg"),
            new Shape("nonBlocking", "non-blocking select (default clause) on an empty channel", "channel", "ns/select"),
            new Shape("sem", "channel as semaphore (Go's BenchmarkChanSem), capacity GOMAXPROCS", "channel", "ns/op"),
            new Shape("spawn", "spawn: start and join 100,000 goroutines", "spawn", "ns/goroutine"));

    /**
     * Sync (issue 3) and patterns (issue 4), in their own summary table. kind lock: <= 1.2x the JDK lock
     * uncontended; lockContended: <= 1.0x it on virtual threads; pattern: no target (Go and peers for reference).
     */
    static final List<Shape> SYNC_SHAPES = List.of(
            new Shape("mutex", "Mutex lock/unlock, one thread, uncontended (peer: ReentrantLock)", "lock", "ns/op"),
            new Shape("mutex4", "Mutex lock/unlock, 4 virtual threads on one lock", "lockContended", "ns/op"),
            new Shape("mutex16", "Mutex lock/unlock, 16 virtual threads on one lock", "lockContended", "ns/op"),
            new Shape("rlock", "RWMutex rLock/rUnlock, one thread (peer: ReentrantReadWriteLock's read lock)", "lock",
                    "ns/op"),
            new Shape("rlock4", "RWMutex rLock/rUnlock, 4 reader virtual threads, no writer", "lockContended",
                    "ns/op"),
            new Shape("pool", "worker pool: 10,000 trivial jobs through 4 workers, every result collected", "pattern",
                    "ns/job"),
            new Shape("allow", "rate limiter allow() granted (10^9/s, burst 1000), one thread", "pattern", "ns/call"),
            new Shape("deny", "rate limiter allow() refused (1/hour, exhausted), one thread", "pattern", "ns/call"),
            new Shape("fanout1", "pub-sub: 1,000 messages to 1 subscriber", "pattern", "ns/publish"),
            new Shape("fanout10", "pub-sub: 1,000 messages to 10 subscribers", "pattern", "ns/publish"),
            new Shape("fanout100", "pub-sub: 1,000 messages to 100 subscribers", "pattern", "ns/publish"));

    /**
     * What the goroutine records cost (issue 7, "Cost"; BookkeepingBench, ADR 0047): each shape with the
     * bookkeeping on (implementation "on") and off ("off", -Dgo4j.internal.bookkeeping=false).
     */
    static final List<Shape> BOOKKEEPING_SHAPES = List.of(
            new Shape("bkSpawn", "spawn: start and join 100,000 goroutines", "bookkeeping", "ns/goroutine"),
            new Shape("bkPingpong", "pingpong: 1 sender, 1 receiver goroutine, unbuffered", "bookkeeping", "ns/msg"),
            new Shape("bkSpsc16", "spsc: 1 producer, 1 consumer goroutine, capacity 16", "bookkeeping", "ns/msg"));

    /** Target of the bookkeeping table: on / off at most this. */
    static final double BOOKKEEPING_TARGET = 1.05;

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/results");
        Path raw = dir.resolve("raw");
        Map<String, Map<String, Result>> results = new LinkedHashMap<>();
        // jmh.json / go.txt from a plain run, then jmh-NAME.json / go-NAME.txt from `bench/run --suffix NAME`
        // (a later file's result for a shape and implementation replaces an earlier one).
        for (Path f : rawFiles(raw, "jmh", ".json")) {
            readJmh(Files.readString(f), results);
        }
        for (Path f : rawFiles(raw, "go", ".txt")) {
            readGo(Files.readAllLines(f), results);
        }
        Map<String, String> meta = keyValues(raw.resolve("meta.txt"), "=");
        for (Path f : rawFiles(raw, "meta", ".txt")) {
            String name = f.getFileName().toString();
            if (!name.equals("meta.txt")) { // a partial run: bench/run --suffix NAME
                Map<String, String> m = keyValues(f, "=");
                StringBuilder line = new StringBuilder();
                for (String k : List.of("date", "commit", "mode", "jmh", "gotest", "loadavg.start", "loadavg.end",
                        "c2c.start", "c2c.end", "note")) {
                    if (m.containsKey(k)) {
                        line.append(line.length() == 0 ? "" : "; ").append(k).append(" ").append(m.get(k));
                    }
                }
                meta.put("run " + name.substring(5, name.length() - 4), line.toString());
            }
        }
        for (Path f : rawFiles(raw, "jmh", ".txt")) {
            meta.putAll(readForkC2c(Files.readAllLines(f)));
        }
        Map<String, String> memory = keyValues(raw.resolve("memory.txt"), " ");
        write(dir, results, meta, memory);
    }

    // ---- input ------------------------------------------------------------------------------------------

    /** raw/PREFIX.EXT, then raw/PREFIX-*.EXT in name order. */
    static List<Path> rawFiles(Path raw, String prefix, String ext) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.exists(raw.resolve(prefix + ext))) {
            files.add(raw.resolve(prefix + ext));
        }
        if (Files.isDirectory(raw)) {
            try (var s = Files.list(raw)) {
                s.filter(f -> f.getFileName().toString().startsWith(prefix + "-")
                                && f.getFileName().toString().endsWith(ext))
                        .sorted()
                        .forEach(files::add);
            }
        }
        return files;
    }

    @SuppressWarnings("unchecked")
    static void readJmh(String json, Map<String, Map<String, Result>> out) {
        for (Object o : (List<Object>) Json.parse(json)) {
            Map<String, Object> b = (Map<String, Object>) o;
            String name = (String) b.get("benchmark");
            String[] parts = name.split("\\.");
            String method = parts[parts.length - 1];
            Map<String, Object> params = (Map<String, Object>) b.getOrDefault("params", Map.of());
            String shape;
            String impl;
            int us = method.indexOf('_');
            if (us > 0) {
                shape = method.substring(0, us);
                impl = method.substring(us + 1);
            } else {
                shape = method;
                impl = (String) params.get("impl");
            }
            if (shape.equals("mpmc")) {
                shape = "mpmc_16";
            }
            Object cap = params.get("cap");
            if (cap != null) {
                shape = shape + "_" + cap;
                if ("juc".equals(impl)) {
                    impl = cap.equals("0") ? "SynchronousQueue" : "ArrayBlockingQueue";
                }
            }
            Map<String, Object> metric = (Map<String, Object>) b.get("primaryMetric");
            List<Double> samples = new ArrayList<>();
            List<Double> forks = new ArrayList<>();
            for (Object fork : (List<Object>) metric.get("rawData")) {
                List<Double> one = new ArrayList<>();
                for (Object v : (List<Object>) fork) {
                    one.add((Double) v);
                }
                samples.addAll(one);
                forks.add(summarize(impl, one, Double.NaN).median());
            }
            Object err = metric.get("scoreError");
            double error = err instanceof Double d ? d : Double.NaN;
            Result r = summarize(impl, samples, error);
            out.computeIfAbsent(shape, k -> new LinkedHashMap<>())
                    .put(impl, new Result(impl, r.median(), r.error(), r.min(), r.max(), r.n(), forks));
        }
    }

    /** A JMH log's "# Parameters:" line: the impl parameter. */
    static final Pattern IMPL_PARAM = Pattern.compile("impl = ([^,)]+)");

    /**
     * The cross-core latency each fork printed at its start ({@link CoreToCore#FORK_LINE}, RendezvousBench),
     * from a JMH log: {@code c2c.fork.SHAPE.IMPL} -> the forks' values in fork order, comma-separated.
     */
    static Map<String, String> readForkC2c(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        String method = null;
        String impl = null;
        for (String line : lines) {
            if (line.startsWith("# Benchmark: ")) {
                String b = line.substring("# Benchmark: ".length()).trim();
                method = b.substring(b.lastIndexOf('.') + 1);
                impl = null;
            } else if (line.startsWith("# Parameters: ")) {
                Matcher m = IMPL_PARAM.matcher(line);
                impl = m.find() ? m.group(1).trim() : null;
            } else if (line.contains(CoreToCore.FORK_LINE) && method != null && impl != null) {
                // JMH prints it on the first warm-up iteration's line: "# Warmup Iteration   1: c2c ..."
                String v = line.substring(line.indexOf(CoreToCore.FORK_LINE) + CoreToCore.FORK_LINE.length()).trim();
                out.merge("c2c.fork." + method + "." + impl, v.split("\\s+")[0], (a, b) -> a + "," + b);
            }
        }
        return out;
    }

    static final Pattern GO_LINE = Pattern.compile("^Benchmark_(\\S+?)(?:-\\d+)?\\s+\\d+\\s+\\S+ ns/op\\s+(\\S+) ns/msg");

    static void readGo(List<String> lines, Map<String, Map<String, Result>> out) {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = GO_LINE.matcher(line);
            if (m.find()) {
                samples.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Double.valueOf(m.group(2)));
            }
        }
        samples.forEach((shape, s) ->
                out.computeIfAbsent(shape, k -> new LinkedHashMap<>()).put("Go", summarize("Go", s, Double.NaN)));
    }

    static Result summarize(String impl, List<Double> samples, double error) {
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        int n = s.size();
        double median = n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        return new Result(impl, median, error, n == 0 ? Double.NaN : s.get(0), n == 0 ? Double.NaN : s.get(n - 1), n,
                s);
    }

    static Map<String, String> keyValues(Path file, String sep) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int i = line.indexOf(sep);
                if (i > 0) {
                    m.put(line.substring(0, i).trim(), line.substring(i + sep.length()).trim());
                }
            }
        }
        return m;
    }

    // ---- output -----------------------------------------------------------------------------------------

    /**
     * A shape's ratios; {@code mine} is go4j's result (null if there is none). For the scale shapes, go4j's
     * worst run over the median of its runs must also stay within {@link #COLLAPSE_LIMIT} ("no collapse").
     */
    record Ratios(Shape shape, double go4j, Result mine, Result go, Result peer, double vsGo, double vsPeer,
            double goTarget, double peerTarget) {
        boolean met() {
            return !(vsGo > goTarget) && !(vsPeer > peerTarget) && !Double.isNaN(go4j)
                    && !(shape.kind().equals("scale") && worst() > COLLAPSE_LIMIT);
        }

        /** go4j's worst run over the median of its runs; NaN with fewer than three runs. */
        double worst() {
            return mine == null ? Double.NaN : mine.worstOverMedian();
        }

        /** go4j's runs (JMH fork medians). */
        List<Double> runs() {
            return mine == null ? List.of() : mine.runs();
        }
    }

    /** Issue 6's "no collapse": the worst of three runs within 2x of their median. */
    static final double COLLAPSE_LIMIT = 2.0;

    static Ratios ratios(Shape shape, Map<String, Result> byImpl) {
        Result g = byImpl.get("go4j");
        double go4j = g == null ? Double.NaN : g.median();
        Result go = byImpl.get("Go");
        Result peer = null;
        for (Result r : byImpl.values()) {
            if (!r.impl().equals("go4j") && !r.impl().equals("Go") && !Double.isNaN(r.median())
                    && (peer == null || r.median() < peer.median())) {
                peer = r;
            }
        }
        double goTarget = switch (shape.kind()) {
            case "scale" -> 1.5;
            case "spawn", "lock", "lockContended", "pattern" -> Double.POSITIVE_INFINITY;
            default -> 1.0;
        };
        double peerTarget = switch (shape.kind()) {
            case "spawn" -> 1.1;
            case "lock" -> 1.2;
            case "lockContended" -> 1.0;
            case "pattern" -> Double.POSITIVE_INFINITY;
            default -> 0.7;
        };
        return new Ratios(shape, go4j, g, go, peer, go == null ? Double.NaN : go4j / go.median(),
                peer == null ? Double.NaN : go4j / peer.median(), goTarget, peerTarget);
    }

    static void write(Path dir, Map<String, Map<String, Result>> results, Map<String, String> meta,
            Map<String, String> memory) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# go4j benchmark results\n\n");
        md.append("Generated by `bench/run").append(meta.getOrDefault("mode", "").equals("quick") ? " --quick" : "")
                .append("` (see [docs/performance.md](../../docs/performance.md) for the shapes and the method).\n\n");
        md.append("| | |\n|---|---|\n");
        for (String k : List.of("date", "commit", "mode", "machine", "cpus", "jdk", "go", "jmh", "gotest",
                "loadavg.start", "loadavg.end", "c2c.start", "c2c.end", "note")) {
            if (meta.containsKey(k)) {
                md.append("| ").append(k).append(" | ").append(meta.get(k).replace("|", "\\|")).append(" |\n");
            }
        }
        meta.forEach((k, v) -> {
            if (k.startsWith("run ")) {
                md.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n");
            }
        });
        md.append("\nNumbers are medians of the measurement iterations (JMH) or of the `-count` runs (Go); lower is "
                + "better. \"error\" is JMH's 99.9% confidence half-width; min-max is the spread of the iterations. "
                + "The machine is shared and has 2 cores: treat single differences below ~20% as noise and look "
                + "at the load figures above.\n\n");

        List<Ratios> all = new ArrayList<>();
        for (Shape s : SHAPES) {
            all.add(ratios(s, results.getOrDefault(s.id(), Map.of())));
        }
        int summaryStart = md.length();
        md.append("## Summary\n\n");
        md.append("| shape | go4j | Go | best JVM peer | go4j/Go | go4j/peer | target | met |\n");
        md.append("|---|---:|---:|---|---:|---:|---|---|\n");
        for (Ratios r : all) {
            String target = switch (r.shape().kind()) {
                case "scale" -> "<= 1.5x Go, <= 0.7x peer";
                case "spawn" -> "<= 1.1x virtual threads";
                default -> "<= 1.0x Go, <= 0.7x peer";
            };
            md.append("| ").append(r.shape().id())
                    .append(" | ").append(num(r.go4j()))
                    .append(" | ").append(r.go() == null ? "-" : num(r.go().median()))
                    .append(" | ").append(r.peer() == null ? "-" : r.peer().impl() + " " + num(r.peer().median()))
                    .append(" | ").append(ratio(r.vsGo()))
                    .append(" | ").append(ratio(r.vsPeer()))
                    .append(" | ").append(target)
                    .append(" | ").append(Double.isNaN(r.go4j()) ? "no data" : r.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        md.append("\n![go4j / Go](ratio-go.png)\n\n![go4j / best JVM peer](ratio-jvm.png)\n\n");
        collapseSummary(md, all);
        floorSummary(md, results);
        c2cSummary(md, results, meta);
        syncSummary(md, results);
        bookkeepingSummary(md, results);
        int summaryEnd = md.length();

        md.append("## Per shape\n\n");
        List<Shape> every = new ArrayList<>(SHAPES);
        every.addAll(SYNC_SHAPES);
        for (Shape s : every) {
            Map<String, Result> byImpl = results.getOrDefault(s.id(), Map.of());
            md.append("### ").append(s.id()).append("\n\n").append(s.title()).append(". Unit: ").append(s.unit())
                    .append(".\n\n");
            if (byImpl.isEmpty()) {
                md.append("(no results)\n\n");
                continue;
            }
            md.append("| implementation | median | error | min-max | n | vs go4j |\n|---|---:|---:|---:|---:|---:|\n");
            Result g = byImpl.get("go4j");
            List<Result> sorted = new ArrayList<>(byImpl.values());
            sorted.sort((a, b) -> Double.compare(a.median(), b.median()));
            for (Result r : sorted) {
                md.append("| ").append(r.impl().equals("go4j") ? "**go4j**" : r.impl())
                        .append(" | ").append(num(r.median()))
                        .append(" | ").append(Double.isNaN(r.error()) ? "-" : "±" + num(r.error()))
                        .append(" | ").append(num(r.min())).append("-").append(num(r.max()))
                        .append(" | ").append(r.n())
                        .append(" | ").append(g == null ? "-" : ratio(r.median() / g.median()))
                        .append(" |\n");
            }
            Ratios r = ratios(s, byImpl);
            md.append("\ngo4j/Go ").append(ratio(r.vsGo())).append(", go4j/best JVM peer ").append(ratio(r.vsPeer()))
                    .append(r.peer() == null ? "" : " (" + r.peer().impl() + ")").append(".");
            if (s.kind().equals("scale") && g != null) {
                double w = r.worst();
                md.append(" Worst go4j run over the median of its runs (JMH forks; target <= 2x): ")
                        .append(Double.isNaN(w) ? "needs 3 forks" : ratio(w)).append(".");
            }
            md.append("\n\n");
        }

        md.append("## Memory\n\n");
        if (memory.isEmpty()) {
            md.append("(no results)\n\n");
        } else {
            md.append("Idle channel: what one more fresh channel costs (JOL GraphLayout of two channels minus that of one, so "
                    + "constants shared by all channels are not counted; bytes). Target for go4j unbuffered: <= 64.\n\n");
            md.append("| implementation | unbuffered | capacity 16 |\n|---|---:|---:|\n");
            Map<String, String[]> idle = new TreeMap<>();
            memory.forEach((k, v) -> {
                String[] p = k.split("\\.");
                if (p[0].equals("idle") && p.length == 3) {
                    String impl = p[1].equals("SynchronousQueue") || p[1].equals("ArrayBlockingQueue")
                            ? "SynchronousQueue / ArrayBlockingQueue" : p[1];
                    idle.computeIfAbsent(impl, x -> new String[] {"-", "-"})[p[2].equals("0") ? 0 : 1] = v;
                }
            });
            idle.forEach((impl, v) -> md.append("| ").append(impl).append(" | ").append(v[0]).append(" | ")
                    .append(v[1]).append(" |\n"));
            md.append("\nA virtual thread parked in a receive on its own empty unbuffered channel (heap delta over "
                    + "20,000 threads after full GCs, SerialGC; bytes per thread). \"extra\" is beyond a plain virtual "
                    + "thread parked in LockSupport.park (the `vt` row). Target for go4j: extra <= 64.\n\n");
            md.append("| variant | bytes per parked thread | extra over vt |\n|---|---:|---:|\n");
            double vt = memory.containsKey("parked.vt") ? Double.parseDouble(memory.get("parked.vt")) : Double.NaN;
            memory.forEach((k, v) -> {
                if (k.startsWith("parked.")) {
                    double b = Double.parseDouble(v);
                    md.append("| ").append(k.substring(7)).append(" | ").append(num(b)).append(" | ")
                            .append(k.equals("parked.vt") ? "-" : num(b - vt)).append(" |\n");
                }
            });
            md.append("\n`go4jGoPark` is a goroutine started with Go.go parked in LockSupport.park: the goroutine "
                    + "record's share, without a channel.\n");
            if (memory.containsKey("go.idle.0")) {
                md.append("\nGo 1.19 for reference (runtime.MemStats deltas): unbuffered channel ")
                        .append(memory.get("go.idle.0")).append(" B, capacity 16 ")
                        .append(memory.getOrDefault("go.idle.16", "-")).append(" B, goroutine parked in a receive ")
                        .append(memory.getOrDefault("go.parked", "-")).append(" B (stack included).\n");
            }
        }
        Files.writeString(dir.resolve("RESULTS.md"), md.toString());
        updateDocs(dir, meta, md.substring(summaryStart, summaryEnd), memory);

        List<String> labels = new ArrayList<>();
        List<Double> vsGo = new ArrayList<>();
        List<Double> vsPeer = new ArrayList<>();
        List<Double> goTargets = new ArrayList<>();
        List<Double> peerTargets = new ArrayList<>();
        for (Ratios r : all) {
            labels.add(r.shape().id());
            vsGo.add(r.vsGo());
            vsPeer.add(r.vsPeer());
            goTargets.add(r.goTarget());
            peerTargets.add(r.peerTarget());
        }
        chart(dir.resolve("ratio-go.png"), "go4j / Go (ns per message; lower is better; | = target)", labels, vsGo,
                goTargets);
        chart(dir.resolve("ratio-jvm.png"),
                "go4j / best JVM peer (jox, kotlinx, java.util.concurrent; | = target)", labels, vsPeer, peerTargets);
    }

    /** The sync and patterns table (issues 3 and 4); Go is for reference only, the targets are against the JDK. */
    static void syncSummary(StringBuilder md, Map<String, Map<String, Result>> results) {
        md.append("## Summary: sync and patterns\n\n");
        md.append("Virtual threads for every multi-threaded case (go4j: goroutines started with Go.go). Go is for "
                + "reference; the targets (issue 3) are against the JDK's locks. Pool, limiter and pub-sub have no "
                + "target (issue 4).\n\n");
        md.append("| shape | go4j | Go | best JVM peer | go4j/Go | go4j/peer | target | met |\n");
        md.append("|---|---:|---:|---|---:|---:|---|---|\n");
        for (Shape s : SYNC_SHAPES) {
            Ratios r = ratios(s, results.getOrDefault(s.id(), Map.of()));
            String target = switch (s.kind()) {
                case "lock" -> "<= 1.2x JDK lock";
                case "lockContended" -> "<= 1.0x JDK lock";
                default -> "-";
            };
            md.append("| ").append(s.id())
                    .append(" | ").append(num(r.go4j()))
                    .append(" | ").append(r.go() == null ? "-" : num(r.go().median()))
                    .append(" | ").append(r.peer() == null ? "-" : r.peer().impl() + " " + num(r.peer().median()))
                    .append(" | ").append(ratio(r.vsGo()))
                    .append(" | ").append(ratio(r.vsPeer()))
                    .append(" | ").append(target)
                    .append(" | ").append(Double.isNaN(r.go4j()) ? "no data"
                            : s.kind().equals("pattern") ? "-" : r.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        md.append("\n");
    }

    /**
     * The "No collapse" table: for each scale shape, go4j's runs (JMH forks: three in full mode, and in
     * quick mode from bench/run's extra three-fork run of go4j's chain and pairs), their median and worst,
     * and the two limits of issue 6.
     */
    static void collapseSummary(StringBuilder md, List<Ratios> all) {
        md.append("## No collapse\n\n");
        md.append("Thousands of goroutines on 2 cores: go4j within 1.5x of Go, and the worst of three runs (JMH forks) "
                + "within 2x of their median.\n\n");
        md.append("| shape | go4j runs | median | worst/median | go4j/Go | met |\n|---|---|---:|---:|---:|---|\n");
        for (Ratios r : all) {
            if (!r.shape().kind().equals("scale")) {
                continue;
            }
            md.append("| ").append(r.shape().id()).append(" | ");
            if (Double.isNaN(r.go4j())) {
                md.append("- | - | - | - | no data |\n");
                continue;
            }
            String list = String.join(", ", r.runs().stream().map(Report::num).toList());
            boolean collapseOk = !(r.worst() > COLLAPSE_LIMIT);
            boolean goOk = !(r.vsGo() > r.goTarget());
            md.append(list).append(" | ").append(num(r.go4j()))
                    .append(" | ").append(Double.isNaN(r.worst()) ? "needs 3 runs" : ratio(r.worst()))
                    .append(" | ").append(ratio(r.vsGo()))
                    .append(" | ").append(collapseOk && goOk ? "yes" : "**no**")
                    .append(goOk ? "" : " (vs Go)").append(collapseOk ? "" : " (worst run)").append(" |\n");
        }
        md.append("\n");
    }

    /**
     * The "Cross-core latency" table: pingpong's forks, each beside the latency (CoreToCore) the machine had
     * when it started, for every implementation; the run's start and end latency above it.
     */
    static void c2cSummary(StringBuilder md, Map<String, Map<String, Result>> results, Map<String, String> meta) {
        Map<String, Result> pp = results.getOrDefault("pingpong", Map.of());
        boolean any = meta.containsKey("c2c.start")
                || pp.keySet().stream().anyMatch(i -> meta.containsKey("c2c.fork.pingpong." + i));
        if (!any) {
            return;
        }
        md.append("## Cross-core latency\n\n");
        md.append("One core's write seen by the other (CoreToCore: two platform threads hand a counter back and forth; "
                + "one-way ns). On these virtual machines it is ~25 ns for minutes and ~200 ns for minutes (the host "
                + "places the two CPUs near or far), and pingpong reads 3-4x slower in the slow periods for every "
                + "implementation. Run start ").append(meta.getOrDefault("c2c.start", "-")).append(" ns, end ")
                .append(meta.getOrDefault("c2c.end", "-")).append(" ns.\n\n");
        StringBuilder rows = new StringBuilder();
        int slow = 0;
        int known = 0;
        for (Map.Entry<String, Result> e : pp.entrySet()) {
            String[] c2c = meta.getOrDefault("c2c.fork.pingpong." + e.getKey(), "").split(",");
            List<Double> runs = e.getValue().runs();
            StringBuilder cell = new StringBuilder();
            for (int i = 0; i < runs.size(); i++) {
                cell.append(i == 0 ? "" : ", ").append(num(runs.get(i)));
                if (i < c2c.length && !c2c[i].isEmpty()) {
                    cell.append(" (").append(c2c[i]).append(")");
                    known++;
                    slow += Double.parseDouble(c2c[i]) >= CoreToCore.SLOW_NS ? 1 : 0;
                }
            }
            rows.append("| ").append(e.getKey()).append(" | ").append(cell).append(" |\n");
        }
        if (known > 0) {
            md.append(slow).append(" of ").append(known).append(" pingpong forks started in a slow period (c2c >= ")
                    .append(num(CoreToCore.SLOW_NS)).append(" ns).\n\n");
        }
        md.append("| pingpong | forks: ns/msg (c2c ns at the fork's start) |\n|---|---|\n").append(rows).append("\n");
    }

    /**
     * The "Floors" table (FloorBench): a bare virtual-thread hand-off, spinning or parking, next to the
     * shapes it bounds: what Go and go4j take for pingpong and pairs_0. A floor above Go's figure means no
     * implementation on virtual threads can meet Go's bar for that shape on this machine.
     */
    static void floorSummary(StringBuilder md, Map<String, Map<String, Result>> results) {
        Map<String, Result> pp = results.getOrDefault("floorPingpong", Map.of());
        Map<String, Result> pairs = results.getOrDefault("floorPairs", Map.of());
        Map<String, Result> chain = results.getOrDefault("floorChain", Map.of());
        if (pp.isEmpty() && pairs.isEmpty() && chain.isEmpty()) {
            return;
        }
        md.append("## Floors: a bare virtual-thread hand-off\n\n");
        md.append("FloorBench: one message handed from a sender to a receiver, the sender going on only once the "
                + "receiver has it; no channel, close, select or queue of waiters. \"spin\": both sides spin on one "
                + "volatile field and never park; \"node\": both sides spin, but the one that comes first waits "
                + "in a fresh node put in a one-field slot, which its partner takes out with a CAS and completes "
                + "(a channel must know who waits: ADR 0051's slot without lock, close, select, timeouts or "
                + "parking); \"park\": whoever comes first parks and its partner hands over "
                + "and unparks it, one park per message at most; \"yield\" (pairs_16, pairs_100): no messages, each "
                + "thread only gives up its carrier as often as a buffer of that capacity makes it, once per "
                + "batch (Thread.yield, the cheapest way). Not a peer: a reference for what virtual threads "
                + "cost before any channel code runs. A bar (the most a target allows, in ns/msg) below the floor "
                + "cannot be met by any channel on virtual threads that waits the way the floor does.\n\n");
        md.append("| shape | floor | ns/msg | Go | go4j | Go's bar | peer bar |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        floorRow(md, "pingpong", "spin", pp.get("spin"), results);
        floorRow(md, "pingpong", "node", pp.get("node"), results);
        floorRow(md, "pingpong", "park", pp.get("park"), results);
        floorRow(md, "chain", "park", chain.get("park"), results);
        floorRow(md, "pairs_0", "park", pairs.get("park"), results);
        floorRow(md, "pairs_16", "yield", pairs.get("yield16"), results);
        floorRow(md, "pairs_100", "yield", pairs.get("yield100"), results);
        md.append("\n");
    }

    private static void floorRow(StringBuilder md, String shape, String kind, Result floor,
            Map<String, Map<String, Result>> results) {
        if (floor == null) {
            return;
        }
        Shape s = SHAPES.stream().filter(x -> x.id().equals(shape)).findFirst().orElseThrow();
        Ratios r = ratios(s, results.getOrDefault(shape, Map.of()));
        double goBar = r.go() == null ? Double.NaN : r.goTarget() * r.go().median();
        double peerBar = r.peer() == null ? Double.NaN : r.peerTarget() * r.peer().median();
        md.append("| ").append(shape)
                .append(" | ").append(kind)
                .append(" | ").append(num(floor.median()))
                .append(" | ").append(r.go() == null ? "-" : num(r.go().median()))
                .append(" | ").append(num(r.go4j()))
                .append(" | ").append(bar(goBar, floor.median()))
                .append(" | ").append(bar(peerBar, floor.median()))
                .append(" |\n");
    }

    /** A target's bar in ns/msg, marked when it lies below the floor. */
    private static String bar(double bar, double floor) {
        return Double.isNaN(bar) ? "-" : num(bar) + (bar < floor ? " (below the floor)" : "");
    }

    /** The "Bookkeeping cost" table (issue 7): go4j with its goroutine records against go4j without. */
    static void bookkeepingSummary(StringBuilder md, Map<String, Map<String, Result>> results) {
        boolean any = false;
        for (Shape s : BOOKKEEPING_SHAPES) {
            any |= results.containsKey(s.id());
        }
        if (!any) {
            return;
        }
        md.append("## Bookkeeping cost\n\n");
        md.append("go4j with its goroutine records (on, the default) against go4j without them (off: the internal, "
                + "benchmark-only -Dgo4j.internal.bookkeeping=false; BookkeepingBench, ADR 0047). Issue 7's target: "
                + "on <= 1.05x off. On and off run one after the other, not interleaved: with one fork each (quick "
                + "mode) a ratio within noise of 1.05 says little; docs/testing.md has the repeated "
                + "measurement.\n\n");
        md.append("| shape | on | off | on/off | target | met |\n");
        md.append("|---|---:|---:|---:|---|---|\n");
        for (Shape s : BOOKKEEPING_SHAPES) {
            Map<String, Result> byMode = results.getOrDefault(s.id(), Map.of());
            Result on = byMode.get("on");
            Result off = byMode.get("off");
            double r = on == null || off == null ? Double.NaN : on.median() / off.median();
            md.append("| ").append(s.title())
                    .append(" (").append(s.unit()).append(")")
                    .append(" | ").append(on == null ? "-" : num(on.median()))
                    .append(" | ").append(off == null ? "-" : num(off.median()))
                    .append(" | ").append(ratio(r))
                    .append(" | <= ").append(ratio(BOOKKEEPING_TARGET))
                    .append(" | ").append(Double.isNaN(r) ? "no data" : r <= BOOKKEEPING_TARGET ? "yes" : "**no**")
                    .append(" |\n");
        }
        md.append("\n");
    }

    static final String DOCS_START = "<!-- bench/run writes the section below: latest results -->";
    static final String DOCS_END = "<!-- end of latest results -->";

    /** Copies the summary into docs/performance.md between its markers, when that file has them. */
    static void updateDocs(Path dir, Map<String, String> meta, String summary, Map<String, String> memory)
            throws IOException {
        Path docs = dir.toAbsolutePath().getParent().getParent().resolve("docs").resolve("performance.md");
        if (!Files.exists(docs)) {
            return;
        }
        String text = Files.readString(docs);
        int a = text.indexOf(DOCS_START);
        int b = text.indexOf(DOCS_END);
        if (a < 0 || b < a) {
            return;
        }
        StringBuilder s = new StringBuilder(DOCS_START).append("\n\n");
        s.append("From `bench/run").append("quick".equals(meta.get("mode")) ? " --quick" : "").append("` on ")
                .append(meta.getOrDefault("date", "?")).append(", commit ").append(meta.getOrDefault("commit", "?"))
                .append(", ").append(meta.getOrDefault("cpus", "?")).append(" CPUs, load average ")
                .append(meta.getOrDefault("loadavg.start", "?").split(" ")[0]).append(" at the start and ")
                .append(meta.getOrDefault("loadavg.end", "?").split(" ")[0])
                .append(" at the end. Full tables: [bench/results/RESULTS.md](../bench/results/RESULTS.md).\n\n");
        s.append(summary.replace("## Summary", "### Summary")
                .replace("](ratio-go.png)", "](../bench/results/ratio-go.png)")
                .replace("](ratio-jvm.png)", "](../bench/results/ratio-jvm.png)"));
        if (memory.containsKey("idle.go4j.0")) {
            double vt = Double.parseDouble(memory.getOrDefault("parked.vt", "NaN"));
            double go4j = Double.parseDouble(memory.getOrDefault("parked.go4j", "NaN"));
            s.append("### Memory\n\nIdle go4j channel: ").append(memory.get("idle.go4j.0"))
                    .append(" bytes unbuffered (target <= 64), ").append(memory.getOrDefault("idle.go4j.16", "-"))
                    .append(" bytes with capacity 16 (jox ").append(memory.getOrDefault("idle.jox.0", "-"))
                    .append(" / ").append(memory.getOrDefault("idle.jox.16", "-")).append("; Go ")
                    .append(memory.getOrDefault("go.idle.0", "-")).append(" / ")
                    .append(memory.getOrDefault("go.idle.16", "-"))
                    .append("). A goroutine parked in a channel receive: ").append(num(go4j))
                    .append(" bytes of heap, ").append(num(go4j - vt))
                    .append(" beyond a plain parked virtual thread (target <= 64; jox ")
                    .append(num(Double.parseDouble(memory.getOrDefault("parked.jox", "NaN")) - vt))
                    .append(" beyond).\n\n");
        }
        Files.writeString(docs, text.substring(0, a) + s + text.substring(b));
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%.2fx", v);
    }

    /** A horizontal bar chart of ratios on a log2 axis from 1/8 to 32, with a tick per shape's target. */
    static void chart(Path file, String title, List<String> labels, List<Double> values, List<Double> targets)
            throws IOException {
        int left = 130;
        int right = 70;
        int top = 50;
        int row = 26;
        int width = 900;
        int height = top + row * labels.size() + 40;
        double lo = Math.log(0.125) / Math.log(2);
        double hi = Math.log(32) / Math.log(2);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int plotW = width - left - right;
        int plotBottom = top + row * labels.size();
        java.util.function.DoubleToIntFunction x = v -> {
            double l = Math.log(Math.max(v, 1e-9)) / Math.log(2);
            l = Math.max(lo, Math.min(hi, l));
            return left + (int) Math.round((l - lo) / (hi - lo) * plotW);
        };
        for (double t = 0.125; t <= 32; t *= 2) {
            int xx = x.applyAsInt(t);
            g.setColor(t == 1 ? Color.DARK_GRAY : new Color(220, 220, 220));
            g.drawLine(xx, top - 5, xx, plotBottom);
            g.setColor(Color.DARK_GRAY);
            String s = t < 1 ? "1/" + (int) Math.round(1 / t) : (int) t + "x";
            g.drawString(s, xx - g.getFontMetrics().stringWidth(s) / 2, plotBottom + 16);
        }
        for (int i = 0; i < labels.size(); i++) {
            int y = top + i * row;
            g.setColor(Color.BLACK);
            g.drawString(labels.get(i), 10, y + row / 2 + 5);
            double v = values.get(i);
            double target = targets.get(i);
            if (Double.isNaN(v)) {
                g.setColor(Color.GRAY);
                g.drawString("no data", left + 5, y + row / 2 + 5);
            } else {
                boolean ok = !(v > target);
                int x0 = x.applyAsInt(1);
                int x1 = x.applyAsInt(v);
                g.setColor(Double.isInfinite(target) ? Color.GRAY : ok ? new Color(60, 150, 60) : new Color(200, 60, 50));
                g.fillRect(Math.min(x0, x1), y + 4, Math.max(2, Math.abs(x1 - x0)), row - 8);
                g.setColor(Color.BLACK);
                String s = String.format(Locale.ROOT, "%.2fx", v);
                g.drawString(s, Math.max(x0, x1) + 4, y + row / 2 + 5);
            }
            if (!Double.isInfinite(target)) {
                int xt = x.applyAsInt(target);
                g.setColor(new Color(30, 60, 200));
                g.setStroke(new BasicStroke(2));
                g.drawLine(xt, y + 1, xt, y + row - 1);
                g.setStroke(new BasicStroke(1));
            }
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
