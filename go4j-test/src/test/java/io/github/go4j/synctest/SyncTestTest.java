package io.github.go4j.synctest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.context.CancelContext;
import io.github.go4j.context.Context;
import io.github.go4j.context.DeadlineExceededException;
import io.github.go4j.internal.G;
import io.github.go4j.internal.WaitReason;
import io.github.go4j.sync.Cond;
import io.github.go4j.sync.Mutex;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SyncTestTest {

    private static final Instant Y2K = Instant.parse("2000-01-01T00:00:00Z");

    @Test
    @DisplayName("TH06: the bubble's clock starts at 2000-01-01T00:00:00Z")
    void clockStartsAtY2K() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>();
        SyncTest.run(() -> now.set(Time.now()));
        assertThat(now.get()).isEqualTo(Y2K);
    }

    @Test
    @DisplayName("Proof: 1000 goroutines sleeping an hour of virtual time finish in well under a second")
    void anHourInMicroseconds() throws Exception {
        int n = 1000;
        AtomicInteger woke = new AtomicInteger();
        AtomicReference<Instant> end = new AtomicReference<>();
        long t0 = System.nanoTime();
        SyncTest.run(() -> {
            for (int i = 0; i < n; i++) {
                Go.go(() -> {
                    Time.sleep(Duration.ofHours(1));
                    woke.incrementAndGet();
                });
            }
            Time.sleep(Duration.ofHours(1));
            SyncTest.await();
            end.set(Time.now());
        });
        long elapsed = System.nanoTime() - t0;
        assertThat(woke.get()).isEqualTo(n);
        assertThat(end.get()).isEqualTo(Y2K.plus(Duration.ofHours(1)));
        // Typically 0.1-0.2 s. Bounded loosely, as anHourMinuteByMinute is: this machine is shared, and a
        // wall-clock bound tighter than the scheduler's worst pause would make the test flaky.
        assertThat(Duration.ofNanos(elapsed)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("Proof: 100 goroutines each sleeping an hour minute by minute (6000 wake-ups) in about a second at most")
    void anHourMinuteByMinute() throws Exception {
        int n = 100;
        AtomicInteger woke = new AtomicInteger();
        long t0 = System.nanoTime();
        SyncTest.run(() -> {
            for (int i = 0; i < n; i++) {
                Go.go(() -> {
                    for (int m = 0; m < 60; m++) {
                        Time.sleep(Duration.ofMinutes(1));
                    }
                    woke.incrementAndGet();
                });
            }
            Time.sleep(Duration.ofHours(2));
            assertThat(Time.since(Y2K)).isEqualTo(Duration.ofHours(2));
        });
        assertThat(woke.get()).isEqualTo(n);
        // Bounded loosely: this machine is shared; the point is seconds, not an hour.
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("TH12: sleeping 1ns then 2ns logs exactly 1ns and 2ns")
    void exactNanoseconds() throws Exception {
        List<Duration> log = new ArrayList<>();
        SyncTest.run(() -> {
            Instant start = Time.now();
            Time.sleep(Duration.ofNanos(1));
            log.add(Time.since(start));
            Time.sleep(Duration.ofNanos(2));
            log.add(Time.since(start).minusNanos(1));
        });
        assertThat(log).containsExactly(Duration.ofNanos(1), Duration.ofNanos(2));
    }

    @Test
    @DisplayName("TH12: WithTimeout(5s) is not done after 5s-1ns + Wait, and is DeadlineExceeded after 1ns more")
    void contextDeadlineOnVirtualTime() throws Exception {
        SyncTest.run(() -> {
            try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(5))) {
                Time.sleep(Duration.ofSeconds(5).minusNanos(1));
                SyncTest.await();
                assertThat(ctx.err()).isNull();
                Time.sleep(Duration.ofNanos(1));
                SyncTest.await();
                assertThat(ctx.err()).isInstanceOf(DeadlineExceededException.class);
            }
        });
    }

    @Test
    @DisplayName("TH06: goroutines wake in the order of their virtual deadlines, whatever the start order")
    void wakeOrderFollowsVirtualTime() throws Exception {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        SyncTest.run(() -> {
            for (int i = 10; i >= 1; i--) {
                int d = i;
                Go.go(() -> {
                    Time.sleep(Duration.ofMillis(d));
                    order.add(d);
                });
            }
            Time.sleep(Duration.ofMillis(11)); // time stops once the root has returned (TH06)
        });
        assertThat(order).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    @DisplayName("TH06: Time.after and afterFunc fire at their virtual instant")
    void timersFireOnVirtualTime() throws Exception {
        List<Instant> seen = Collections.synchronizedList(new ArrayList<>());
        SyncTest.run(() -> {
            Time.afterFunc(Duration.ofMinutes(30), () -> seen.add(Time.now()));
            seen.add(Time.after(Duration.ofHours(1)).receive());
            seen.add(Time.now());
        });
        assertThat(seen).containsExactly(Y2K.plus(Duration.ofMinutes(30)), Y2K.plus(Duration.ofHours(1)),
                Y2K.plus(Duration.ofHours(1)));
    }

    @Test
    @DisplayName("TH06/TH07: time never moves while a bubble goroutine can run (channels + sleeps, exact instants)")
    void timeNeverMovesUnderARunningGoroutine() throws Exception {
        int workers = 40;
        int rounds = 40;
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger received = new AtomicInteger();
        SyncTest.run(() -> {
            Channel<Integer> ch = Channel.make();
            for (int w = 0; w < workers; w++) {
                Go.go(() -> {
                    Instant start = Time.now();
                    for (int i = 1; i <= rounds; i++) {
                        Time.sleep(Duration.ofMillis(1));
                        Duration at = Time.since(start);
                        if (!at.equals(Duration.ofMillis(i))) {
                            errors.add("woke at " + at + " instead of " + i + "ms");
                        }
                        ch.send(i); // the collector receives at once: no virtual time passes
                    }
                });
            }
            for (int i = 0; i < workers * rounds; i++) {
                ch.receive();
                received.incrementAndGet();
            }
            assertThat(Time.since(Y2K)).isEqualTo(Duration.ofMillis(rounds));
        });
        assertThat(errors).isEmpty();
        assertThat(received.get()).isEqualTo(workers * rounds);
    }

    @Test
    @DisplayName("TH07: WaitGroup.await and Cond.await are durable: time moves past them")
    void waitGroupAndCondAreDurable() throws Exception {
        AtomicReference<Duration> woke = new AtomicReference<>();
        AtomicReference<Duration> waited = new AtomicReference<>();
        SyncTest.run(() -> {
            WaitGroup wg = new WaitGroup();
            for (int i = 1; i <= 10; i++) {
                int s = i;
                wg.go(() -> Time.sleep(Duration.ofSeconds(s)));
            }
            Mutex mu = new Mutex();
            Cond cond = new Cond(mu);
            boolean[] ready = {false};
            wg.go(() -> {
                mu.lock();
                try {
                    while (!ready[0]) {
                        cond.await();
                    }
                    woke.set(Time.since(Y2K));
                } finally {
                    mu.unlock();
                }
            });
            Time.sleep(Duration.ofHours(1));
            mu.lock();
            ready[0] = true;
            cond.signal();
            mu.unlock();
            wg.await();
            waited.set(Time.since(Y2K));
        });
        assertThat(woke.get()).isEqualTo(Duration.ofHours(1));
        assertThat(waited.get()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    @DisplayName("TH09: all goroutines blocked with no timer: deadlock with a dump of who waits on what")
    void deadlockAllBlocked() {
        assertThatThrownBy(() -> SyncTest.run(() -> {
            Channel<Integer> never = Channel.make();
            Go.go(() -> never.send(1));
            Channel.<Integer>make().receive();
        }))
                .isInstanceOf(DeadlockError.class)
                .hasMessageStartingWith("deadlock: all goroutines in bubble are blocked\n\n")
                .hasMessageContaining(" [chan receive (durable)]:")
                .hasMessageContaining(" [chan send (durable)]:")
                .hasMessageContaining("created by io.github.go4j.synctest.SyncTestTest (lambda) in goroutine");
    }

    @Test
    @DisplayName("TH09: the root returned while others are blocked: Go 1.25's message")
    void deadlockRootExited() {
        assertThatThrownBy(() -> SyncTest.run(() -> {
            Channel<Integer> never = Channel.make();
            Go.go(() -> never.receive());
            Go.go(() -> Time.sleep(Duration.ofHours(1))); // a pending timer does not help: time stops with the root
        }))
                .isInstanceOf(DeadlockError.class)
                .hasMessageStartingWith("deadlock: main bubble goroutine has exited but blocked goroutines remain");
    }

    @Test
    @DisplayName("TH09: a ticker nobody reads does not hide a deadlock (the clock does not run on forever)")
    void unreadTickerIsStillADeadlock() {
        assertThatThrownBy(() -> SyncTest.run(() -> {
            // Keep the ticker reachable: an unreferenced ticker is collectable (Go 1.23), and then
            // nothing would be pending and the test would see a plain deadlock instead.
            var ticker = Time.newTicker(Duration.ofSeconds(1));
            try {
                Channel.<Integer>make().receive();
            } finally {
                java.lang.ref.Reference.reachabilityFence(ticker);
            }
        }))
                .isInstanceOf(DeadlockError.class)
                .hasMessageStartingWith("deadlock: all goroutines in bubble are blocked\n")
                .hasMessageContaining("timers fired in a row without waking any goroutine");
    }

    @Test
    @DisplayName("TH08: await outside a bubble panics 'goroutine is not in a bubble'")
    void awaitOutsideBubble() {
        assertThatThrownBy(SyncTest::await).isInstanceOf(IllegalStateException.class)
                .hasMessage("goroutine is not in a bubble");
    }

    @Test
    @DisplayName("TH08: a second await while one is in progress panics 'wait already in progress'")
    void awaitAlreadyInProgress() throws Exception {
        AtomicReference<Throwable> second = new AtomicReference<>();
        SyncTest.run(() -> {
            Thread first = Go.go(SyncTest::await);
            // The first await cannot return while we run; wait until it is parked in await.
            while (!inSyncTestWait(first)) {
                Go.gosched();
            }
            try {
                SyncTest.await();
            } catch (IllegalStateException e) {
                second.set(e);
            }
        });
        assertThat(second.get()).hasMessage("wait already in progress");
    }

    private static boolean inSyncTestWait(Thread t) {
        for (G g : G.live()) {
            if (g.thread() == t) {
                return g.waitReason() == WaitReason.SYNCTEST_WAIT;
            }
        }
        return false;
    }

    @Test
    @DisplayName("TH08: await returns once the others are durably blocked, without moving the clock")
    void awaitSettlesWithoutMovingTime() throws Exception {
        SyncTest.run(() -> {
            Channel<Integer> ch = Channel.make(10);
            AtomicInteger got = new AtomicInteger();
            Go.go(() -> {
                for (int i = 0; i < 3; i++) {
                    got.addAndGet(ch.receive());
                }
            });
            ch.send(1);
            ch.send(2);
            SyncTest.await();
            assertThat(got.get()).isEqualTo(3);
            assertThat(Time.now()).isEqualTo(Y2K);
            ch.send(3);
        });
    }

    @Test
    @DisplayName("TH11: run inside a bubble is refused")
    void nestedRunRefused() throws Exception {
        AtomicReference<Throwable> err = new AtomicReference<>();
        SyncTest.run(() -> {
            try {
                SyncTest.run(() -> {});
            } catch (IllegalStateException e) {
                err.set(e);
            }
        });
        assertThat(err.get()).hasMessage("synctest.Run called from within a synctest bubble");
    }

    @Test
    @DisplayName("What escapes the root is rethrown by run")
    void rootFailureRethrown() {
        assertThatThrownBy(() -> SyncTest.run(() -> {
            throw new IllegalArgumentException("boom");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("boom");
    }

    @Test
    @DisplayName("A panic in a bubble goroutine ends the bubble and is rethrown by run, not reported elsewhere")
    void goroutinePanicFailsRun() throws InterruptedException {
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Throwable> inRoot = new AtomicReference<>();
        AtomicReference<Thread> root = new AtomicReference<>();
        Go.setPanicHandler((e, report) -> handled.add(report));
        try {
            assertThatThrownBy(() -> SyncTest.run(() -> {
                root.set(Thread.currentThread());
                Go.go(() -> {
                    throw new IllegalStateException("boom");
                });
                try {
                    Channel.<Integer>make().receive(); // would be a deadlock; the panic ends the bubble first
                } catch (InterruptedException e) {
                    inRoot.set(e); // the bubble's teardown
                    throw e;
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("boom").hasNoSuppressedExceptions();
        } finally {
            Go.setPanicHandler(null);
        }
        root.get().join(); // run returns when the bubble fails, without waiting for the members to unwind
        assertThat(handled).isEmpty();
        assertThat(inRoot.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    @DisplayName("A failed assertion in a WaitGroup goroutine fails run with that AssertionError")
    void assertionInWaitGroupGoroutineFailsRun() {
        assertThatThrownBy(() -> SyncTest.run(() -> {
            WaitGroup wg = new WaitGroup();
            for (int i = 0; i < 5; i++) {
                int n = i;
                wg.go(() -> {
                    Time.sleep(Duration.ofSeconds(n));
                    assertThat(n).as("worker").isLessThan(3);
                });
            }
            wg.await();
        })).isInstanceOf(AssertionError.class).hasMessageContaining("[worker]").hasMessageContaining("3");
    }

    @Test
    @DisplayName("A panic in an afterFunc goroutine fails run at its virtual instant")
    void afterFuncPanicFailsRun() {
        AtomicReference<Instant> rootWoke = new AtomicReference<>();
        assertThatThrownBy(() -> SyncTest.run(() -> {
            Time.afterFunc(Duration.ofMinutes(30), () -> {
                throw new IllegalArgumentException("at " + Time.now());
            });
            Time.sleep(Duration.ofHours(1));
            rootWoke.set(Time.now()); // not reached: the panic at 00:30 interrupts the sleep
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("at 2000-01-01T00:30:00Z");
        assertThat(rootWoke.get()).isNull();
    }

    @Test
    @DisplayName("Only the first panic is rethrown; the others' interrupts are dropped, not printed")
    void firstPanicWins() throws InterruptedException {
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        List<Thread> started = Collections.synchronizedList(new ArrayList<>());
        Go.setPanicHandler((e, report) -> handled.add(report));
        try {
            assertThatThrownBy(() -> SyncTest.run(() -> {
                Channel<Integer> never = Channel.make();
                for (int i = 0; i < 20; i++) {
                    // interrupted by the teardown: their exceptions are dropped
                    started.add(Go.go(() -> never.receive()));
                }
                started.add(Go.go(() -> {
                    Time.sleep(Duration.ofSeconds(1));
                    throw new IllegalStateException("first");
                }));
                started.add(Go.go(() -> {
                    Time.sleep(Duration.ofSeconds(2));
                    throw new IllegalStateException("second");
                }));
                never.receive();
            })).isInstanceOf(IllegalStateException.class).hasMessage("first");
            for (Thread t : started) {
                t.join(); // the teardown has unwound them all, and their exceptions went nowhere
            }
        } finally {
            Go.setPanicHandler(null);
        }
        assertThat(handled).isEmpty();
    }

    @Test
    @DisplayName("An interrupted run (a JUnit timeout) says what the bubble's goroutines wait on, then unwinds them")
    void interruptedRunDescribesTheBubble() throws Exception {
        AtomicReference<Throwable> err = new AtomicReference<>();
        java.util.concurrent.CountDownLatch parked = new java.util.concurrent.CountDownLatch(1);
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                SyncTest.run(() -> {
                    Thread t = Go.go(() -> Channel.<Integer>make().receive());
                    io.github.go4j.runtime.DumpTest.waitFor(t, WaitReason.CHAN_RECEIVE_DURABLE);
                    parked.countDown();
                    new java.util.concurrent.CountDownLatch(1).await(); // not a go4j wait: time stands still
                });
            } catch (Throwable e) {
                err.set(e);
            }
        });
        parked.await();
        caller.interrupt();
        caller.join();
        assertThat(err.get()).isInstanceOf(InterruptedException.class)
                .hasMessageStartingWith("synctest.Run interrupted while waiting for synctest bubble: RUNNING, "
                        + "now 2000-01-01T00:00:00Z, 2 goroutines, asleep (durably blocked): ")
                .hasMessageContaining("0 timers pending; virtual threads are scheduled\n")
                .hasMessageContaining(" [chan receive (durable)]:")
                .hasMessageContaining(" [running]:");
    }

    @Test
    @DisplayName("run waits for every goroutine of the bubble to exit (TH05)")
    void runWaitsForAll() throws Exception {
        AtomicInteger done = new AtomicInteger();
        SyncTest.run(() -> {
            for (int i = 0; i < 100; i++) {
                Go.go(() -> {
                    Go.go(() -> {
                        Time.sleep(Duration.ofSeconds(1));
                        done.incrementAndGet();
                    });
                });
            }
            Time.sleep(Duration.ofSeconds(1)); // time stops once the root has returned (TH06)
        });
        assertThat(done.get()).isEqualTo(100);
    }

    @Test
    @Tag("slow")
    @DisplayName("Stress: ping-pong over unbuffered channels with timeouts stays exact over many rounds")
    void pingPongWithTimeouts() throws Exception {
        for (int rep = 0; rep < 20; rep++) {
            AtomicReference<Instant> end = new AtomicReference<>();
            SyncTest.run(() -> {
                Channel<Integer> ping = Channel.make();
                Channel<Integer> pong = Channel.make();
                Go.go(() -> {
                    for (int i = 0; i < 200; i++) {
                        Integer v = ping.receive(Duration.ofSeconds(1));
                        Time.sleep(Duration.ofMillis(3));
                        pong.send(v + 1);
                    }
                });
                for (int i = 0; i < 200; i++) {
                    ping.send(i);
                    assertThat(pong.receive(Duration.ofSeconds(1))).isEqualTo(i + 1);
                }
                end.set(Time.now());
            });
            assertThat(end.get()).isEqualTo(Y2K.plus(Duration.ofMillis(3 * 200)));
        }
    }
}
