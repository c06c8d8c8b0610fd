package io.github.go4j.internal;

import java.util.function.BooleanSupplier;

/**
 * Spins measured in time, not in pauses (ADR 0056). One {@link Thread#onSpinWait()} takes ~12 ns on
 * the Intel Xeon where the channels' spins were tuned, ~22 ns on the 16-core machine of ADR 0054, ~30 ns
 * on an AMD EPYC, and next to nothing where the JVM makes it a no-op: a spin counted in pauses lasts 2.5
 * times longer on the EPYC than on the Xeon, and the buffered ring's spin there cost twice the time per
 * message. So each spin has a length in nanoseconds, read on the system clock every {@link #CHECK}
 * pauses, and a cap in pauses that ends it even if that clock stands still (Lincheck's model checker
 * answers every reading with the same constant).
 *
 * <p>The system clock, never a bubble's virtual one: a spin waits for a partner running on another
 * carrier, in real time. Under virtual time nothing advances while goroutines run, so a spin's deadline
 * on that clock would never come; and a spin is invisible to the program (it only decides whether a
 * wait parks now or a moment later), so it changes nothing a test of virtual time could observe.
 */
final class Spin {

    /** Pauses between two readings of the clock. A power of two: loops test {@code (i & CHECK - 1)}. */
    static final int CHECK = 4;

    /**
     * The default length of the channels' spins, in nanoseconds: what 64 pauses took on the Xeon where
     * ADRs 0006, 0050 and 0052 tuned them in pauses (~600 ns between two clock readings there), less the
     * ~80 ns by which a spin of this class runs past its time there (its clock readings, and the last
     * {@link #CHECK} pauses before the reading that ends it). bench/results/probes/session9-spin-period.txt.
     */
    static final long DEFAULT_NANOS = 520;

    private Spin() {}

    /** Now, on the system clock (the only clock a spin reads; see the class comment). */
    static long now() {
        return SystemClock.INSTANCE.nanoTime();
    }

    /**
     * Whether a spin that began at {@code start} (a reading of {@link #now}) has used up {@code nanos}:
     * reads the clock. Overflow-safe for any {@code nanos} up to {@code Long.MAX_VALUE}.
     */
    static boolean over(long start, long nanos) {
        return now() - start - nanos >= 0;
    }

    /** {@link #check}'s answer once the spin's time is up. */
    static final long OVER = Long.MIN_VALUE;

    /**
     * The clock of a spin that looks at something once per pause (an unbuffered channel's slot or
     * waiter): call it after look {@code i}, counted from 1, with what it returned after the last look
     * (anything after the first). Every {@link #CHECK} looks it reads the clock. The first reading is
     * the spin's start, so a partner that comes within the first looks costs no reading at all; once
     * {@code nanos} have passed since, it returns {@link #OVER}. Otherwise it returns the start.
     */
    static long check(int i, long start, long nanos) {
        if ((i & (CHECK - 1)) != 0) {
            return start;
        }
        if (i == CHECK) {
            return now();
        }
        return over(start, nanos) ? OVER : start;
    }

    /**
     * Calls {@link Thread#onSpinWait()} for about {@code nanos} of real time, at most {@code maxPauses}
     * times, and returns early once {@code ready} answers true: true then, else false. {@code ready} is
     * asked at most once per {@code pollNanos} of real time, however short a pause is on this CPU: it
     * reads a cache line that another core is writing, and reading it at every pause slowed that core
     * down until it took longer than the spin (ADR 0060). The clock is read every {@link #CHECK} pauses,
     * and {@code ready} only at such a reading.
     */
    static boolean watch(long nanos, long pollNanos, int maxPauses, BooleanSupplier ready) {
        long start = now();
        long next = start + pollNanos;
        for (int i = 1; i <= maxPauses; i++) {
            Thread.onSpinWait();
            if ((i & (CHECK - 1)) != 0) {
                continue;
            }
            long t = now();
            if (t - next >= 0) {
                if (ready.getAsBoolean()) {
                    return true;
                }
                next = t + pollNanos;
            }
            if (t - start - nanos >= 0) {
                return false;
            }
        }
        return false;
    }

    /**
     * Calls {@link Thread#onSpinWait()} for about {@code nanos} of real time, at most {@code maxPauses}
     * times; returns at once for {@code nanos <= 0} without reading the clock.
     */
    static void pause(long nanos, int maxPauses) {
        if (nanos <= 0) {
            return;
        }
        long start = now();
        for (int i = 1; i <= maxPauses; i++) {
            Thread.onSpinWait();
            if ((i & (CHECK - 1)) == 0 && over(start, nanos)) {
                return;
            }
        }
    }
}
