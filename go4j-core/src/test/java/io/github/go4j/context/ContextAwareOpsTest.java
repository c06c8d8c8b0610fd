package io.github.go4j.context;

import static io.github.go4j.context.ContextTesting.HANG_GUARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ChannelClosedException;
import io.github.go4j.chan.Received;
import io.github.go4j.testing.ManualClock;
import io.github.go4j.time.Time;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Context-aware blocking: {@code ch.send(ctx, v)}, {@code ch.receive(ctx)}, {@code ch.receiveOk(ctx)},
 * {@code Time.sleep(ctx, d)} (the {@code select { ...; case <-ctx.Done(): }} idiom, SE07, CX02, CX08).
 */
class ContextAwareOpsTest {

    /** Waits, without sleeping, until {@code cond} holds; the bound is a hang guard. */
    private static void awaitCondition(BooleanSupplier cond) {
        for (long i = 0; !cond.getAsBoolean(); i++) {
            assertThat(i).as("hang guard").isLessThan(50_000_000L);
            Go.gosched();
        }
    }

    /** Runs {@code op} in a goroutine and delivers what it returned or threw. */
    private static Channel<Object> outcome(Go.Task op) {
        Channel<Object> out = Channel.make(1);
        Go.go(() -> {
            try {
                op.run();
                out.send("returned");
            } catch (Throwable t) {
                out.send(t);
            }
        });
        return out;
    }

    @Test
    @DisplayName("receive(ctx): a ready value is received; a done context throws its err and consumes nothing")
    void receiveReadyAndDone() throws Exception {
        Channel<String> ch = Channel.make(1);
        ch.send("a");
        CancelContext ctx = Context.withCancel(Context.background());
        assertThat(ch.receive(ctx)).isEqualTo("a");
        ch.send("b");
        ctx.cancel();
        assertThatThrownBy(() -> ch.receive(ctx)).isSameAs(Context.CANCELED);
        assertThatThrownBy(() -> ch.receiveOk(ctx)).isSameAs(Context.CANCELED);
        assertThat(ch.len()).as("nothing consumed").isEqualTo(1);
        assertThat(ch.receive(Context.background())).isEqualTo("b");
    }

    @Test
    @DisplayName("receive(ctx): blocked, then the context is cancelled: throws CANCELED and leaves no waiter behind")
    void receiveCancelledWhileBlocked() throws Exception {
        Channel<String> ch = Channel.make();
        CancelContext ctx = Context.withCancel(Context.background());
        Channel<Object> out = outcome(() -> ch.receive(ctx));
        ctx.cancel();
        assertThat(out.receive(HANG_GUARD)).isSameAs(Context.CANCELED);
        assertThat(ch.trySend("x")).as("the receiver left the channel's queue").isFalse();
    }

    @Test
    @DisplayName("receiveOk(ctx): (value, true), then (null, false) once closed; a never-done context is a plain receive")
    void receiveOkAndClosed() throws Exception {
        Channel<Integer> ch = Channel.make(1);
        ch.send(7);
        ch.close();
        CancelContext ctx = Context.withCancel(Context.background());
        assertThat(ch.receiveOk(ctx)).isEqualTo(Received.of(7));
        assertThat(ch.receiveOk(ctx)).isEqualTo(Received.closed());
        assertThat(ch.receive(ctx)).isNull();
        assertThat(ch.receiveOk(Context.withoutCancel(ctx))).isEqualTo(Received.closed());
        ctx.cancel();
    }

    @Test
    @DisplayName("send(ctx): to a waiting receiver it sends; a done context throws and sends nothing")
    void sendReadyAndDone() throws Exception {
        Channel<String> ch = Channel.make(1);
        CancelContext ctx = Context.withCancel(Context.background());
        ch.send(ctx, "a");
        assertThat(ch.receive()).isEqualTo("a");
        ctx.cancel();
        assertThatThrownBy(() -> ch.send(ctx, "b")).isSameAs(Context.CANCELED);
        assertThat(ch.len()).as("nothing sent although there was room").isZero();
        ch.send(Context.background(), "c");
        assertThat(ch.receive()).isEqualTo("c");
    }

    @Test
    @DisplayName("send(ctx): blocked on a full channel, then cancelled: throws CANCELED, the value was not sent")
    void sendCancelledWhileBlocked() throws Exception {
        Channel<String> ch = Channel.make();
        CancelContext ctx = Context.withCancel(Context.background());
        Channel<Object> out = outcome(() -> ch.send(ctx, "lost"));
        ctx.cancel();
        assertThat(out.receive(HANG_GUARD)).isSameAs(Context.CANCELED);
        assertThat(ch.tryReceiveOk()).as("the value was not sent").isNull();
    }

    @Test
    @DisplayName("send(ctx): a closed channel still fails with \"send on closed channel\"")
    void sendClosed() {
        Channel<String> ch = Channel.make(1);
        ch.close();
        CancelContext ctx = Context.withCancel(Context.background());
        assertThatThrownBy(() -> ch.send(ctx, "x")).isInstanceOf(ChannelClosedException.class).hasMessage("send on closed channel");
        ctx.cancel();
    }

    @Test
    @DisplayName("receive(ctx) on a deadline context (CX08): DEADLINE_EXCEEDED exactly when the fake clock reaches it")
    void receiveDeadline() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Channel<String> ch = Channel.make();
            CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(5));
            Channel<Object> out = outcome(() -> ch.receive(ctx));
            clock.advance(Duration.ofSeconds(5).minusNanos(1));
            assertThat(out.tryReceiveOk()).as("nothing before the deadline").isNull();
            clock.advance(Duration.ofNanos(1));
            assertThat(out.receive(HANG_GUARD)).isSameAs(Context.DEADLINE_EXCEEDED);
        });
    }

    @Test
    @DisplayName("receive(ctx): an interrupt throws InterruptedException and consumes nothing")
    void receiveInterrupted() throws Exception {
        Channel<String> ch = Channel.make();
        CancelContext ctx = Context.withCancel(Context.background());
        Channel<Object> out = Channel.make(1);
        Thread t = Go.go(() -> {
            try {
                ch.receive(ctx);
                out.send("returned");
            } catch (Throwable e) {
                out.send(e);
            }
        });
        t.interrupt();
        assertThat(out.receive(HANG_GUARD)).isInstanceOf(InterruptedException.class);
        assertThat(ch.trySend("x")).isFalse();
        ctx.cancel();
    }

    @Test
    @DisplayName("Time.sleep(ctx, d): returns after d; throws the context's err when it is done first")
    void sleepWithContext() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            CancelContext ctx = Context.withCancel(Context.background());
            // completes: d passes before the context is done
            Channel<Object> slept = outcome(() -> Time.sleep(ctx, Duration.ofSeconds(1)));
            awaitCondition(() -> clock.pending() == 1);
            clock.advance(Duration.ofSeconds(1));
            assertThat(slept.receive(HANG_GUARD)).isEqualTo("returned");

            // cancelled while sleeping
            Channel<Object> cancelled = outcome(() -> Time.sleep(ctx, Duration.ofHours(1)));
            awaitCondition(() -> clock.pending() == 1);
            ctx.cancel();
            assertThat(cancelled.receive(HANG_GUARD)).isSameAs(Context.CANCELED);

            // a deadline shorter than the sleep
            CancelContext timed = Context.withTimeout(Context.background(), Duration.ofSeconds(2));
            Channel<Object> expired = outcome(() -> Time.sleep(timed, Duration.ofSeconds(10)));
            awaitCondition(() -> clock.pending() == 2);
            clock.advance(Duration.ofSeconds(2));
            assertThat(expired.receive(HANG_GUARD)).isSameAs(Context.DEADLINE_EXCEEDED);

            // already done: throws at once, even for d <= 0
            assertThatThrownBy(() -> Time.sleep(ctx, Duration.ZERO)).isSameAs(Context.CANCELED);
            // a never-done context: a plain sleep
            Time.sleep(Context.background(), Duration.ZERO);
        });
    }
}
