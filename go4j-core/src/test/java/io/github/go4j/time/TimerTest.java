package io.github.go4j.time;

import static io.github.go4j.testing.ManualClock.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.chan.Received;
import io.github.go4j.internal.Clock;
import io.github.go4j.internal.G;
import io.github.go4j.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Timers, after and afterFunc on a {@link ManualClock}: deterministic, no real waiting (TM02-TM07,
 * TM11, TH10).
 */
class TimerTest {

    private static final Duration MS = Duration.ofMillis(1);

    private static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    /** Nothing to receive now, and the channel is not closed either. */
    private static void assertEmptyNotClosed(Timer t) {
        assertThat(t.c().tryReceiveOk()).as("would block (no value, not closed)").isNull();
    }

    @Test
    @DisplayName("TM02: after(d) sends the expiry time, not before d")
    void afterSendsExpiryTime() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            var c = Time.after(ms(5));
            clock.advance(ms(4));
            assertThat(c.tryReceiveOk()).isNull();
            clock.advance(MS);
            assertThat(c.receive()).isEqualTo(at(ms(5)));
            clock.advance(ms(100));
            assertThat(c.tryReceiveOk()).as("one value only").isNull();
        });
    }

    @Test
    @DisplayName("TM02: a timer that fires late still sends its expiry time")
    void lateFiringSendsExpiryTime() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Timer t = Time.newTimer(ms(5));
            clock.jump(ms(12)); // the clock runs the action at 12ms
            assertThat(t.c().receive()).isEqualTo(at(ms(5)));
        });
    }

    @Test
    @DisplayName("TM02: newTimer(d <= 0) fires at once")
    void nonPositiveTimerFiresAtOnce() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            clock.advance(ms(3));
            Timer zero = Time.newTimer(Duration.ZERO);
            Timer negative = Time.newTimer(ms(-7));
            clock.advance(Duration.ZERO);
            assertThat(zero.c().receive()).isEqualTo(at(ms(3)));
            assertThat(negative.c().receive()).isEqualTo(at(ms(3)));
        });
    }

    @Test
    @DisplayName("TM03: a timer channel looks unbuffered: len == cap == 0, even holding a value")
    void timerChannelLooksUnbuffered() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Timer t = Time.newTimer(MS);
            assertThat(t.c().len()).isZero();
            assertThat(t.c().cap()).isZero();
            clock.advance(MS);
            assertThat(t.c().len()).as("len with a pending value").isZero();
            assertThat(t.c().cap()).isZero();
            assertThat(t.c().receive()).isNotNull();
            assertThat(t.c().len()).isZero();
        });
    }

    @Test
    @DisplayName("TM04: stop before expiry returns true; no value ever comes")
    void stopBeforeExpiry() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Timer t = Time.newTimer(ms(5));
            clock.advance(ms(2));
            assertThat(t.stop()).isTrue();
            assertThat(clock.pending()).as("the clock action was cancelled").isZero();
            clock.advance(ms(10));
            assertEmptyNotClosed(t);
            assertThat(t.stop()).as("second stop").isFalse();
        });
    }

    @Test
    @DisplayName("TM04: stop after expiry but before the receive returns true and removes the value")
    void stopExpiredUnreceived() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Timer t = Time.newTimer(ms(5));
            clock.advance(ms(6));
            assertThat(t.stop()).isTrue();
            assertEmptyNotClosed(t);
            assertThat(t.stop()).isFalse();
        });
    }

    @Test
    @DisplayName("TM04: stop after the value was received returns false")
    void stopAfterReceive() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Timer t = Time.newTimer(ms(5));
            clock.advance(ms(5));
            assertThat(t.c().receive()).isEqualTo(at(ms(5)));
            assertThat(t.stop()).isFalse();
            assertEmptyNotClosed(t);
        });
    }

    @Test
    @DisplayName("TM05: reset of an active timer returns true; only the new setting's value arrives")
    void resetActive() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Timer t = Time.newTimer(ms(5));
            clock.advance(ms(3));
            assertThat(t.reset(ms(10))).isTrue();
            clock.advance(ms(9)); // 12ms: past the old expiry, before the new one (13ms)
            assertEmptyNotClosed(t);
            clock.advance(MS);
            assertThat(t.c().receive()).isEqualTo(at(ms(13)));
            clock.advance(ms(50));
            assertEmptyNotClosed(t);
        });
    }

    @Test
    @DisplayName("TM05: reset after expiry, value not received: true, and the old value is gone")
    void resetExpiredUnreceived() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Timer t = Time.newTimer(ms(5));
            clock.advance(ms(7));
            assertThat(t.reset(ms(5))).isTrue();
            assertEmptyNotClosed(t);
            clock.advance(ms(5));
            assertThat(t.c().receive()).isEqualTo(at(ms(12)));
        });
    }

    @Test
    @DisplayName("TM05: reset after the value was received, or after stop, returns false and re-arms")
    void resetAfterReceiveOrStop() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Timer t = Time.newTimer(ms(5));
            clock.advance(ms(5));
            t.c().receive();
            assertThat(t.reset(ms(2))).isFalse();
            clock.advance(ms(2));
            assertThat(t.c().receive()).isEqualTo(at(ms(7)));

            Timer s = Time.newTimer(ms(5));
            assertThat(s.stop()).isTrue();
            assertThat(s.reset(ms(1))).as("reset of a stopped timer").isFalse();
            clock.advance(MS);
            assertThat(s.c().receive()).isEqualTo(at(ms(8)));
        });
    }

    @Test
    @DisplayName("TM05: reset(d <= 0) fires at once; many resets leave one clock action")
    void resetNonPositiveAndRepeated() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Timer t = Time.newTimer(ms(5));
            for (int i = 0; i < 100; i++) {
                assertThat(t.reset(ms(5))).isTrue();
            }
            assertThat(clock.pending()).isEqualTo(1);
            assertThat(t.reset(ms(-1))).isTrue();
            clock.advance(Duration.ZERO);
            assertThat(t.c().receive()).isEqualTo(at(Duration.ZERO));
        });
    }

    @Test
    @DisplayName("TM05: a receiver blocked on the channel across a reset gets the new setting's value")
    void blockedReceiverAcrossReset() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Timer t = Time.newTimer(ms(5));
            AtomicReference<Instant> got = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            Thread receiver = io.github.go4j.Go.go(() -> {
                got.set(t.c().receive());
                done.countDown();
            });
            assertThat(t.reset(ms(20))).isTrue();
            clock.advance(ms(10));
            assertThat(done.getCount()).as("nothing from the old setting").isEqualTo(1);
            clock.advance(ms(10));
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(got.get()).isEqualTo(at(ms(20)));
            receiver.join();
        });
    }

    @Test
    @DisplayName("TM07: afterFunc runs f in its own goroutine, in the creator's bubble, after d; c() is null")
    void afterFuncRunsInOwnGoroutine() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Thread creator = Thread.currentThread();
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            AtomicReference<Clock> itsClock = new AtomicReference<>();
            AtomicReference<Duration> ranAt = new AtomicReference<>();
            CountDownLatch ran = new CountDownLatch(1);
            Timer t = Time.afterFunc(ms(5), () -> {
                ranOn.set(Thread.currentThread());
                itsClock.set(Clock.current());
                ranAt.set(clock.elapsed());
                ran.countDown();
            });
            assertThat(t.c()).isNull();
            clock.advance(ms(4));
            assertThat(ran.getCount()).isEqualTo(1);
            clock.advance(MS);
            assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ranOn.get()).isNotSameAs(creator);
            assertThat(ranOn.get().isVirtual()).isTrue();
            assertThat(itsClock.get()).as("f's goroutine is in the creator's bubble").isSameAs(clock);
            assertThat(ranAt.get()).isEqualTo(ms(5));
        });
    }

    @Test
    @DisplayName("TM07: stopping an afterFunc timer before it fires returns true and f never runs")
    void afterFuncStopBefore() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            AtomicInteger runs = new AtomicInteger();
            Timer t = Time.afterFunc(ms(5), runs::incrementAndGet);
            assertThat(t.stop()).isTrue();
            assertThat(t.stop()).isFalse();
            clock.advance(ms(50));
            assertThat(runs.get()).isZero();
            assertThat(clock.pending()).isZero();
        });
    }

    @Test
    @DisplayName("TM07: once f started, stop returns false without waiting; reset returns false and runs f again")
    void afterFuncStopAndResetAfterStart() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            AtomicInteger runs = new AtomicInteger();
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch second = new CountDownLatch(1);
            Timer t = Time.afterFunc(ms(5), () -> {
                if (runs.incrementAndGet() == 1) {
                    started.countDown();
                    release.await(); // still running while the test calls stop and reset
                } else {
                    second.countDown();
                }
            });
            clock.advance(ms(5));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(t.stop()).as("f has started: stop returns false, and returned without waiting").isFalse();
            assertThat(t.reset(ms(3))).as("reset after f started").isFalse();
            clock.advance(ms(3));
            assertThat(second.await(30, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            assertThat(runs.get()).isEqualTo(2);
        });
    }

    @Test
    @DisplayName("TM07: reset of a pending afterFunc timer returns true and f runs once, at the new time")
    void afterFuncResetPending() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            AtomicInteger runs = new AtomicInteger();
            AtomicReference<Duration> ranAt = new AtomicReference<>();
            CountDownLatch ran = new CountDownLatch(1);
            Timer t = Time.afterFunc(ms(5), () -> {
                runs.incrementAndGet();
                ranAt.set(clock.elapsed());
                ran.countDown();
            });
            clock.advance(ms(4));
            assertThat(t.reset(ms(4))).isTrue();
            clock.advance(ms(3)); // 7ms: past the old setting
            assertThat(runs.get()).isZero();
            clock.advance(MS); // 8ms; the clock stays here while f runs
            assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ranAt.get()).isEqualTo(ms(8));
            assertThat(clock.pending()).isZero();
            assertThat(runs.get()).isEqualTo(1);
        });
    }

    @Test
    @DisplayName("TH10: a bubble's timer may not be stopped or reset from outside any bubble")
    void bubbleTimerFromOutside() throws Exception {
        ManualClock clock = new ManualClock();
        AtomicReference<Timer> made = new AtomicReference<>();
        clock.run(() -> made.set(Time.newTimer(ms(5))));
        assertThat(G.current()).isNull();
        assertThatThrownBy(() -> made.get().stop())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("stop of synctest timer from outside bubble");
        assertThatThrownBy(() -> made.get().reset(MS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("reset of synctest timer from outside bubble");
    }

    @Test
    @DisplayName("TM11: with asynctimerchan=1 the channel has cap 1 and stop leaves a delivered value")
    void asyncTimerChan() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Timer t = Time.newTimer(ms(5), true);
            assertThat(t.c().cap()).isEqualTo(1);
            clock.advance(ms(5));
            assertThat(t.c().len()).isEqualTo(1);
            assertThat(t.stop()).as("Go 1.22: the timer had expired").isFalse();
            assertThat(t.c().receive()).as("the stale value stays").isEqualTo(at(ms(5)));
            Timer u = Time.newTimer(ms(5), true);
            assertThat(u.stop()).isTrue();
            clock.advance(ms(10));
            assertThat(u.c().tryReceiveOk()).isNull();
        });
    }

    @Test
    @DisplayName("now/since/until read the goroutine's clock")
    void nowSinceUntil() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            assertThat(Time.now()).isEqualTo(ManualClock.EPOCH);
            Instant start = Time.now();
            clock.advance(Duration.ofSeconds(3));
            assertThat(Time.since(start)).isEqualTo(Duration.ofSeconds(3));
            assertThat(Time.until(start.plusSeconds(5))).isEqualTo(Duration.ofSeconds(2));
            assertThat(Time.until(start)).isEqualTo(Duration.ofSeconds(-3));
        });
    }

    @Test
    @DisplayName("null arguments are NullPointerExceptions; huge durations are clamped, not errors")
    void nullsAndHugeDurations() throws Exception {
        assertThatThrownBy(() -> Time.newTimer(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Time.after(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Time.afterFunc(MS, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Time.since(null)).isInstanceOf(NullPointerException.class);
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Timer t = Time.newTimer(Duration.ofDays(365L * 10_000));
            clock.advance(Duration.ofDays(365L * 200));
            assertEmptyNotClosed(t);
            assertThat(t.reset(Duration.ofSeconds(Long.MAX_VALUE))).isTrue();
            assertThat(t.stop()).isTrue();
        });
        assertThat(Time.nanos(Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
        assertThat(TimerState.saturatedAdd(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    @DisplayName("TM04/TM05: the channel of a stopped or reset timer is never closed")
    void neverClosed() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Timer t = Time.newTimer(MS);
            t.stop();
            t.reset(MS);
            t.stop();
            Received<Instant> r = t.c().tryReceiveOk();
            assertThat(r).isNull();
        });
    }
}
