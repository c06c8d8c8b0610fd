package io.github.go4j.time;

import static io.github.go4j.testing.ManualClock.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.testing.ManualClock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * stop and reset on a clock that can never cancel an action: the clock thread's action for an old
 * setting always runs, as when it has started but waits for the timer's lock. The sequence number
 * alone must keep it from delivering (TM04, TM05, TM07, TM09).
 */
class StaleActionTest {

    private static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    @Test
    @DisplayName("TM04: a stopped timer's old action runs but delivers nothing")
    void stoppedTimer() throws Exception {
        ManualClock clock = ManualClock.uncancellable();
        clock.run(() -> {
            Timer t = Time.newTimer(ms(5));
            assertThat(t.stop()).isTrue();
            clock.advance(ms(10));
            assertThat(t.c().tryReceiveOk()).isNull();
        });
    }

    @Test
    @DisplayName("TM05: after reset only the new setting delivers, once")
    void resetTimer() throws Exception {
        ManualClock clock = ManualClock.uncancellable();
        clock.run(() -> {
            Timer t = Time.newTimer(ms(5));
            assertThat(t.reset(ms(8))).isTrue();
            clock.advance(ms(5));
            assertThat(t.c().tryReceiveOk()).as("old action at 5ms is stale").isNull();
            clock.advance(ms(3));
            assertThat(t.c().receive()).isEqualTo(at(ms(8)));
            assertThat(t.reset(ms(1))).isFalse();
            assertThat(t.stop()).isTrue();
            clock.advance(ms(20));
            assertThat(t.c().tryReceiveOk()).isNull();
        });
    }

    @Test
    @DisplayName("TM09: a stopped or reset ticker's old schedule delivers nothing")
    void ticker() throws Exception {
        ManualClock clock = ManualClock.uncancellable();
        clock.run(() -> {
            Ticker tk = Time.newTicker(ms(5));
            clock.advance(ms(5));
            assertThat(tk.c().receive()).isEqualTo(at(ms(5)));
            tk.reset(ms(7)); // at 5: new ticks at 12, 19, ...; the old action at 10 is stale
            clock.advance(ms(5));
            assertThat(tk.c().tryReceiveOk()).isNull();
            clock.advance(ms(2));
            assertThat(tk.c().receive()).isEqualTo(at(ms(12)));
            tk.stop();
            clock.advance(ms(30));
            assertThat(tk.c().tryReceiveOk()).isNull();
        });
    }

    @Test
    @DisplayName("TM07: a stopped afterFunc's old action starts no goroutine; a reset one runs f once")
    void afterFunc() throws Exception {
        ManualClock clock = ManualClock.uncancellable();
        clock.run(() -> {
            AtomicInteger runs = new AtomicInteger();
            CountDownLatch ran = new CountDownLatch(1);
            Timer t = Time.afterFunc(ms(5), () -> {
                runs.incrementAndGet();
                ran.countDown();
            });
            assertThat(t.stop()).isTrue();
            clock.advance(ms(10));
            assertThat(t.reset(ms(5))).isFalse();
            assertThat(t.reset(ms(5))).isTrue(); // two settings in flight, only the last counts
            clock.advance(ms(5));
            assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
            Timer done = Time.afterFunc(Duration.ZERO, () -> {});
            done.stop();
            clock.advance(ms(50));
            assertThat(runs.get()).isEqualTo(1);
        });
    }
}
