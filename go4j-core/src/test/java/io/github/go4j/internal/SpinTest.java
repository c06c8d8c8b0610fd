package io.github.go4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Spins measured in time (ADR 0056). */
class SpinTest {

    @Test
    @Timeout(value = 5, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // without the clock: 2^31 pauses, ~20 s on x86
    @DisplayName("a pause lasts its nanoseconds on the system clock, however many pauses that takes, and ends then")
    void pauseLastsItsTime() {
        long start = System.nanoTime();
        Spin.pause(2_000_000, Integer.MAX_VALUE);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(2_000_000);
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("a pause ends at its cap of pauses even when its time never runs out (a clock that stands still)")
    void pauseEndsAtItsCap() {
        Spin.pause(Long.MAX_VALUE, 10_000);
    }

    @Test
    @DisplayName("over: false before the time is used up, true after, and no overflow for the longest time")
    void over() {
        long start = Spin.now();
        assertThat(Spin.over(start, Long.MAX_VALUE)).isFalse();
        assertThat(Spin.over(start, 3_600_000_000_000L)).isFalse();
        assertThat(Spin.over(start - 1_000_000, 1_000_000)).isTrue();
        assertThat(Spin.over(start, 0)).isTrue();
    }

    @Test
    @DisplayName("check reads the clock only every CHECK looks: the first reading starts the spin, and it ends once the time is up")
    void check() {
        assertThat(Spin.check(1, 42, 0)).as("no reading between checks").isEqualTo(42);
        assertThat(Spin.check(Spin.CHECK - 1, 42, 0)).isEqualTo(42);
        long before = Spin.now();
        long start = Spin.check(Spin.CHECK, 42, 0);
        assertThat(start).as("the first reading starts the spin").isBetween(before, Spin.now());
        assertThat(Spin.check(2 * Spin.CHECK + 1, start, 0)).isEqualTo(start);
        assertThat(Spin.check(2 * Spin.CHECK, start, Long.MAX_VALUE)).as("time left").isEqualTo(start);
        assertThat(Spin.check(2 * Spin.CHECK, start - 1_000_000, 1_000_000)).as("time up").isEqualTo(Spin.OVER);
    }

    @Test
    @Timeout(value = 5, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("ADR 0060: watch asks at most once per poll interval, lasts its time when the answer stays no, and ends at the first yes")
    void watch() {
        int[] asked = new int[1];
        long start = System.nanoTime();
        assertThat(Spin.watch(2_000_000, 200_000, Integer.MAX_VALUE, () -> ++asked[0] < 0)).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(2_000_000);
        assertThat(asked[0]).as("2 ms, asked every 0.2 ms at most").isBetween(1, 10);

        asked[0] = 0;
        assertThat(Spin.watch(Long.MAX_VALUE, 0, Integer.MAX_VALUE, () -> ++asked[0] == 3)).isTrue();
        assertThat(asked[0]).isEqualTo(3);
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("ADR 0060: watch ends at its cap of pauses even when its time never runs out (a clock that stands still)")
    void watchEndsAtItsCap() {
        assertThat(Spin.watch(Long.MAX_VALUE, Long.MAX_VALUE, 10_000, () -> true)).isFalse();
    }
}
