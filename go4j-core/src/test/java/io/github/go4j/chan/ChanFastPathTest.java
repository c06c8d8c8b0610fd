package io.github.go4j.chan;

import static io.github.go4j.chan.ChanTesting.join;
import static io.github.go4j.chan.ChanTesting.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The lock-free fast paths of non-blocking operations (tryReceive, trySend, a select of one channel
 * case and a default; docs/adr/0003): the answers they give without the lock must be ones the locked
 * path could give.
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
}
