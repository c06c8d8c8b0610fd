package io.github.go4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The tour's command line: ids, list, and the error for a bad id. */
class MainTest {

    private record Result(int status, String out, String err) {}

    private static Result execute(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int status = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    @DisplayName("the tour has the 23 ids of the issue, in the seed's order, every one ported")
    void idsInSeedOrder() {
        assertThat(Tour.PROGRAMS.stream().map(Tour.Entry::id)).containsExactly(
                "scheduler", "channels", "broadcast-shutdown", "workers", "select", "pipeline", "worker-pool",
                "fan-out-fan-in", "mutex", "once", "cond", "atomic", "timeout", "rate-limit", "semaphore", "leak",
                "race", "deadlock", "exercise-1", "exercise-2", "exercise-3", "exercise-4", "exercise-5");
        assertThat(Tour.PROGRAMS).allSatisfy(e -> assertThat(e.ported()).as(e.id()).isTrue());
    }

    @Test
    @DisplayName("list prints every id with its title, in order")
    void list() {
        Result r = execute("list");
        assertThat(r.status).isZero();
        List<String> lines = r.out.lines().toList();
        assertThat(lines).hasSize(23);
        assertThat(lines.get(0)).startsWith("scheduler ").contains("scheduler");
        assertThat(lines.get(22)).startsWith("exercise-5 ").contains("message broker");
    }

    @Test
    @DisplayName("run with an unknown id fails with status 2 and lists the valid ids")
    void unknownId() {
        Result r = execute("run", "no-such-program");
        assertThat(r.status).isEqualTo(2);
        assertThat(r.err).contains("unknown program 'no-such-program'").contains("valid ids: scheduler, channels, ")
                .contains("exercise-5");
    }

    @Test
    @DisplayName("run without an id is a usage error")
    void missingId() {
        assertThat(execute("run").status).isEqualTo(2);
    }
}
