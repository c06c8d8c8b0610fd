package io.github.go4j.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Random;

/**
 * Program is the base of every program of the tour: one Go program of the seed tutorial, ported to
 * go4j line by line. Its {@link #main()} is the Go {@code main}; the Go program's other functions and
 * types are members of the subclass, with the same names.
 *
 * <p>What Go takes from its process, a program takes from its {@link Env}: {@code fmt.Printf} prints
 * to {@link #out} through {@link #printf}, {@code rand.Intn} draws from {@link #rand}, and a duration
 * such as {@code time.Millisecond * 100} is written {@code ms(100)}, which applies the environment's
 * time scale (1 for users; tests may shorten time, or run the program on virtual time instead).
 *
 * <p>A program is used once: make a new one for each run.
 */
public abstract class Program {

    /** Where the program prints: Go's {@code os.Stdout}. */
    protected final PrintStream out;

    /** The program's random numbers (Go's {@code math/rand}), seeded by the environment. */
    protected final Random rand;

    private final double timeScale;

    /** A program that runs in {@code env}. */
    protected Program(Env env) {
        this.out = env.out();
        this.rand = new Random(env.seed());
        this.timeScale = env.timeScale();
    }

    /** The Go program's {@code main}. */
    public abstract void main() throws Exception;

    /** Go's {@code fmt.Printf} (see {@link Fmt} for {@code %v}). */
    protected final void printf(String format, Object... args) {
        out.print(Fmt.sprintf(format, args));
        out.flush();
    }

    /** Go's {@code fmt.Println}: the operands space separated, then a newline. */
    protected final void println(Object... args) {
        out.println(Fmt.sprint(args));
        out.flush();
    }

    /** Go's {@code fmt.Print} of one string. */
    protected final void print(String s) {
        out.print(s);
        out.flush();
    }

    /** Go's {@code fmt.Sprintf}. */
    protected static String sprintf(String format, Object... args) {
        return Fmt.sprintf(format, args);
    }

    /** Go's {@code time.Millisecond * n}, times the environment's time scale. */
    protected final Duration ms(long n) {
        return scaled(Duration.ofMillis(n));
    }

    /** Go's {@code n * time.Second}, times the environment's time scale. */
    protected final Duration seconds(long n) {
        return scaled(Duration.ofSeconds(n));
    }

    /** {@code d} times the environment's time scale. */
    protected final Duration scaled(Duration d) {
        if (timeScale == 1.0) {
            return d;
        }
        return Duration.ofNanos(Math.round(d.toNanos() * timeScale));
    }
}
