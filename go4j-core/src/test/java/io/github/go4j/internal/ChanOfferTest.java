package io.github.go4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.chan.ChannelClosedException;
import io.github.go4j.chan.Select;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sender's offer in an unbuffered channel's slot (ADR 0055). Each pause below stands for the time
 * between two looks at the slot and plays whoever else uses the channel meanwhile, so that the sender's
 * looks see exactly the moves the test scripts: a receiver taking the value, a lock holder withdrawing
 * the offer, nobody at all.
 */
class ChanOfferTest {

    private static final int LOOKS = 8;
    /** No time limit: the spins below end by their looks or their partner only (ADR 0056's clock aside). */
    private static final long UNTIMED = Long.MAX_VALUE;

    @SuppressWarnings("unchecked")
    private static Chan<String> unbuffered() {
        return (Chan<String>) Chan.<String>make(0);
    }

    /** A pause that runs {@code partner} on its first call only and counts every call. */
    private static final class Partner implements Runnable {
        final AtomicInteger looks = new AtomicInteger();
        private final Runnable partner;

        Partner(Runnable partner) {
            this.partner = partner;
        }

        @Override
        public void run() {
            if (looks.incrementAndGet() == 1) {
                partner.run();
            }
        }
    }

    @Test
    @DisplayName("ADR 0061: looks at a slot in a passing state come 1, 2, then 4 pauses apart, and 4 from then on")
    void passingStateLooksBackOff() {
        List<Integer> gaps = new ArrayList<>();
        int n = Chan.TRANSIENT_FIRST;
        for (int look = 0; look < 5; look++) {
            gaps.add(n);
            n = Chan.pauseForPartner(n);
        }
        assertThat(gaps).containsExactly(1, 2, 4, 4, 4);
    }

    @Test
    @DisplayName("CH13, SE03: tryReceive takes an offer; the sender sees it taken at its next look, and nothing is left")
    void tryReceiveTakesOffer() {
        Chan<String> ch = unbuffered();
        List<String> got = new ArrayList<>();
        Partner p = new Partner(() -> got.add(ch.tryReceive()));
        assertThat(ch.offer("a", LOOKS, UNTIMED, p)).isSameAs(Chan.SENT_MARK);
        assertThat(got).containsExactly("a");
        assertThat(p.looks).hasValue(1);
        assertThat(ch.tryReceive()).as("taken once").isNull();
        assertThat(ch.trySend("b")).as("nobody waits").isFalse();
    }

    @Test
    @DisplayName("SE03: a select of one receive case and a default takes an offer")
    void selectWithDefaultTakesOffer() {
        Chan<String> ch = unbuffered();
        List<String> got = new ArrayList<>();
        Partner p = new Partner(() -> got.add(select(ch.onReceive(v -> "got " + v), Select.otherwise(() -> "default"))));
        assertThat(ch.offer("a", LOOKS, UNTIMED, p)).isSameAs(Chan.SENT_MARK);
        assertThat(got).containsExactly("got a");
    }

    @Test
    @DisplayName("CH11: a blocking receive on another thread takes an offer")
    void receiverOnAnotherThreadTakesOffer() {
        Chan<String> ch = unbuffered();
        AtomicReference<String> got = new AtomicReference<>();
        Partner p = new Partner(() -> onAnotherThread(() -> got.set(ch.receive())));
        assertThat(ch.offer("a", LOOKS, UNTIMED, p)).isSameAs(Chan.SENT_MARK);
        assertThat(got).hasValue("a");
    }

    @Test
    @DisplayName("CH14: an offer taken, then another sender's offer withdrawn before the first sender looks: the first knows its value went, the second that its did not")
    void takenOfferStaysTakenWhenAnotherIsWithdrawn() {
        Chan<String> ch = unbuffered();
        List<String> got = new ArrayList<>();
        AtomicReference<Object> second = new AtomicReference<>("not yet");
        CountDownLatch withdrawn = new CountDownLatch(1);
        CountDownLatch looked = new CountDownLatch(1);
        Thread other = Thread.ofVirtual().unstarted(() -> second.set(ch.offer("b", LOOKS, UNTIMED, new Partner(() -> {
            assertThat(ch.trySend("c")).isFalse(); // withdraws "b"
            withdrawn.countDown();
            await(looked); // the first sender looks while "b" stands withdrawn
        }))));
        Partner p = new Partner(() -> {
            got.add(ch.tryReceive()); // takes "a"
            other.start();
            await(withdrawn);
        });
        assertThat(ch.offer("a", LOOKS, UNTIMED, p)).as("taken, though the slot reads withdrawn").isSameAs(Chan.SENT_MARK);
        looked.countDown();
        join(other);
        assertThat(second).as("withdrawn").hasValue(null);
        assertThat(got).containsExactly("a");
        assertThat(ch.tryReceive()).as("b was not delivered").isNull();
    }

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A blocking operation, for {@link #onAnotherThread}. */
    private interface Blocking {
        void run() throws InterruptedException;
    }

    /** Runs {@code op} on a virtual thread of its own and waits until it is done. */
    private static void onAnotherThread(Blocking op) {
        join(Thread.ofVirtual().start(() -> {
            try {
                op.run();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("CH14: another sender's trySend withdraws the offer, delivers nothing, and the channel is open and empty after")
    void trySendWithdrawsOffer() {
        Chan<String> ch = unbuffered();
        List<Boolean> sent = new ArrayList<>();
        Partner p = new Partner(() -> sent.add(ch.trySend("b")));
        assertThat(ch.offer("a", LOOKS, UNTIMED, p)).as("withdrawn: the sender still holds its value").isNull();
        assertThat(sent).containsExactly(false);
        assertThat(ch.tryReceive()).as("neither value was delivered").isNull();
        assertThat(ch.trySend("c")).isFalse();
    }

    @Test
    @DisplayName("CH05, CH09: close withdraws the offer; the sender's retry fails with send on closed channel")
    void closeWithdrawsOffer() throws InterruptedException {
        Chan<String> ch = unbuffered();
        Partner p = new Partner(ch::close);
        assertThat(ch.offer("a", LOOKS, UNTIMED, p)).isNull();
        assertThatThrownBy(() -> ch.trySend("a"))
                .isInstanceOf(ChannelClosedException.class)
                .hasMessage("send on closed channel");
        assertThat(ch.receiveOk(Duration.ZERO).ok()).as("closed, and the offer was not delivered").isFalse();
    }

    @Test
    @DisplayName("CH11: nobody comes: after its looks the offer becomes a waiter in the slot, which a receive then completes")
    void nobodyComesOfferBecomesWaiter() {
        Chan<String> ch = unbuffered();
        Partner p = new Partner(() -> {});
        Object o = ch.offer("a", 3, UNTIMED, p);
        assertThat(p.looks).hasValue(3);
        assertThat(o).isInstanceOf(ChanWaiter.class);
        ChanWaiter w = (ChanWaiter) o;
        assertThat(w.elem).isEqualTo("a");
        assertThat(w.isWaiting()).isTrue();
        assertThat(ch.tryReceive()).isEqualTo("a");
        assertThat(w.isWaiting()).as("completed by the receive").isFalse();
        assertThat(ch.tryReceive()).isNull();
    }

    @Test
    @DisplayName("no offer where the slot is taken: a closed channel's slot is off, so offer neither waits nor looks")
    void noOfferOnSlowSlot() {
        Chan<String> ch = unbuffered();
        ch.close();
        Partner p = new Partner(() -> {});
        assertThat(ch.offer("a", LOOKS, UNTIMED, p)).isNull();
        assertThat(p.looks).hasValue(0);
    }

    // The receiving side: a receive spins in the slot (WANT) until a sender gives it a value.

    @Test
    @DisplayName("CH11, SE03: trySend and a select send with a default give to a receive that spins in the slot")
    void nonBlockingSendsGiveToSpinningReceive() {
        Chan<String> ch = unbuffered();
        List<Boolean> sent = new ArrayList<>();
        Partner p = new Partner(() -> sent.add(ch.trySend("a")));
        assertThat(ch.want(LOOKS, UNTIMED, p)).isEqualTo("a");
        assertThat(sent).containsExactly(true);
        assertThat(p.looks).hasValue(1);

        Partner q = new Partner(() -> sent.add(select(ch.onSend("b", () -> true), Select.otherwise(() -> false))));
        assertThat(ch.want(LOOKS, UNTIMED, q)).isEqualTo("b");
        assertThat(sent).containsExactly(true, true);
        assertThat(ch.trySend("c")).as("nobody waits").isFalse();
        assertThat(ch.tryReceive()).isNull();
    }

    @Test
    @DisplayName("CH11: a blocking send on another thread gives to a receive that spins in the slot")
    void senderOnAnotherThreadGives() {
        Chan<String> ch = unbuffered();
        Partner p = new Partner(() -> onAnotherThread(() -> ch.send("a")));
        assertThat(ch.want(LOOKS, UNTIMED, p)).isEqualTo("a");
    }

    @Test
    @DisplayName("SE03: tryReceive beside a spinning receive would block, and leaves the receive in place")
    void tryReceiveBesideSpinningReceive() {
        Chan<String> ch = unbuffered();
        List<String> got = new ArrayList<>();
        Partner p = new Partner(() -> {
            got.add(ch.tryReceive());
            assertThat(ch.trySend("a")).isTrue();
        });
        assertThat(ch.want(LOOKS, UNTIMED, p)).isEqualTo("a");
        assertThat(got).containsExactly((String) null);
    }

    @Test
    @DisplayName("SE02: a select over two channels gives its send to the spinning receive")
    void selectSendGivesToSpinningReceive() {
        Chan<String> ch = unbuffered();
        Chan<String> other = unbuffered();
        List<String> chosen = new ArrayList<>();
        Partner p = new Partner(() -> chosen.add(select(ch.onSend("a", () -> "ch"), other.onSend("b", () -> "other"),
                Select.otherwise(() -> "default"))));
        assertThat(ch.want(LOOKS, UNTIMED, p)).isEqualTo("a");
        assertThat(chosen).containsExactly("ch");
    }

    @Test
    @DisplayName("SE03: a select that receives from two channels locks them, withdraws the spinning receive, and takes its default")
    void selectReceiveWithdrawsSpinningReceive() {
        Chan<String> ch = unbuffered();
        Chan<String> other = unbuffered();
        List<String> chosen = new ArrayList<>();
        Partner p = new Partner(() -> chosen.add(select(ch.onReceive(v -> "ch"), other.onReceive(v -> "other"),
                Select.otherwise(() -> "default"))));
        assertThat(ch.want(LOOKS, UNTIMED, p)).as("withdrawn").isNull();
        assertThat(chosen).containsExactly("default");
        assertThat(ch.trySend("c")).as("the receive withdrew: nobody waits").isFalse();
    }

    @SafeVarargs
    private static <R> R select(Select.Clause<? extends R>... clauses) {
        try {
            return Select.select(clauses);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("CH07, CH09: close withdraws the spinning receive; its retry reports closed")
    void closeWithdrawsSpinningReceive() throws InterruptedException {
        Chan<String> ch = unbuffered();
        Partner p = new Partner(ch::close);
        assertThat(ch.want(LOOKS, UNTIMED, p)).isNull();
        assertThat(ch.receiveOk(Duration.ZERO).ok()).isFalse();
    }

    @Test
    @DisplayName("CH11: nobody comes: the spinning receive becomes a waiter in the slot, which a send then completes")
    void nobodyComesReceiveBecomesWaiter() {
        Chan<String> ch = unbuffered();
        Partner p = new Partner(() -> {});
        Object o = ch.want(3, UNTIMED, p);
        assertThat(p.looks).hasValue(3);
        assertThat(o).isInstanceOf(ChanWaiter.class);
        ChanWaiter w = (ChanWaiter) o;
        assertThat(w.elem).isNull();
        assertThat(ch.trySend("a")).isTrue();
        assertThat(w.isWaiting()).isFalse();
        assertThat(w.elem).isEqualTo("a");
        assertThat(ch.trySend("b")).isFalse();
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("ADR 0056: with nobody coming, an offer's spin ends by time, long before its cap of looks")
    void offerSpinEndsByTime() {
        Chan<String> ch = unbuffered();
        Partner p = new Partner(() -> {});
        long start = Spin.now();
        Object o = ch.offer("a", Integer.MAX_VALUE, 20_000, p);
        assertThat(Spin.now() - start).as("spun its 20 us").isGreaterThanOrEqualTo(20_000);
        assertThat(o).isInstanceOf(ChanWaiter.class);
        assertThat(p.looks.get()).as("the clock is read every %d looks", Spin.CHECK).isGreaterThanOrEqualTo(2 * Spin.CHECK);
        assertThat(ch.tryReceive()).isEqualTo("a");
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("ADR 0056: with nobody coming, a spinning receive ends by time, long before its cap of looks")
    void wantSpinEndsByTime() {
        Chan<String> ch = unbuffered();
        Partner p = new Partner(() -> {});
        long start = Spin.now();
        Object o = ch.want(Integer.MAX_VALUE, 20_000, p);
        assertThat(Spin.now() - start).as("spun its 20 us").isGreaterThanOrEqualTo(20_000);
        assertThat(o).isInstanceOf(ChanWaiter.class);
        assertThat(ch.trySend("a")).isTrue();
    }
}
