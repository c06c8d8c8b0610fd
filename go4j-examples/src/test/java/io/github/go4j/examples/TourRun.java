package io.github.go4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one program of the tour for a test and returns the lines it printed.
 *
 * <p>By default the program runs on virtual time ({@link VirtualTime}, go4j-test's SyncTest): its
 * sleeps take no real time and its events happen in the order of their virtual instants, so the tests
 * are fast and see one order every time. {@code -Dgo4j.examples.clock=real} runs the programs on the
 * system clock instead, every duration multiplied by {@code -Dgo4j.examples.timeScale} (default 0.1):
 * the tests then assert only what holds whatever the scheduling. Either way a run is bounded.
 */
final class TourRun {

    /** The seed every test uses, so programs that draw random numbers draw the same ones. */
    static final long SEED = 42;

    /** Whether tests run on virtual time (the default). */
    static final boolean VIRTUAL = !"real".equals(System.getProperty("go4j.examples.clock", "virtual"));

    private static final double TIME_SCALE = Double.parseDouble(System.getProperty("go4j.examples.timeScale", "0.1"));

    private static final Duration LIMIT = Duration.ofSeconds(60);

    final List<String> lines;
    final boolean goroutinesLeftBehind;

    private TourRun(List<String> lines, boolean goroutinesLeftBehind) {
        this.lines = lines;
        this.goroutinesLeftBehind = goroutinesLeftBehind;
    }

    /** Runs the program made by {@code factory} with the test seed, on the test clock. */
    static TourRun run(Function<Env, Program> factory) {
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Env env = new Env(out, SEED, VIRTUAL ? 1.0 : TIME_SCALE);
        boolean[] leftBehind = {false};
        assertTimeoutPreemptively(LIMIT, () -> {
            Program p = factory.apply(env);
            if (VIRTUAL) {
                leftBehind[0] = VirtualTime.run(p).goroutinesLeftBehind();
            } else {
                p.main();
            }
        });
        out.flush();
        String text = bytes.toString(StandardCharsets.UTF_8);
        return new TourRun(List.of(text.split("\n", -1)), leftBehind[0]);
    }

    /** The printed text. */
    String text() {
        return String.join("\n", lines);
    }

    /** The lines that start with {@code prefix}. */
    List<String> startingWith(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).toList();
    }

    /** How many lines are exactly {@code line}. */
    long count(String line) {
        return lines.stream().filter(line::equals).count();
    }

    /** The index of the first line equal to {@code line}; fails if there is none. */
    int indexOf(String line) {
        int i = lines.indexOf(line);
        assertThat(i).as("line %s in output:%n%s", line, text()).isNotNegative();
        return i;
    }

    /** Asserts that {@code first} is printed, {@code then} too, and {@code first} before {@code then}. */
    void assertBefore(String first, String then) {
        assertThat(indexOf(first)).as("'%s' before '%s'", first, then).isLessThan(indexOf(then));
    }

    /** The last non-empty line. */
    String lastLine() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isEmpty()) {
                return lines.get(i);
            }
        }
        return "";
    }

    /** For each line matching {@code regex} (whole line), its groups. */
    List<String[]> matches(String regex) {
        Pattern p = Pattern.compile(regex);
        List<String[]> found = new ArrayList<>();
        for (String l : lines) {
            Matcher m = p.matcher(l);
            if (m.matches()) {
                String[] g = new String[m.groupCount() + 1];
                for (int i = 0; i <= m.groupCount(); i++) {
                    g[i] = m.group(i);
                }
                found.add(g);
            }
        }
        return found;
    }

    /** The one int that the line matching {@code regex} captures in its first group. */
    int intOf(String regex) {
        List<String[]> m = matches(regex);
        assertThat(m).as("one line matching %s in output:%n%s", regex, text()).hasSize(1);
        return Integer.parseInt(m.get(0)[1]);
    }
}
