package io.github.go4j.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.internal.Clock;
import io.github.go4j.testing.ManualClock;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Time on the system clock. Every timing assertion is an "at least d" fact measured on the library
 * clock, or an ordering; none bounds how late something may be, so a loaded machine cannot fail them.
 */
class RealClockTest {

    private static final Clock CLOCK = Clock.system();

    private static long elapsedSince(long start) {
        return CLOCK.nanoTime() - start;
    }

    @Test
    @DisplayName("TM01: sleep(d) pauses for at least d")
    void sleepAtLeast() throws Exception {
        for (long ms : new long[] {1, 3, 7}) {
            long start = CLOCK.nanoTime();
            Time.sleep(Duration.ofMillis(ms));
            assertThat(elapsedSince(start)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(ms));
        }
    }

    @Test
    @DisplayName("TM01: sleep(d <= 0) returns at once; an interrupted sleep throws and clears the flag")
    void sleepZeroAndInterrupt() throws Exception {
        Time.sleep(Duration.ZERO);
        Time.sleep(Duration.ofSeconds(-5));
        CountDownLatch outcome = new CountDownLatch(1);
        Thread sleeper = Go.go(() -> {
            try {
                Time.sleep(Duration.ofHours(1));
            } catch (InterruptedException expected) {
                if (!Thread.currentThread().isInterrupted()) {
                    outcome.countDown();
                }
            }
        });
        sleeper.interrupt();
        assertThat(outcome.await(30, TimeUnit.SECONDS)).isTrue();
        sleeper.join();
    }

    @Test
    @DisplayName("TM02: a timer's value comes after at least d, and is not before its creation plus d")
    void timerFiresAfterAtLeastD() throws Exception {
        Duration d = Duration.ofMillis(5);
        Instant before = Time.now();
        long start = CLOCK.nanoTime();
        Timer t = Time.newTimer(d);
        Instant v = t.c().receive();
        assertThat(elapsedSince(start)).isGreaterThanOrEqualTo(d.toNanos());
        // The value is the expiry time: creation (on the monotonic clock) plus d, shown as wall time.
        // Allow 1ms for the wall and monotonic clocks to disagree.
        assertThat(v).isAfterOrEqualTo(before.plus(d).minusMillis(1));
        assertThat(t.stop()).isFalse();
    }

    @Test
    @DisplayName("TM02/TM09: timers and tickers from many goroutines each fire after at least their d")
    void manyGoroutines() throws Exception {
        int n = 200;
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            int id = i;
            Go.go(() -> {
                try {
                    long ms = 1 + ThreadLocalRandom.current().nextInt(5);
                    long start = CLOCK.nanoTime();
                    switch (id % 4) {
                        case 0 -> Time.after(Duration.ofMillis(ms)).receive();
                        case 1 -> Time.newTimer(Duration.ofMillis(ms)).c().receive();
                        case 2 -> {
                            Ticker tk = Time.newTicker(Duration.ofMillis(ms));
                            tk.c().receive();
                            tk.c().receive(); // the second tick: at least 2 periods
                            tk.stop();
                            ms *= 2;
                        }
                        default -> {
                            CountDownLatch ran = new CountDownLatch(1);
                            Time.afterFunc(Duration.ofMillis(ms), ran::countDown);
                            ran.await();
                        }
                    }
                    long took = elapsedSince(start);
                    if (took < TimeUnit.MILLISECONDS.toNanos(ms)) {
                        failures.add("goroutine " + id + ": " + took + "ns < " + ms + "ms");
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
    }

    @Test
    @Tag("slow")
    @DisplayName("TM04: stop racing a receiver: exactly one of 'stop returned true' and 'value received'")
    void stopVersusReceiveConservation() throws Exception {
        int rounds = 400;
        int stoppedCount = 0;
        int receivedCount = 0;
        for (int i = 0; i < rounds; i++) {
            Timer t = Time.newTimer(Duration.ofNanos(ThreadLocalRandom.current().nextLong(200_000)));
            AtomicInteger got = new AtomicInteger();
            CountDownLatch parked = new CountDownLatch(1);
            Thread receiver = Go.go(() -> {
                parked.countDown();
                try {
                    if (t.c().receive() != null) {
                        got.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    // nothing was consumed
                }
            });
            parked.await();
            if ((i & 1) == 0) {
                Thread.onSpinWait();
            }
            boolean stopped = t.stop();
            receiver.interrupt(); // releases a receiver that will never get a value
            receiver.join();
            assertThat(stopped ^ got.get() == 1)
                    .as("round %d: stopped=%s received=%d", i, stopped, got.get())
                    .isTrue();
            assertThat(t.c().tryReceiveOk()).as("no stale value after stop").isNull();
            if (stopped) {
                stoppedCount++;
            } else {
                receivedCount++;
            }
        }
        assertThat(stoppedCount + receivedCount).isEqualTo(rounds);
    }

    @Test
    @DisplayName("TM04: without a receiver, stop always returns true (expired values are drained)")
    void stopWithoutReceiverAlwaysTrue() {
        for (int i = 0; i < 300; i++) {
            Timer t = Time.newTimer(Duration.ofNanos(ThreadLocalRandom.current().nextLong(100_000)));
            for (int spin = ThreadLocalRandom.current().nextInt(2000); spin > 0; spin--) {
                Thread.onSpinWait();
            }
            assertThat(t.stop()).isTrue();
            assertThat(t.c().tryReceiveOk()).isNull();
        }
    }

    @Test
    @DisplayName("TM05: reset racing the clock thread never lets an old setting's value through")
    void resetRaceNoStaleValue() throws Exception {
        for (int i = 0; i < 300; i++) {
            Timer t = Time.newTimer(Duration.ofNanos(ThreadLocalRandom.current().nextLong(100_000)));
            for (int spin = ThreadLocalRandom.current().nextInt(2000); spin > 0; spin--) {
                Thread.onSpinWait();
            }
            long resetAt = CLOCK.nanoTime();
            assertThat(t.reset(Duration.ofMillis(1))).as("never received, so still pending").isTrue();
            t.c().receive();
            assertThat(elapsedSince(resetAt)).as("the value came from the new setting")
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1));
            if (i % 30 == 0) {
                Time.sleep(Duration.ofMillis(1)); // let the shared timer thread breathe
            }
        }
    }

    @Test
    @Tag("slow")
    @DisplayName("TM04/TM05/TM09: one timer and one ticker shared by many goroutines that stop, reset and receive")
    void sharedTimerManyGoroutines() throws Exception {
        Timer timer = Time.newTimer(Duration.ofNanos(50_000));
        Ticker ticker = Time.newTicker(Duration.ofNanos(50_000));
        int n = 8;
        CountDownLatch done = new CountDownLatch(n);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int g = 0; g < n; g++) {
            int id = g;
            Go.go(() -> {
                try {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    for (int i = 0; i < 300; i++) {
                        Duration d = Duration.ofNanos(1 + r.nextLong(100_000));
                        switch ((id + i) % 6) {
                            case 0 -> timer.stop();
                            case 1 -> timer.reset(d);
                            case 2 -> timer.c().tryReceive();
                            case 3 -> ticker.reset(d);
                            case 4 -> ticker.c().tryReceive();
                            default -> ticker.stop();
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        timer.stop();
        ticker.stop();
        assertThat(timer.c().tryReceiveOk()).isNull();
        assertThat(ticker.c().tryReceiveOk()).isNull();
        long start = CLOCK.nanoTime();
        assertThat(timer.reset(Duration.ofMillis(2))).isFalse();
        ticker.reset(Duration.ofMillis(2));
        timer.c().receive();
        ticker.c().receive();
        assertThat(elapsedSince(start)).as("both values come from the final settings")
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(2));
        ticker.stop();
    }

    @Test
    @DisplayName("TM09: after a ticker's stop returns, no tick arrives")
    void tickerStopNoStaleTick() throws Exception {
        Ticker t = Time.newTicker(Duration.ofMillis(1));
        t.c().receive();
        Time.sleep(Duration.ofMillis(2)); // a tick is likely pending now
        t.stop();
        assertThat(t.c().tryReceiveOk()).isNull();
        Time.sleep(Duration.ofMillis(5)); // several periods: a leaked tick would show up
        assertThat(t.c().tryReceiveOk()).isNull();
    }

    @Test
    @DisplayName("TM07: an exception escaping an afterFunc function is reported as a panic")
    void afterFuncPanicReported() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        Go.setPanicHandler((e, report) -> {
            if ("boom".equals(e.getMessage())) {
                reported.countDown();
            }
        });
        try {
            Time.afterFunc(Duration.ofMillis(1), () -> {
                throw new IllegalStateException("boom");
            });
            assertThat(reported.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            Go.setPanicHandler(null);
        }
    }

    @Test
    @DisplayName("Go 1.23: an unreferenced, never stopped ticker is garbage collected and its clock action cancelled")
    void unreferencedTickerIsCollected() throws Exception {
        WeakReference<ReceiveChannel<Instant>> ref = new WeakReference<>(Time.tick(Duration.ofMillis(1)));
        WeakReference<ReceiveChannel<Instant>> timerRef = new WeakReference<>(Time.after(Duration.ofHours(1)));
        for (int i = 0; i < 50 && (ref.get() != null || timerRef.get() != null); i++) {
            System.gc();
            Time.sleep(Duration.ofMillis(10));
        }
        assertThat(ref.get()).as("ticker channel collected").isNull();
        assertThat(timerRef.get()).as("after(1h) channel collected").isNull();
    }

    @Test
    @DisplayName("Go 1.23: the cleaner cancels the clock action of a collected timer")
    void collectedTimerCancelsClockAction() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            WeakReference<Object> ref = new WeakReference<>(Time.after(Duration.ofHours(1)));
            assertThat(clock.pending()).isEqualTo(1);
            for (int i = 0; i < 50 && clock.pending() != 0; i++) {
                System.gc();
                Thread.sleep(10); // test code: waits for the JVM's cleaner thread, not for the clock
            }
            assertThat(ref.get()).isNull();
            assertThat(clock.pending()).isZero();
        });
    }

    @Test
    @DisplayName("TM02: each after() call makes a new timer; tick(null) is a NullPointerException")
    void afterIsNewEachCall() {
        ReceiveChannel<Instant> a = Time.after(Duration.ofHours(1));
        ReceiveChannel<Instant> b = Time.after(Duration.ofHours(1));
        assertThat(a).isNotSameAs(b);
        assertThatThrownBy(() -> Time.tick(null)).isInstanceOf(NullPointerException.class);
    }
}
