package io.github.go4j.time;

import static io.github.go4j.testing.ManualClock.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Tickers and tick on a {@link ManualClock}: deterministic, no real waiting (TM03, TM08-TM10). */
class TickerTest {

    private static final Duration D = Duration.ofMillis(10);

    private static Duration ds(double periods) {
        return Duration.ofNanos(Math.round(D.toNanos() * periods));
    }

    @Test
    @DisplayName("TM09: the first tick comes after d, then one every d, each carrying its due time")
    void ticksEveryPeriod() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Ticker t = Time.newTicker(D);
            clock.advance(ds(0.9));
            assertThat(t.c().tryReceiveOk()).isNull();
            for (int i = 1; i <= 5; i++) {
                clock.advance(i == 1 ? ds(0.1) : D);
                assertThat(t.c().receive()).isEqualTo(at(ds(i)));
            }
            t.stop();
        });
    }

    @Test
    @DisplayName("TM03: a ticker channel looks unbuffered: len == cap == 0")
    void tickerChannelLooksUnbuffered() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Ticker t = Time.newTicker(D);
            clock.advance(D);
            assertThat(t.c().len()).isZero();
            assertThat(t.c().cap()).isZero();
            t.stop();
        });
    }

    @Test
    @DisplayName("TM09: a slow receiver finds at most one pending tick: the oldest, later ones dropped")
    void atMostOnePendingTick() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Ticker t = Time.newTicker(D);
            for (int i = 0; i < 5; i++) {
                clock.advance(D); // ticks at 1d..5d, nobody receiving
            }
            assertThat(t.c().receive()).isEqualTo(at(ds(1)));
            assertThat(t.c().tryReceiveOk()).as("only one was pending").isNull();
            clock.advance(D);
            assertThat(t.c().receive()).isEqualTo(at(ds(6)));
            t.stop();
        });
    }

    @Test
    @DisplayName("TM09: a ticker that fell behind skips the missed ticks instead of bursting")
    void fallingBehindSkips() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Ticker t = Time.newTicker(D);
            clock.jump(ds(5.5)); // the clock's thread was stalled: the first action runs at 5.5d
            assertThat(t.c().receive()).isEqualTo(at(ds(1)));
            assertThat(clock.pending()).isEqualTo(1);
            assertThat(clock.scheduleCalls()).as("one action to create, one for the next tick: no catch-up burst")
                    .isEqualTo(2);
            clock.advance(ds(0.4));
            assertThat(t.c().tryReceiveOk()).as("no burst of missed ticks").isNull();
            clock.advance(ds(0.1));
            assertThat(t.c().receive()).isEqualTo(at(ds(6)));
            t.stop();
        });
    }

    @Test
    @DisplayName("TM09: stop removes a pending tick, sends no more, and does not close the channel")
    void stopLeavesNoStaleTick() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Ticker t = Time.newTicker(D);
            clock.advance(ds(1.5));
            t.stop();
            assertThat(t.c().tryReceiveOk()).as("no stale tick, not closed").isNull();
            assertThat(clock.pending()).isZero();
            clock.advance(ds(10));
            assertThat(t.c().tryReceiveOk()).isNull();
            t.stop(); // stopping twice is fine
        });
    }

    @Test
    @DisplayName("TM09: reset restarts the period from now and removes a pending tick; it also restarts a stopped ticker")
    void resetRestartsPeriod() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Ticker t = Time.newTicker(D);
            clock.advance(ds(2.5)); // ticks at 1d and 2d; the one at 1d is pending
            t.reset(D.multipliedBy(2));
            assertThat(t.c().tryReceiveOk()).as("the old setting's tick is gone").isNull();
            clock.advance(ds(1.5)); // 4d: the old schedule would have ticked at 3d and 4d
            assertThat(t.c().tryReceiveOk()).isNull();
            clock.advance(ds(0.5)); // 4.5d = reset + 2d
            assertThat(t.c().receive()).isEqualTo(at(ds(4.5)));
            clock.advance(D.multipliedBy(2));
            assertThat(t.c().receive()).isEqualTo(at(ds(6.5)));

            t.stop();
            clock.advance(ds(5));
            t.reset(D);
            clock.advance(D);
            assertThat(t.c().receive()).isEqualTo(at(ds(12.5)));
            t.stop();
        });
    }

    @Test
    @DisplayName("TM08: newTicker and reset reject non-positive intervals with Go's messages")
    void nonPositiveIntervals() throws Exception {
        assertThatThrownBy(() -> Time.newTicker(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("non-positive interval for NewTicker");
        assertThatThrownBy(() -> Time.newTicker(Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("non-positive interval for NewTicker");
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Ticker t = Time.newTicker(D);
            assertThatThrownBy(() -> t.reset(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("non-positive interval for Ticker.Reset");
            assertThatThrownBy(() -> t.reset(D.negated()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("non-positive interval for Ticker.Reset");
            clock.advance(D);
            assertThat(t.c().receive()).as("a failed reset changed nothing").isEqualTo(at(D));
            t.stop();
        });
    }

    @Test
    @DisplayName("TM10: tick(d <= 0) is null (Go's nil channel); tick(d) ticks")
    void tick() throws Exception {
        assertThat(Time.tick(Duration.ZERO)).isNull();
        assertThat(Time.tick(Duration.ofSeconds(-1))).isNull();
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            var c = Time.tick(D);
            assertThat(c).isNotNull();
            clock.advance(D);
            Instant first = c.receive();
            clock.advance(D);
            assertThat(c.receive()).isEqualTo(first.plus(D));
        });
    }

    @Test
    @DisplayName("TM11: with asynctimerchan=1 a ticker's channel has cap 1 and keeps a tick across stop")
    void asyncTicker() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Ticker t = Time.newTicker(D, true);
            assertThat(t.c().cap()).isEqualTo(1);
            clock.advance(ds(3));
            assertThat(t.c().len()).isEqualTo(1);
            t.stop();
            assertThat(t.c().receive()).isEqualTo(at(D));
        });
    }
}
