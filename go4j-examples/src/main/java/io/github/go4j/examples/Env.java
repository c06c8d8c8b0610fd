package io.github.go4j.examples;

import java.io.PrintStream;
import java.util.Objects;
import java.util.Random;

/**
 * Env is what a tour program gets from whoever runs it: where to print, the seed of its random numbers
 * and how fast its clock runs.
 *
 * <p>Users run the programs with {@link #standard()}: standard output, a fresh random seed, real
 * durations. Tests pass their own stream (to read the printed lines back), a fixed seed (so that a
 * program that draws random numbers draws the same ones each time) and, when they cannot use virtual
 * time, a {@code timeScale} below one that shortens every sleep and timeout of the program alike.
 *
 * @param out       where the program prints (Go's {@code os.Stdout}); never null
 * @param seed      the seed of the program's {@link java.util.Random} (Go's {@code rand.Seed})
 * @param timeScale the factor applied to every duration the program asks for through
 *                  {@link Program#ms(long)} and {@link Program#seconds(long)}; 1 for users
 */
public record Env(PrintStream out, long seed, double timeScale) {

    /** Checks the arguments. */
    public Env {
        Objects.requireNonNull(out, "out");
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be positive and finite: " + timeScale);
        }
    }

    /** Standard output, a random seed and real time: how users run the tour. */
    public static Env standard() {
        return new Env(System.out, new Random().nextLong(), 1.0);
    }

    /** The same environment printing to {@code out}. */
    public Env withOut(PrintStream out) {
        return new Env(out, seed, timeScale);
    }

    /** The same environment with another seed. */
    public Env withSeed(long seed) {
        return new Env(out, seed, timeScale);
    }

    /** The same environment with another time scale. */
    public Env withTimeScale(double timeScale) {
        return new Env(out, seed, timeScale);
    }
}
