package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.time.Time;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The tour's command line, started by {@code ./go4j} at the repository root:
 * {@code list}, {@code run <id> [--virtual-time]} and {@code tour [--virtual-time]}.
 */
@Command(name = "go4j", mixinStandardHelpOptions = true, version = "go4j tour 0.1.0-SNAPSHOT",
        description = "Runs the Go programs of the seed tutorial, ported to Java on go4j.",
        subcommands = {Main.ListCommand.class, Main.RunCommand.class, Main.TourCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Picocli makes the command. */
    public Main() {}

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line; returns the exit status (0 ok, 1 a program failed, 2 bad usage). */
    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code ./go4j list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the programs: id and title, in the tutorial's order.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            int width = Tour.PROGRAMS.stream().mapToInt(e -> e.id().length()).max().orElse(0);
            for (Tour.Entry e : Tour.PROGRAMS) {
                out.printf("%-" + width + "s  %s%s%n", e.id(), e.title(), e.ported() ? "" : " (not ported yet)");
            }
            out.flush();
            return 0;
        }
    }

    /** {@code ./go4j run <id>}. */
    @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs one program, its output live.")
    static final class RunCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "<id>", completionCandidates = Ids.class,
                description = "The program to run, one of: ${COMPLETION-CANDIDATES}.")
        String id;

        @CommandLine.Mixin
        RunOptions options;

        @Override
        public Integer call() {
            Tour.Entry entry = Tour.find(id).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "go4j: unknown program '" + id + "'; valid ids: " + Tour.ids()));
            return runAll(List.of(entry), options, false);
        }
    }

    /** {@code ./go4j tour}. */
    @Command(name = "tour", mixinStandardHelpOptions = true, description = "Runs every program in the tutorial's order, each under a header.")
    static final class TourCommand implements Callable<Integer> {
        @CommandLine.Mixin
        RunOptions options;

        @Override
        public Integer call() {
            return runAll(Tour.PROGRAMS, options, true);
        }
    }

    /** The ids, for picocli's help and completion. */
    static final class Ids implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Tour.PROGRAMS.stream().map(Tour.Entry::id).iterator();
        }
    }

    /** Options shared by {@code run} and {@code tour}. */
    static final class RunOptions {
        @Option(names = "--virtual-time",
                description = "Run on go4j-test's virtual clock: sleeps and timeouts take no real time.")
        boolean virtualTime;

        @Option(names = "--seed", paramLabel = "N",
                description = "Seed for the programs that draw random numbers (default: a random seed).")
        Long seed;

        Env env() {
            Env env = Env.standard();
            return seed == null ? env : env.withSeed(seed);
        }
    }

    /**
     * Go's process ends with main, cutting short any goroutine that was about to print its last line
     * (Example 3's "Pipeline completed"). The tour goes on instead, so give such goroutines a moment to
     * finish before the next header: at most {@link #SETTLE}, less as soon as the count is back.
     */
    private static void settle(int goroutinesBefore) throws InterruptedException {
        Instant deadline = Time.now().plus(SETTLE);
        while (Go.numGoroutine() > goroutinesBefore && Time.now().isBefore(deadline)) {
            Time.sleep(Duration.ofMillis(5));
        }
    }

    private static final Duration SETTLE = Duration.ofMillis(200);

    private static int runAll(List<Tour.Entry> entries, RunOptions options, boolean headers) {
        if (options.virtualTime && !VirtualTime.available()) {
            System.err.println(VirtualTime.unavailableMessage());
            return 2;
        }
        if (options.virtualTime) {
            VirtualTime.quietUnwinding(System.err);
        }
        Env env = options.env();
        int status = 0;
        int n = 0;
        for (Tour.Entry e : entries) {
            n++;
            if (headers) {
                if (n > 1) {
                    System.out.println();
                }
                String header = "=== [" + n + "/" + entries.size() + "] " + e.id() + ": " + e.title() + " ===";
                System.out.println(header);
                System.out.flush();
            }
            if (!e.ported()) {
                System.out.println("(not ported yet)");
                continue;
            }
            try {
                Program p = e.make(env);
                if (options.virtualTime) {
                    VirtualTime.Outcome outcome = VirtualTime.run(p);
                    if (outcome.goroutinesLeftBehind()) {
                        System.out.flush();
                        System.err.println("go4j: main returned while goroutines were still blocked; Go's process"
                                + " would exit and drop them, the virtual-time bubble unwound them");
                    }
                } else {
                    int before = Go.numGoroutine();
                    p.main();
                    settle(before);
                }
            } catch (Exception | Error failure) {
                System.out.flush();
                System.err.println("go4j: program '" + e.id() + "' failed: " + failure);
                failure.printStackTrace();
                status = 1;
            }
            System.out.flush();
        }
        return status;
    }
}
