package io.github.go4j.internal;
/**
 * How long a spin lasts, in real time: 64 {@code Thread.onSpinWait()} calls in a row (the old spins'
 * count) against {@code Spin.pause(n)} for several lengths n (ADR 0056), each the mean of 100,000 calls,
 * four rounds; then one clock reading. It lives in go4j's internal package to reach {@code Spin}, so it
 * must be compiled against go4j-core and run on the same class path (see README.md).
 */
public class PeriodProbe {
    static void count(int n) { for (int i = n; i > 0; i--) Thread.onSpinWait(); }
    public static void main(String[] a) {
        long[] ns = {400, 500, 520, 550, 600, 768};
        for (int round = 0; round < 4; round++) {
            StringBuilder b = new StringBuilder();
            long t = System.nanoTime();
            for (int i = 0; i < 100_000; i++) count(64);
            b.append(String.format("64 pauses %.0f;", (System.nanoTime() - t) / 1e5));
            for (long n : ns) {
                t = System.nanoTime();
                for (int i = 0; i < 100_000; i++) Spin.pause(n, 1 << 14);
                b.append(String.format(" %d->%.0f", n, (System.nanoTime() - t) / 1e5));
            }
            t = System.nanoTime();
            for (int i = 0; i < 1_000_000; i++) Spin.now();
            b.append(String.format("; now() %.1f", (System.nanoTime() - t) / 1e6));
            System.out.println(b);
        }
    }
}
