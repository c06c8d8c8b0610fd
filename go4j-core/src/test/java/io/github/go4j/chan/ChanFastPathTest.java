package io.github.go4j.chan;

import static io.github.go4j.chan.ChanTesting.awaitParked;
import static io.github.go4j.chan.ChanTesting.join;
import static io.github.go4j.chan.ChanTesting.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The lock-free fast paths of non-blocking operations (tryReceive, trySend, a select of one channel
 * case and a default; docs/adr/0003), and the slot in which one plain send or receive of an unbuffered
 * channel waits without the lock (ADR 0051): the answers they give without the lock must be ones the
 * locked path could give, and a waiter in the slot must be found by every other kind of operation.
 */
class ChanFastPathTest {

    private static final Object NONE = new Object();

    @Test
    @DisplayName("CH13, SE03: one-case select with default on empty, buffered, closed channels")
    void oneCaseSelect() throws Exception {
        for (int cap : new int[] {0, 2}) {
            Channel<Integer> ch = Channel.make(cap);
            assertThat(Select.<Object>select(ch.onReceive(), Select.otherwise(() -> NONE))).isSameAs(NONE);
            assertThat(ch.tryReceive()).isNull();
            assertThat(ch.tryReceiveOk()).isNull();
            if (cap > 0) {
                assertThat(Select.<Object>select(ch.onSend(1, () -> "sent"), Select.otherwise(() -> NONE))).isEqualTo("sent");
                assertThat(ch.trySend(2)).isTrue();
                assertThat(ch.trySend(3)).isFalse(); // full
                assertThat(Select.<Object>select(ch.onSend(3, () -> "sent"), Select.otherwise(() -> NONE))).isSameAs(NONE);
                ch.close();
                // closed with values: the values first (CH07), then closed
                assertThat(Select.<Object>select(ch.onReceiveOk((v, ok) -> v + "/" + ok), Select.otherwise(() -> NONE))).isEqualTo("1/true");
                assertThat(ch.tryReceiveOk()).isEqualTo(Received.of(2));
            } else {
                assertThat(ch.trySend(1)).isFalse(); // no receiver
                assertThat(Select.<Object>select(ch.onSend(1, () -> "sent"), Select.otherwise(() -> NONE))).isSameAs(NONE);
                ch.close();
            }
            assertThat(Select.<Object>select(ch.onReceiveOk((v, ok) -> v + "/" + ok), Select.otherwise(() -> NONE))).isEqualTo("null/false");
            assertThat(ch.tryReceiveOk()).isEqualTo(Received.closed());
            assertThat(ch.receive(Duration.ZERO)).isNull();
            assertThatThrownBy(() -> ch.trySend(9)).isInstanceOf(ChannelClosedException.class).hasMessage("send on closed channel");
            assertThatThrownBy(() -> Select.select(ch.onSend(9), Select.otherwise(() -> {})))
                    .isInstanceOf(ChannelClosedException.class).hasMessage("send on closed channel");
        }
    }

    @Test
    @Tag("slow")
    @DisplayName("CH13: a polling receiver gets every value sent before close, then closed, never a lost value")
    void pollingReceiverSeesEverythingBeforeClosed() {
        for (int cap : new int[] {0, 1, 4}) {
            int n = 20_000;
            Channel<Integer> ch = Channel.make(cap);
            within(() -> {
                Thread producer = Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < n; i++) {
                            ch.send(i);
                        }
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    ch.close();
                });
                int expected = 0;
                for (;;) {
                    Received<Integer> r = (expected & 1) == 0
                            ? ch.tryReceiveOk()
                            : Select.<Received<Integer>>select(ch.onReceiveOk((v, ok) -> ok ? Received.of(v) : Received.closed()),
                                    Select.otherwise(() -> null));
                    if (r == null) {
                        Thread.yield();
                        continue;
                    }
                    if (!r.ok()) {
                        break;
                    }
                    assertThat(r.value()).isEqualTo(expected);
                    expected++;
                }
                assertThat(expected).as("cap %d", cap).isEqualTo(n);
                join(producer);
            });
        }
    }

    @Test
    @DisplayName("SE01, SE07: one channel case + a positive timeout: a ready case runs without waiting, a closed send case throws")
    void oneCaseWithTimeout() throws Exception {
        Channel<Integer> ch = Channel.make(1);
        Duration hour = Duration.ofHours(1);
        assertThat(Select.<Object>select(ch.onSend(1, () -> "sent"), Select.onTimeout(hour, () -> "timeout"))).isEqualTo("sent");
        assertThat(Select.<Object>select(Select.onTimeout(hour, () -> "timeout"), ch.onReceive(v -> "got " + v))).isEqualTo("got 1");
        assertThat(Select.<Object>select(ch.onReceive(v -> "got " + v), Select.onTimeout(Duration.ofMillis(1), () -> "timeout")))
                .isEqualTo("timeout"); // not ready: the general path waits for the timeout
        ch.close();
        assertThat(Select.<Object>select(ch.onReceiveOk((v, ok) -> v + "/" + ok), Select.onTimeout(hour, () -> "timeout"))).isEqualTo("null/false");
        assertThatThrownBy(() -> Select.select(ch.onSend(2), Select.onTimeout(hour, () -> {})))
                .isInstanceOf(ChannelClosedException.class).hasMessage("send on closed channel");
    }

    @Test
    @DisplayName("CH11, SE03: a receiver waiting in an unbuffered channel's slot takes a trySend and a select send")
    void slotReceiverMeetsNonBlockingAndSelectSends() throws Exception {
        Channel<Integer> ch = Channel.make();
        Channel<Integer> other = Channel.make();
        AtomicReference<Integer> got = new AtomicReference<>();
        Thread r = Go.go(() -> got.set(ch.receive()));
        awaitParked(r);
        assertThat(ch.trySend(1)).as("a receiver waits: the non-blocking send goes through").isTrue();
        join(r);
        assertThat(got).hasValue(1);
        assertThat(ch.trySend(2)).as("nobody waits any more").isFalse();

        r = Go.go(() -> got.set(ch.receive()));
        awaitParked(r);
        assertThat(Select.<String>select(ch.onSend(3, () -> "ch"), other.onSend(4, () -> "other"))).isEqualTo("ch");
        join(r);
        assertThat(got).hasValue(3);
    }

    @Test
    @DisplayName("CH11, SE03: a sender waiting in an unbuffered channel's slot is received by tryReceive and a select")
    void slotSenderMeetsNonBlockingAndSelectReceives() throws Exception {
        Channel<Integer> ch = Channel.make();
        Channel<Integer> other = Channel.make();
        Thread s = Go.go(() -> ch.send(1));
        awaitParked(s);
        assertThat(ch.tryReceiveOk()).isEqualTo(Received.of(1));
        join(s);
        assertThat(ch.tryReceiveOk()).as("nobody waits any more").isNull();

        s = Go.go(() -> ch.send(2));
        awaitParked(s);
        assertThat(Select.<String>select(ch.onReceive(v -> "ch " + v), other.onReceive(v -> "other " + v))).isEqualTo("ch 2");
        join(s);
    }

    @Test
    @DisplayName("CH09: close wakes a receiver waiting in the slot with closed, and a sender there with send on closed channel")
    void closeWakesSlotWaiters() throws Exception {
        Channel<Integer> ch = Channel.make();
        AtomicReference<Received<Integer>> got = new AtomicReference<>();
        Thread r = Go.go(() -> got.set(ch.receiveOk()));
        awaitParked(r);
        ch.close();
        join(r);
        assertThat(got).hasValue(Received.closed());

        Channel<Integer> ch2 = Channel.make();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread s = sendRecordingFailure(ch2, 1, failure);
        awaitParked(s);
        ch2.close();
        join(s);
        assertThat(failure.get()).isInstanceOf(ChannelClosedException.class).hasMessage("send on closed channel");
        assertThat(ch2.tryReceiveOk()).as("the sender's value was not delivered").isEqualTo(Received.closed());
    }

    @Test
    @DisplayName("CH05, CH14: a slot waiter that times out or is interrupted leaves nothing behind: its value is not delivered, nobody meets it")
    void slotWaitersThatGiveUpLeaveNothing() throws Exception {
        Channel<Integer> ch = Channel.make();
        assertThat(ch.send(1, Duration.ofMillis(1))).as("nobody received").isFalse();
        assertThat(ch.tryReceiveOk()).as("the timed-out send's value is gone").isNull();
        assertThat(ch.receive(Duration.ofMillis(1))).as("nobody sent").isNull();
        assertThat(ch.trySend(2)).as("no receiver is left waiting").isFalse();

        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread s = sendRecordingFailure(ch, 3, failure);
        awaitParked(s);
        s.interrupt();
        join(s);
        assertThat(failure.get()).isInstanceOf(InterruptedException.class);
        assertThat(ch.tryReceiveOk()).as("the interrupted send's value is gone").isNull();

        // The channel still works both ways.
        Thread r = Go.go(() -> assertThat(ch.receive()).isEqualTo(4));
        awaitParked(r);
        ch.send(4);
        join(r);
    }

    /** A goroutine that sends {@code v} on {@code ch} and records what the send throws, if anything. */
    private static Thread sendRecordingFailure(Channel<Integer> ch, int v, AtomicReference<Throwable> failure) {
        return Go.go(() -> {
            try {
                ch.send(v);
            } catch (ChannelClosedException | InterruptedException e) {
                failure.set(e);
            }
        });
    }
}
