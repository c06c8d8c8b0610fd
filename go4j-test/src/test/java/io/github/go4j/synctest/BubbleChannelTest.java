package io.github.go4j.synctest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.chan.Select;
import io.github.go4j.context.CancelContext;
import io.github.go4j.context.Context;
import io.github.go4j.internal.G;
import io.github.go4j.internal.WaitReason;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Ticker;
import io.github.go4j.time.Time;
import io.github.go4j.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Channels made in a bubble belong to it (TH10); what is durable (TH07) and how dumps say it (SE10, RU07). */
@Timeout(30)
class BubbleChannelTest {

    private static final Instant Y2K = Instant.parse("2000-01-01T00:00:00Z");
    private static final String SEND = "send on synctest channel from outside bubble";
    private static final String RECEIVE = "receive on synctest channel from outside bubble";
    private static final String CLOSE = "close of synctest channel from outside bubble";
    private static final String SELECT = "select on synctest channel from outside bubble";

    /** A channel made inside a bubble that has ended, with {@code buffered} values left in it. */
    private static Channel<Integer> bubbleChannel(int capacity, int buffered) throws Exception {
        AtomicReference<Channel<Integer>> ref = new AtomicReference<>();
        SyncTest.run(() -> {
            Channel<Integer> c = Channel.make(capacity);
            for (int i = 0; i < buffered; i++) {
                c.send(i);
            }
            ref.set(c);
        });
        return ref.get();
    }

    /** Every way to send on, receive from, close or select on {@code c}, with the message it must fail with. */
    private static List<Object[]> operations(Channel<Integer> c, Channel<Integer> other, Context ctx) {
        List<Object[]> ops = new ArrayList<>();
        ops.add(op("send", SEND, () -> c.send(1)));
        ops.add(op("trySend", SEND, () -> c.trySend(1)));
        ops.add(op("send with timeout", SEND, () -> c.send(1, Duration.ofHours(1))));
        ops.add(op("receive", RECEIVE, () -> c.receive()));
        ops.add(op("receiveOk", RECEIVE, () -> c.receiveOk()));
        ops.add(op("tryReceive", RECEIVE, () -> c.tryReceive()));
        ops.add(op("tryReceiveOk", RECEIVE, () -> c.tryReceiveOk()));
        ops.add(op("receive with timeout", RECEIVE, () -> c.receive(Duration.ofHours(1))));
        ops.add(op("receiveOk with timeout", RECEIVE, () -> c.receiveOk(Duration.ofHours(1))));
        ops.add(op("iteration", RECEIVE, () -> c.iterator().hasNext()));
        ops.add(op("close", CLOSE, () -> c.close()));
        // One case and a default is Go's selectnbrecv/selectnbsend: the receive's or send's message.
        ops.add(op("select receive + default", RECEIVE, () -> Select.select(c.onReceive(), Select.otherwise(() -> 0))));
        ops.add(op("select send + default", SEND, () -> Select.select(c.onSend(1), Select.otherwise(() -> {}))));
        // Any other select is Go's selectgo.
        ops.add(op("select of two receives", SELECT, () -> Select.select(other.onReceive(), c.onReceive())));
        ops.add(op("select send + receive + default", SELECT,
                () -> Select.select(other.onReceive(), c.onSend(1), Select.otherwise(() -> null))));
        ops.add(op("select receive + timeout", SELECT,
                () -> Select.select(c.onReceive(), Select.onTimeout(Duration.ofHours(1), () -> 0))));
        // The context variants are a select on the channel and ctx.done().
        ops.add(op("send with context", SELECT, () -> c.send(ctx, 1)));
        ops.add(op("receive with context", SELECT, () -> c.receive(ctx)));
        ops.add(op("receiveOk with context", SELECT, () -> c.receiveOk(ctx)));
        return ops;
    }

    private static Object[] op(String name, String message, ThrowingCallable call) {
        return new Object[] {name, message, call};
    }

    private static void assertEveryOperationFails(Channel<Integer> c, Channel<Integer> other, Context ctx) {
        for (Object[] o : operations(c, other, ctx)) {
            assertThatThrownBy((ThrowingCallable) o[2]).as((String) o[0])
                    .isInstanceOf(IllegalStateException.class).hasMessage((String) o[1]);
        }
    }

    @Test
    @DisplayName("TH10: every send, receive, close and select on a bubble's channel fails from a thread outside any bubble")
    void outsideAnyBubble() throws Exception {
        Channel<Integer> unbuffered = bubbleChannel(0, 0);
        Channel<Integer> buffered = bubbleChannel(2, 1);
        try (CancelContext ctx = Context.withCancel(Context.background())) {
            assertEveryOperationFails(unbuffered, Channel.make(), ctx);
            assertEveryOperationFails(buffered, Channel.make(), ctx);
        }
        // Nothing happened: the buffered value is still there; len and cap work from anywhere.
        assertThat(buffered.len()).isEqualTo(1);
        assertThat(buffered.cap()).isEqualTo(2);
        assertThat(unbuffered.len()).isZero();
        assertThat(unbuffered.cap()).isZero();
    }

    @Test
    @DisplayName("TH10: a goroutine outside any bubble cannot use a bubble's channel either")
    void fromAGoroutineOutsideBubbles() throws Exception {
        Channel<Integer> c = bubbleChannel(1, 0);
        AtomicReference<Throwable> sendErr = new AtomicReference<>();
        AtomicReference<Throwable> closeErr = new AtomicReference<>();
        Thread t = Go.go(() -> {
            try {
                c.send(1);
            } catch (Throwable e) {
                sendErr.set(e);
            }
            try {
                c.close();
            } catch (Throwable e) {
                closeErr.set(e);
            }
        });
        assertThat(t.join(Duration.ofSeconds(30))).isTrue();
        assertThat(sendErr.get()).isInstanceOf(IllegalStateException.class).hasMessage(SEND);
        assertThat(closeErr.get()).isInstanceOf(IllegalStateException.class).hasMessage(CLOSE);
        assertThat(c.len()).isZero();
    }

    @Test
    @DisplayName("TH10: another bubble's goroutines cannot use a bubble's channel")
    void fromAnotherBubble() throws Exception {
        Channel<Integer> c = bubbleChannel(1, 1);
        SyncTest.run(() -> {
            try (CancelContext ctx = Context.withCancel(Context.background())) {
                assertEveryOperationFails(c, Channel.make(), ctx);
            }
            AtomicReference<Throwable> err = new AtomicReference<>();
            WaitGroup wg = new WaitGroup();
            wg.go(() -> {
                try {
                    c.receive();
                } catch (Throwable e) {
                    err.set(e);
                }
            });
            wg.await();
            assertThat(err.get()).isInstanceOf(IllegalStateException.class).hasMessage(RECEIVE);
        });
        assertThat(c.len()).isEqualTo(1);
    }

    @Test
    @DisplayName("TH10: a bubble's timer, ticker or afterFunc may not be stopped or reset from another bubble, nor from a goroutine outside any")
    void timersFromAnotherBubble() throws Exception {
        String stop = "stop of synctest timer from outside bubble";
        String reset = "reset of synctest timer from outside bubble";
        AtomicReference<Timer> timer = new AtomicReference<>();
        AtomicReference<Ticker> ticker = new AtomicReference<>();
        AtomicReference<Timer> func = new AtomicReference<>();
        SyncTest.run(() -> {
            timer.set(Time.newTimer(Duration.ofHours(1)));
            ticker.set(Time.newTicker(Duration.ofHours(1)));
            func.set(Time.afterFunc(Duration.ofHours(1), () -> {}));
            // In its own bubble, from the root and from another member, they work.
            assertThat(timer.get().reset(Duration.ofHours(2))).isTrue();
            WaitGroup wg = new WaitGroup();
            wg.go(() -> ticker.get().reset(Duration.ofHours(2)));
            wg.await();
            assertThat(func.get().stop()).isTrue();
            assertThat(func.get().reset(Duration.ofHours(1))).isFalse();
        });
        SyncTest.run(() -> {
            assertThatThrownBy(() -> timer.get().stop()).isInstanceOf(IllegalStateException.class).hasMessage(stop);
            assertThatThrownBy(() -> timer.get().reset(Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessage(reset);
            assertThatThrownBy(() -> ticker.get().stop()).isInstanceOf(IllegalStateException.class).hasMessage(stop);
            assertThatThrownBy(() -> ticker.get().reset(Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessage(reset);
            assertThatThrownBy(() -> func.get().stop()).isInstanceOf(IllegalStateException.class).hasMessage(stop);
            assertThatThrownBy(() -> func.get().reset(Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessage(reset);
        });
        AtomicReference<Throwable> stopErr = new AtomicReference<>();
        AtomicReference<Throwable> resetErr = new AtomicReference<>();
        Thread t = Go.go(() -> { // a goroutine outside any bubble
            try {
                timer.get().stop();
            } catch (Throwable e) {
                stopErr.set(e);
            }
            try {
                ticker.get().reset(Duration.ofSeconds(1));
            } catch (Throwable e) {
                resetErr.set(e);
            }
        });
        assertThat(t.join(Duration.ofSeconds(30))).isTrue();
        assertThat(stopErr.get()).isInstanceOf(IllegalStateException.class).hasMessage(stop);
        assertThat(resetErr.get()).isInstanceOf(IllegalStateException.class).hasMessage(reset);
    }

    @Test
    @DisplayName("TH10: inside its bubble a channel works in every form, timer channels and context done channels included")
    void insideItsBubble() throws Exception {
        SyncTest.run(() -> {
            Channel<Integer> c = Channel.make();
            Go.go(() -> {
                for (int i = 0; i < 3; i++) {
                    c.send(i);
                }
                c.close();
            });
            int sum = 0;
            for (int v : c) {
                sum += v;
            }
            assertThat(sum).isEqualTo(3);
            ReceiveChannel<Instant> tick = Time.after(Duration.ofSeconds(1));
            assertThat(tick.receive()).isEqualTo(Y2K.plusSeconds(1));
            try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(1))) {
                assertThat(ctx.done().receiveOk().ok()).isFalse();
            }
        });
    }

    @Test
    @DisplayName("TH10: a context deadline fired by a goroutine that is exiting still closes the bubble's done channel")
    void timerFiredByAnExitingGoroutine() throws Exception {
        AtomicReference<Instant> doneAt = new AtomicReference<>();
        SyncTest.run(() -> {
            try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(5))) {
                // Returns once the root is parked on ctx.done(); its exit then finds the bubble idle and
                // fires the deadline on its own thread, no longer a goroutine.
                Go.go(SyncTest::await);
                ctx.done().receive();
                doneAt.set(Time.now());
            }
        });
        assertThat(doneAt.get()).isEqualTo(Y2K.plusSeconds(5));
    }

    @Test
    @DisplayName("TH07: a channel made outside a bubble works inside it")
    void outsideChannelWorksInside() throws Exception {
        Channel<Integer> outside = Channel.make(2);
        SyncTest.run(() -> {
            outside.send(1);
            assertThat(outside.trySend(2)).isTrue();
            assertThat(outside.receive()).isEqualTo(1);
        });
        assertThat(outside.receive()).isEqualTo(2);
        outside.close();
    }

    @Test
    @DisplayName("TH10: a context made outside whose done() is first asked for inside a bubble can still be cancelled from outside")
    void outsideContextDoneAskedInside() throws Exception {
        CancelContext ctx = Context.withCancel(Context.background());
        AtomicReference<ReceiveChannel<Void>> done = new AtomicReference<>();
        SyncTest.run(() -> done.set(ctx.done())); // the first done() call, inside the bubble
        ctx.cancel(); // Go's rule would fail here if the channel had become the bubble's
        assertThat(done.get().receiveOk().ok()).isFalse();
        assertThat(ctx.done()).isSameAs(done.get());
        assertThat(ctx.err()).isSameAs(Context.CANCELED);
    }

    /** A wait inside a bubble on something made outside it, and how a thread outside ends it. */
    private record OutsideWait(String name, WaitReason reason, Object blockedOn, Go.Task inBubble, Go.Task release) {}

    /**
     * TH07: waits on a channel made outside, on a select with such a case, and on a WaitGroup counted
     * outside are not durable. The bubble's await does not return and its clock does not move (a
     * timer is pending) until a thread outside releases the wait; meanwhile a dump shows Go's plain
     * reason. Were the wait durable, the root's await would return before the release.
     */
    @Test
    @DisplayName("TH07: waits on a channel, select or WaitGroup from outside the bubble are not durable: await and the clock wait for the outside")
    void outsideWaitsAreNotDurable() throws Exception {
        Channel<Integer> outCh = Channel.make();
        Channel<Integer> outSel = Channel.make();
        WaitGroup outWg = new WaitGroup();
        outWg.add(1);
        List<OutsideWait> waits = List.of(
                new OutsideWait("chan receive", WaitReason.CHAN_RECEIVE, outCh, outCh::receive, () -> outCh.send(1)),
                new OutsideWait("chan send", WaitReason.CHAN_SEND, outCh, () -> outCh.send(2), outCh::receive),
                new OutsideWait("select", WaitReason.SELECT, null,
                        () -> Select.select(outSel.onReceive(), Channel.<Integer>make().onReceive()), () -> outSel.send(3)),
                new OutsideWait("sync.WaitGroup.Wait", WaitReason.WAITGROUP_WAIT, outWg, outWg::await, outWg::done));
        for (OutsideWait w : waits) {
            AtomicBoolean released = new AtomicBoolean();
            AtomicReference<Throwable> releaserFailure = new AtomicReference<>();
            Thread releaser = Thread.ofPlatform().start(() -> {
                try {
                    G waiter = awaitParked(g -> g.waitReason() == w.reason() && g.bubble() != null
                            && (w.blockedOn() == null || g.blockedOn() == w.blockedOn()));
                    awaitParked(g -> g.waitReason() == WaitReason.SYNCTEST_WAIT);
                    assertThat(Go.dump()).contains("goroutine " + waiter.id() + " [" + w.name() + "]:\n");
                } catch (Throwable e) {
                    releaserFailure.set(e);
                } finally {
                    released.set(true);
                    try {
                        w.release().run();
                    } catch (Throwable e) {
                        releaserFailure.compareAndSet(null, e);
                    }
                }
            });
            AtomicReference<Instant> awaitedAt = new AtomicReference<>();
            AtomicBoolean releasedBeforeAwait = new AtomicBoolean();
            SyncTest.run(() -> {
                Go.go(w.inBubble());
                Go.go(() -> Time.sleep(Duration.ofHours(1))); // a pending timer the clock must not jump to
                SyncTest.await();
                releasedBeforeAwait.set(released.get());
                awaitedAt.set(Time.now());
                Time.sleep(Duration.ofHours(2));
            });
            releaser.join(TimeUnit.SECONDS.toMillis(30));
            if (releaserFailure.get() != null) {
                throw new AssertionError(w.name() + ": releaser failed", releaserFailure.get());
            }
            assertThat(releasedBeforeAwait.get()).as(w.name() + ": await returned while a goroutine waited on the outside").isTrue();
            assertThat(awaitedAt.get()).as(w.name() + ": the clock stood still").isEqualTo(Y2K);
        }
    }

    @Test
    @DisplayName("TH07: a bubble goroutine blocked on a channel made outside keeps the clock still while the others sleep")
    void outsideChannelKeepsTheClockStill() throws Exception {
        Channel<Instant> outside = Channel.make();
        Thread releaser = Thread.ofPlatform().start(() -> {
            try {
                awaitParked(g -> g.waitReason() == WaitReason.CHAN_RECEIVE && g.blockedOn() == outside);
                awaitParked(g -> g.waitReason() == WaitReason.SLEEP && g.bubble() != null);
                outside.send(Instant.EPOCH);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicReference<Instant> receivedAt = new AtomicReference<>();
        AtomicReference<Instant> wokeAt = new AtomicReference<>();
        SyncTest.run(() -> {
            WaitGroup wg = new WaitGroup();
            wg.go(() -> {
                outside.receive();
                receivedAt.set(Time.now());
            });
            Time.sleep(Duration.ofHours(1));
            wokeAt.set(Time.now());
            wg.await();
        });
        releaser.join(TimeUnit.SECONDS.toMillis(30));
        // Had the receive been durable, the clock would have jumped to the root's wake-up first, and
        // the root would have returned with the receiver still blocked (a deadlock).
        assertThat(receivedAt.get()).isEqualTo(Y2K);
        assertThat(wokeAt.get()).isEqualTo(Y2K.plus(Duration.ofHours(1)));
    }

    @Test
    @DisplayName("SE10, RU07: inside a bubble, dumps show Go 1.25's (durable) suffix on waits on the bubble's channels and WaitGroups")
    void durableWaitReasonsInDumps() throws Exception {
        SyncTest.run(() -> {
            Channel<Integer> a = Channel.make();
            Channel<Integer> b = Channel.make();
            Channel<Integer> c = Channel.make();
            Channel<Integer> d = Channel.make(1);
            WaitGroup wg = new WaitGroup();
            wg.add(1);
            Thread recv = Go.go(() -> a.receive());
            Thread send = Go.go(() -> b.send(1));
            Thread sel = Go.go(() -> Select.select(c.onReceive(), d.onReceive(),
                    Select.onTimeout(Duration.ofHours(1), () -> 0), Select.onReceive((Channel<Integer>) null, v -> 0)));
            Thread wait = Go.go(() -> wg.await());
            Thread timed = Go.go(() -> a.receive(Duration.ofHours(2)));
            SyncTest.await();
            String dump = Go.dump();
            assertThat(dump).contains(header(recv, "chan receive (durable)"), header(send, "chan send (durable)"),
                    header(sel, "select (durable)"), header(wait, "sync.WaitGroup.Wait (durable)"),
                    header(timed, "chan receive (durable)"));
            a.send(1); // recv and timed each get one, in either order
            a.send(2);
            b.receive();
            c.close();
            wg.done();
            SyncTest.await();
        });
    }

    @Test
    @DisplayName("TH07: nil-channel operations and select {} stay durable inside a bubble: the clock moves past them")
    void nilChannelsAndEmptySelectAreDurable() {
        assertThatThrownBy(() -> SyncTest.run(() -> {
            Go.go(() -> Select.select(Select.onReceive((Channel<Integer>) null, v -> 0)));
            Go.go(() -> Select.select(Select.onSend((Channel<Integer>) null, 1, () -> 0)));
            Go.go(() -> Select.select());
            Time.sleep(Duration.ofHours(1)); // returns: every other goroutine is durably blocked
        }))
                .isInstanceOf(DeadlockError.class)
                .hasMessageStartingWith("deadlock: main bubble goroutine has exited but blocked goroutines remain")
                // They waited the hour the clock moved past them.
                .hasMessageContaining("[chan receive (nil chan), 60 minutes]:")
                .hasMessageContaining("[chan send (nil chan), 60 minutes]:")
                .hasMessageContaining("[select (no cases), 60 minutes]:");
    }

    private static String header(Thread t, String reason) {
        for (G g : G.live()) {
            if (g.thread() == t) {
                return "goroutine " + g.id() + " [" + reason + "]:\n";
            }
        }
        throw new AssertionError("not a live goroutine: " + t);
    }

    /** Waits (bounded, polling) until some goroutine parked and not yet woken matches {@code p}. */
    static G awaitParked(Predicate<G> p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (;;) {
            for (G g : G.live()) {
                if (g.parkedAndWaiting() && p.test(g)) {
                    return g;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no goroutine parked as expected; dump:\n" + Go.dump());
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
