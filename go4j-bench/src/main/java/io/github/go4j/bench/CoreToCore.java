package io.github.go4j.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * How long a write by one core takes to reach another on this machine: two platform threads hand a
 * counter back and forth through one {@code volatile} field; the one-way time in ns. On the project's
 * 2-core virtual machines it is not a constant: the same machine reads ~25 ns for minutes and then ~200
 * ns for minutes (the host places the two virtual CPUs near each other or far apart), and every shape
 * whose partners run on both cores at once (pingpong above all, for every implementation) reads 3-4x
 * slower in the slow period. bench/run records it, so a run's numbers can be read against it.
 * {@code CoreToCore once} prints the median of three rounds of 200,000 hand-offs ({@code 27.4}).
 * A benchmark tool, not go4j: it reads the system clock directly.
 */
public final class CoreToCore {
    /** One-way latencies at or above this many ns are the slow period (they read ~25 or ~200). */
    static final double SLOW_NS = 100;
    /** How a benchmark's setup prints the latency in the JMH log, for {@link Report} to find. */
    static final String FORK_LINE = "c2c one-way ns: ";

    private volatile long turn;

    private CoreToCore() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("once")) {
            double[] r = {oneWay(200_000), oneWay(200_000), oneWay(200_000)};
            Arrays.sort(r);
            System.out.println(format(r[1]));
        } else {
            System.err.println("usage: CoreToCore once");
            System.exit(2);
        }
    }

    static String format(double ns) {
        return String.format(Locale.ROOT, "%.1f", ns);
    }

    /** {@code n} round trips between this thread and a second one; the mean one-way time in ns. */
    static double oneWay(int n) throws InterruptedException {
        CoreToCore p = new CoreToCore();
        long last = 2L * n;
        Thread partner = new Thread(() -> {
            for (long i = 1; i < last; i += 2) {
                while (p.turn != i) {
                    Thread.onSpinWait();
                }
                p.turn = i + 1;
            }
        });
        partner.setDaemon(true);
        partner.start();
        long t0 = System.nanoTime();
        for (long i = 0; i < last; i += 2) {
            while (p.turn != i) {
                Thread.onSpinWait();
            }
            p.turn = i + 1;
        }
        while (p.turn != last) {
            Thread.onSpinWait();
        }
        long ns = System.nanoTime() - t0;
        partner.join();
        return ns / (double) last;
    }
}
