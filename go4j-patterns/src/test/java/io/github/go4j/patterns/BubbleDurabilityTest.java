package io.github.go4j.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.context.CancelContext;
import io.github.go4j.context.Context;
import io.github.go4j.errgroup.ErrGroup;
import io.github.go4j.internal.G;
import io.github.go4j.internal.WaitReason;
import io.github.go4j.pool.Pool;
import io.github.go4j.pool.ShutdownReport;
import io.github.go4j.pubsub.Broker;
import io.github.go4j.pubsub.Subscription;
import io.github.go4j.pubsub.SubscribeOptions;
import io.github.go4j.rate.Limit;
import io.github.go4j.rate.Limiter;
import io.github.go4j.semaphore.Weighted;
import io.github.go4j.singleflight.SingleFlight;
import io.github.go4j.synctest.SyncTest;
import io.github.go4j.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The patterns' waits in a synctest bubble (TH07, ADR 0048): as Go's equivalents (a WaitGroup's Wait, a
 * select on the object's channels), a wait on an object of the waiter's own bubble is durable, so the
 * bubble's clock moves past it; a wait on one made (or whose tasks were added) outside the bubble is
 * not, so time stands still until someone outside ends it.
 */
@Timeout(60)
class BubbleDurabilityTest {

    private static final Instant Y2K = Instant.parse("2000-01-01T00:00:00Z");

    // ---------------------------------------------------------------- durable: made in the bubble

    @Test
    @DisplayName("TH07: ErrGroup.await on tasks started in the bubble is durable (sync.WaitGroup.Wait (durable))")
    void errGroupAwaitIsDurable() throws Exception {
        SyncTest.run(() -> {
            ErrGroup g = new ErrGroup();
            g.go(() -> Time.sleep(Duration.ofSeconds(1)));
            g.go(() -> Time.sleep(Duration.ofSeconds(2)));
            Channel<Instant> doneAt = Channel.make(1);
            Thread waiter = Go.go(() -> {
                assertThat(g.await()).isNull();
                doneAt.send(Time.now());
            });
            SyncTest.await(); // returns only once the waiter is durably blocked
            assertThat(reasonOf(waiter)).isEqualTo(WaitReason.WAITGROUP_WAIT_DURABLE);
            assertThat(doneAt.receive()).isEqualTo(Y2K.plusSeconds(2));
        });
    }

    @Test
    @DisplayName("TH07: ErrGroup.go waiting for a slot of a limit set in the bubble is durable (chan send (durable))")
    void errGroupSlotWaitIsDurable() throws Exception {
        SyncTest.run(() -> {
            ErrGroup g = new ErrGroup();
            g.setLimit(1);
            Thread starter = Go.go(() -> {
                for (int i = 0; i < 3; i++) {
                    g.go(() -> Time.sleep(Duration.ofSeconds(1)));
                }
            });
            SyncTest.await();
            assertThat(reasonOf(starter)).isEqualTo(WaitReason.CHAN_SEND_DURABLE);
            assertThat(g.await()).isNull(); // the handed-over slots keep the group counted until the third
            assertThat(Time.now()).isEqualTo(Y2K.plusSeconds(3));
        });
    }

    @Test
    @DisplayName("TH07: Pool.shutdown waiting for its workers in the bubble is durable")
    void poolShutdownIsDurable() throws Exception {
        SyncTest.run(() -> {
            Pool<Integer, Integer> pool = Pool.start(2, 4, (ctx, secs) -> {
                Time.sleep(Duration.ofSeconds(secs));
                return secs;
            });
            Go.go(() -> {
                for (var ignored : pool.results()) {
                    // drain until shutdown closes it
                }
            });
            for (int i = 0; i < 4; i++) {
                pool.submit(1);
            }
            Channel<ShutdownReport<Integer>> report = Channel.make(1);
            Thread closer = Go.go(() -> report.send(pool.shutdown(Duration.ofHours(1))));
            SyncTest.await();
            assertThat(reasonOf(closer)).isEqualTo(WaitReason.WAITGROUP_WAIT_DURABLE);
            assertThat(report.receive().graceful()).isTrue();
            assertThat(Time.now()).isEqualTo(Y2K.plusSeconds(2)); // 4 one-second jobs on 2 workers
        });
    }

    @Test
    @DisplayName("TH07: Broker.shutdown waiting for an in-flight publish in the bubble is durable")
    void brokerShutdownIsDurable() throws Exception {
        SyncTest.run(() -> {
            Broker<String> broker = new Broker<>();
            Subscription<String> sub = broker.subscribe(SubscribeOptions.block(0, Duration.ofHours(1)), "news");
            Go.go(() -> broker.publish("news", "hello")); // blocks: nobody receives yet
            SyncTest.await();
            Go.go(() -> {
                Time.sleep(Duration.ofSeconds(1));
                assertThat(sub.messages().receive().payload()).isEqualTo("hello");
            });
            Channel<Boolean> graceful = Channel.make(1);
            Thread closer = Go.go(() -> graceful.send(broker.shutdown(Duration.ofHours(1))));
            SyncTest.await();
            assertThat(reasonOf(closer)).isEqualTo(WaitReason.WAITGROUP_WAIT_DURABLE);
            assertThat(graceful.receive()).isTrue();
            assertThat(Time.now()).isEqualTo(Y2K.plusSeconds(1));
        });
    }

    @Test
    @DisplayName("TH07: a SingleFlight duplicate waiting for a call made in the bubble is durable")
    void singleFlightDuplicateIsDurable() throws Exception {
        SyncTest.run(() -> {
            SingleFlight<String, Integer> flight = new SingleFlight<>();
            Go.go(() -> flight.run("k", () -> {
                Time.sleep(Duration.ofSeconds(1));
                return 42;
            }));
            SyncTest.await(); // the leader sleeps in the function
            Channel<SingleFlight.Result<Integer>> got = Channel.make(1);
            Thread dup = Go.go(() -> got.send(flight.run("k", () -> -1)));
            SyncTest.await();
            assertThat(reasonOf(dup)).isEqualTo(WaitReason.WAITGROUP_WAIT_DURABLE);
            assertThat(got.receive()).isEqualTo(new SingleFlight.Result<>(42, null, true));
            assertThat(Time.now()).isEqualTo(Y2K.plusSeconds(1));
        });
    }

    @Test
    @DisplayName("TH07: Weighted.acquire on a semaphore made in the bubble is durable (select (durable))")
    void weightedAcquireIsDurable() throws Exception {
        SyncTest.run(() -> {
            Weighted sem = new Weighted(1);
            sem.acquire(1);
            Go.go(() -> {
                Time.sleep(Duration.ofSeconds(1));
                sem.release(1);
            });
            Channel<Instant> gotAt = Channel.make(1);
            Thread acquirer = Go.go(() -> {
                sem.acquire(1);
                gotAt.send(Time.now());
            });
            SyncTest.await();
            assertThat(reasonOf(acquirer)).isEqualTo(WaitReason.SELECT_DURABLE);
            assertThat(gotAt.receive()).isEqualTo(Y2K.plusSeconds(1));
        });
    }

    @Test
    @DisplayName("TH07: Limiter.await on a limiter made in the bubble is durable (select (durable))")
    void limiterAwaitIsDurable() throws Exception {
        SyncTest.run(() -> {
            Limiter limiter = new Limiter(Limit.every(Duration.ofSeconds(1)), 1);
            limiter.await(1); // the burst
            Channel<Instant> gotAt = Channel.make(1);
            Thread waiter = Go.go(() -> {
                limiter.await(1);
                limiter.await(1);
                gotAt.send(Time.now());
            });
            SyncTest.await();
            assertThat(reasonOf(waiter)).isEqualTo(WaitReason.SELECT_DURABLE);
            assertThat(gotAt.receive()).isEqualTo(Y2K.plusSeconds(2));
        });
    }

    @Test
    @DisplayName("TH07: Weighted.acquire with a context made in the bubble stays durable (Go: ctx.Done() is a bubble channel)")
    void weightedWithContextOfTheBubbleIsDurable() throws Exception {
        SyncTest.run(() -> {
            Weighted sem = new Weighted(1);
            sem.acquire(1);
            CancelContext ctx = Context.withCancel(Context.background());
            Go.go(() -> {
                Time.sleep(Duration.ofSeconds(1));
                sem.release(1);
            });
            Channel<Instant> gotAt = Channel.make(1);
            Thread acquirer = Go.go(() -> {
                sem.acquire(ctx, 1);
                gotAt.send(Time.now());
            });
            SyncTest.await();
            assertThat(reasonOf(acquirer)).isEqualTo(WaitReason.SELECT_DURABLE);
            assertThat(gotAt.receive()).isEqualTo(Y2K.plusSeconds(1));
            ctx.cancel();
        });
    }

    // ---------------------------------------------------------------- not durable: made outside

    @Test
    @DisplayName("TH07: ErrGroup.await in a bubble on tasks started outside it is not durable: time stands still")
    void errGroupFromOutsideIsNotDurable() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ErrGroup g = new ErrGroup();
        g.go(release::await); // started here, outside any bubble
        assertTimeStandsStill(WaitReason.WAITGROUP_WAIT, () -> assertThat(g.await()).isNull(), release::countDown);
    }

    @Test
    @DisplayName("TH07: Weighted.acquire in a bubble on a semaphore made outside it is not durable: time stands still")
    void weightedFromOutsideIsNotDurable() throws Exception {
        Weighted sem = new Weighted(1);
        sem.acquire(1); // held outside
        assertTimeStandsStill(WaitReason.SELECT, () -> sem.acquire(1), () -> sem.release(1));
    }

    @Test
    @DisplayName("TH07: a SingleFlight duplicate in a bubble on a call made outside it is not durable: time stands still")
    void singleFlightFromOutsideIsNotDurable() throws Exception {
        SingleFlight<String, Integer> flight = new SingleFlight<>();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread leader = Go.go(() -> flight.run("k", () -> {
            entered.countDown();
            release.await();
            return 7;
        }));
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
        assertTimeStandsStill(WaitReason.WAITGROUP_WAIT,
                () -> assertThat(flight.run("k", () -> -1).value()).isEqualTo(7), release::countDown);
        leader.join();
    }

    @Test
    @DisplayName("TH07: Limiter.await in a bubble on a limiter made outside it (real clock) is not durable")
    void limiterFromOutsideIsNotDurable() throws Exception {
        Limiter limiter = new Limiter(Limit.every(Duration.ofHours(1)), 1);
        assertThat(limiter.allow(1)).isTrue(); // the next token comes in a real hour
        CancelContext ctx = Context.withCancel(Context.background()); // outside: cancelled from outside
        assertThat(ctx.done()).isNotNull(); // its done channel is made lazily: make it here, outside
        // Were the wait durable, the clock would jump to the sleeper's hour and then find the waiter alone
        // with no timer of the bubble pending: a deadlock.
        assertTimeStandsStill(WaitReason.SELECT,
                () -> assertThatThrownBy(() -> limiter.await(ctx, 1)).isSameAs(Context.CANCELED), ctx::cancel);
    }

    @Test
    @DisplayName("TH07: Weighted.acquire on a semaphore of the bubble with a context made outside is not durable: an outside cancel ends it")
    void weightedWithContextFromOutsideIsNotDurable() throws Exception {
        CancelContext ctx = Context.withCancel(Context.background()); // outside: cancelled from outside
        assertThat(ctx.done()).isNotNull();
        // Were the wait durable, the clock would jump to the sleeper's hour and then find the root alone,
        // blocked on a semaphore nobody releases: a deadlock.
        assertTimeStandsStill(WaitReason.SELECT, () -> {
            Weighted sem = new Weighted(1);
            sem.acquire(1);
            assertThatThrownBy(() -> sem.acquire(ctx, 1)).isSameAs(Context.CANCELED);
        }, ctx::cancel);
    }

    @Test
    @DisplayName("TH07: Limiter.await on a limiter of the bubble with a context made outside is not durable: an outside cancel ends it")
    void limiterWithContextFromOutsideIsNotDurable() throws Exception {
        CancelContext ctx = Context.withCancel(Context.background());
        assertThat(ctx.done()).isNotNull();
        // Were the wait durable, the clock would jump an hour and grant the token: no CANCELED, and the
        // root would read 01:00.
        assertTimeStandsStill(WaitReason.SELECT, () -> {
            Limiter limiter = new Limiter(Limit.every(Duration.ofHours(1)), 1);
            assertThat(limiter.allow(1)).isTrue();
            assertThatThrownBy(() -> limiter.await(ctx, 1)).isSameAs(Context.CANCELED);
        }, ctx::cancel);
    }

    /**
     * Runs {@code waitInside} as the root of a bubble next to a goroutine that sleeps an hour, and
     * {@code releaseFromOutside} (if any) on a thread outside once the root is parked with the plain
     * {@code reason}: the root's wait must not let the clock move.
     */
    private static void assertTimeStandsStill(WaitReason reason, Go.Task waitInside, Runnable releaseFromOutside)
            throws Exception {
        AtomicReference<Instant> after = new AtomicReference<>();
        AtomicReference<Throwable> releaserFailed = new AtomicReference<>();
        Thread releaser = Thread.ofPlatform().daemon().start(() -> {
            try {
                if (releaseFromOutside != null) {
                    awaitParkedInBubble(reason);
                    releaseFromOutside.run();
                }
            } catch (Throwable t) {
                releaserFailed.set(t);
            }
        });
        SyncTest.run(() -> {
            Channel<Boolean> slept = Channel.make(1);
            Go.go(() -> {
                Time.sleep(Duration.ofHours(1));
                slept.send(true);
            });
            waitInside.run();
            after.set(Time.now());
            slept.receive(); // now the clock may move: the sleeper's hour passes
        });
        releaser.join();
        assertThat(releaserFailed.get()).isNull();
        assertThat(after.get()).isEqualTo(Y2K);
    }

    /** Waits (bounded, polling) until a goroutine of some bubble is parked with {@code reason}. */
    private static void awaitParkedInBubble(WaitReason reason) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (;;) {
            for (G g : G.live()) {
                if (g.bubble() != null && g.parkedAndWaiting() && g.waitReason() == reason) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no bubble goroutine parked with " + reason + "; dump:\n" + Go.dump());
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** The reason goroutine {@code t} is parked with; call after {@code SyncTest.await()}. */
    private static WaitReason reasonOf(Thread t) {
        for (G g : G.live()) {
            if (g.thread() == t) {
                assertThat(g.parkedAndWaiting()).as("goroutine %s parked", g.id()).isTrue();
                return g.waitReason();
            }
        }
        throw new AssertionError("not a live goroutine: " + t);
    }
}
