package io.github.go4j.chan;

import static io.github.go4j.chan.ChanTesting.awaitParked;
import static io.github.go4j.chan.ChanTesting.join;
import static io.github.go4j.chan.ChanTesting.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.internal.Chan;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The runtime's Go 1.23 timer channels, which the time package builds Timer and Ticker on. */
class TimerChannelTest {

    @Test
    @DisplayName("TM03: a timer channel reports len 0 and cap 0, even with a pending value")
    void lenCapZero() {
        Channel<String> c = Chan.makeTimerChannel();
        assertThat(c.len()).isZero();
        assertThat(c.cap()).isZero();
        assertThat(Chan.offerTick(c, "t1")).isTrue();
        assertThat(c.len()).isZero();
        assertThat(c.cap()).isZero();
    }

    @Test
    @DisplayName("offerTick keeps at most one pending value and drops the rest")
    void atMostOnePending() throws InterruptedException {
        Channel<String> c = Chan.makeTimerChannel();
        assertThat(Chan.offerTick(c, "t1")).isTrue();
        assertThat(Chan.offerTick(c, "t2")).isFalse();
        assertThat(c.receive()).isEqualTo("t1");
        assertThat(c.tryReceiveOk()).isNull();
    }

    @Test
    @DisplayName("TM04/TM05: drainTick removes the pending value, so no stale value is received")
    void drain() {
        Channel<String> c = Chan.makeTimerChannel();
        assertThat(Chan.drainTick(c)).isFalse();
        Chan.offerTick(c, "stale");
        assertThat(Chan.drainTick(c)).isTrue();
        assertThat(c.tryReceiveOk()).isNull();
        assertThat(Chan.offerTick(c, "fresh")).isTrue();
        assertThat(c.tryReceive()).isEqualTo("fresh");
    }

    @Test
    @DisplayName("offerTick hands the value to a parked receiver or select")
    void wakesReceivers() {
        within(() -> {
            Channel<String> c = Chan.makeTimerChannel();
            AtomicReference<String> got = new AtomicReference<>();
            Thread r = Go.go(() -> got.set(c.receive()));
            awaitParked(r);
            assertThat(Chan.offerTick(c, "tick")).isTrue();
            join(r);
            assertThat(got.get()).isEqualTo("tick");
            Channel<String> other = Channel.make();
            Thread s = Go.go(() -> got.set(Select.select(c.onReceive(v -> "sel " + v), other.onReceive())));
            awaitParked(s);
            Chan.offerTick(c, "t2");
            join(s);
            assertThat(got.get()).isEqualTo("sel t2");
        });
    }

    @Test
    @DisplayName("offerTick and drainTick refuse channels that are not timer channels")
    void onlyTimerChannels() {
        Channel<String> plain = Channel.make(1);
        assertThatThrownBy(() -> Chan.offerTick(plain, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Chan.drainTick(plain)).isInstanceOf(IllegalArgumentException.class);
    }
}
