package io.github.go4j.context;

import static io.github.go4j.context.ContextTesting.HANG_GUARD;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.chan.Channel;
import io.github.go4j.chan.Received;
import io.github.go4j.testing.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** afterFunc: CX12; Go's TestAfterFunc* tests. */
class AfterFuncTest {

    /** Waits (hang-guarded) until {@code c} is closed. */
    private static void awaitClosed(Channel<?> c) throws InterruptedException {
        Received<?> r = c.receiveOk(HANG_GUARD);
        assertThat(r).as("not closed within the hang guard").isNotNull();
    }

    @Test
    @DisplayName("TestAfterFuncCalledAfterCancel (CX12): f runs once the context is cancelled; stop() then returns false")
    void testAfterFuncCalledAfterCancel() throws Exception {
        CancelContext ctx = Context.withCancel(Context.background());
        Channel<Void> donec = Channel.make();
        Context.Stop stop = Context.afterFunc(ctx, donec::close);
        assertThat(donec.tryReceiveOk()).as("called before the context is done").isNull();
        ctx.cancel();
        awaitClosed(donec);
        assertThat(stop.stop()).isFalse();
    }

    @Test
    @DisplayName("TestAfterFuncCalledAfterTimeout (CX12): f runs once the deadline passes")
    void testAfterFuncCalledAfterTimeout() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(1))) {
                Channel<Void> donec = Channel.make();
                Context.afterFunc(ctx, donec::close);
                clock.advance(Duration.ofMillis(1));
                awaitClosed(donec);
            }
        });
    }

    @Test
    @DisplayName("TestAfterFuncCalledImmediately (CX12): on an already-done context f runs at once")
    void testAfterFuncCalledImmediately() throws Exception {
        CancelContext ctx = Context.withCancel(Context.background());
        ctx.cancel();
        Channel<Void> donec = Channel.make();
        Context.afterFunc(ctx, donec::close);
        awaitClosed(donec);
    }

    @Test
    @DisplayName("TestAfterFuncNotCalledAfterStop (CX12): stop() before cancel is true, f never runs, a second stop() is false")
    void testAfterFuncNotCalledAfterStop() throws Exception {
        CancelContext ctx = Context.withCancel(Context.background());
        AtomicBoolean called = new AtomicBoolean();
        Context.Stop stop = Context.afterFunc(ctx, () -> called.set(true));
        assertThat(stop.stop()).isTrue();
        assertThat(((CancelCtx) ctx).childCount()).as("stopped function unlinked").isZero();
        ctx.cancel();
        // A function registered after f, on the same context, has run: had f been linked it would have started too.
        Channel<Void> later = Channel.make();
        Context.afterFunc(ctx, later::close);
        awaitClosed(later);
        assertThat(called).isFalse();
        assertThat(stop.stop()).isFalse();
    }

    @Test
    @DisplayName("TestAfterFuncCalledAsynchronously (CX12): cancel returns while f is blocked on an unbuffered send")
    void testAfterFuncCalledAsynchronously() throws Exception {
        CancelContext ctx = Context.withCancel(Context.background());
        Channel<String> donec = Channel.make();
        Context.Stop stop = Context.afterFunc(ctx, () -> donec.send("ran")); // blocks until received
        ctx.cancel(); // must not wait for f
        assertThat(donec.receive(HANG_GUARD)).isEqualTo("ran");
        assertThat(stop.stop()).isFalse();
    }

    @Test
    @DisplayName("CX12: several afterFuncs on one context are independent; f runs in its own goroutine")
    void severalIndependent() throws Exception {
        CancelContext ctx = Context.withCancel(Context.background());
        Channel<String> ran = Channel.make(3);
        AtomicReference<Thread> where = new AtomicReference<>();
        Context.Stop a = Context.afterFunc(ctx, () -> {
            where.set(Thread.currentThread());
            ran.send("a");
        });
        Context.Stop b = Context.afterFunc(ctx, () -> ran.send("b"));
        Context.Stop c = Context.afterFunc(ctx, () -> ran.send("c"));
        assertThat(b.stop()).isTrue();
        ctx.cancel();
        String first = ran.receive(HANG_GUARD);
        String second = ran.receive(HANG_GUARD);
        assertThat(new String[] {first, second}).containsExactlyInAnyOrder("a", "c");
        assertThat(where.get()).isNotNull().isNotSameAs(Thread.currentThread());
        assertThat(where.get().isVirtual()).isTrue();
        assertThat(a.stop()).isFalse();
        assertThat(b.stop()).isFalse();
        assertThat(c.stop()).isFalse();
        assertThat(ran.tryReceiveOk()).as("the stopped function never ran").isNull();
    }

    @Test
    @DisplayName("CX12: f starts in the registering goroutine's bubble, even when a thread outside it cancels")
    void runsInRegistrantsBubble() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            CancelContext ctx = Context.withCancel(Context.background());
            Channel<Boolean> inBubble = Channel.make(1);
            Context.afterFunc(ctx, () -> inBubble.send(io.github.go4j.internal.Clock.current() == clock));
            Thread outsider = Thread.ofPlatform().start(ctx::cancel);
            outsider.join();
            assertThat(inBubble.receive(HANG_GUARD)).isTrue();
        });
    }

    @Test
    @DisplayName("CX12: on a context that can never be done, f never runs and stop() returns true once")
    void neverDone() {
        AtomicBoolean called = new AtomicBoolean();
        Context.Stop stop = Context.afterFunc(Context.background(), () -> called.set(true));
        assertThat(stop.stop()).isTrue();
        assertThat(stop.stop()).isFalse();
        assertThat(called).isFalse();
    }

    @Test
    @DisplayName("CX12: a race between stop() and cancel has exactly one winner")
    void stopRacesCancel() throws Exception {
        for (int i = 0; i < 200; i++) {
            CancelContext ctx = Context.withCancel(Context.background());
            Channel<Boolean> ran = Channel.make(1);
            Context.Stop stop = Context.afterFunc(ctx, () -> ran.send(true));
            io.github.go4j.Go.go(ctx::cancel);
            boolean stopped = stop.stop();
            if (!stopped) {
                assertThat(ran.receive(HANG_GUARD)).as("stop lost, so f must run").isTrue();
            }
            ctx.cancel();
            if (stopped) {
                // f lost for good: a later registration runs, f's channel stays empty
                Channel<Void> later = Channel.make();
                Context.afterFunc(ctx, later::close);
                awaitClosed(later);
                assertThat(ran.tryReceiveOk()).isNull();
            }
        }
    }
}
