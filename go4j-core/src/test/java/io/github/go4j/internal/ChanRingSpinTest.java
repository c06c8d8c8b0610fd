package io.github.go4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ring's spin (ADR 0052): a send that found the ring full, or a receive that found it empty, watches
 * the other position while it moves. Each pause below stands for the time between two looks and plays the
 * partner on another carrier, so that the looks see exactly the moves the test scripts.
 */
class ChanRingSpinTest {

    private static final int CAP = 4;
    private static final Object V = "v";

    private static ChanRing full() {
        ChanRing q = new ChanRing(CAP);
        for (int i = 0; i < CAP; i++) {
            assertThat(q.offer(V)).isEqualTo(ChanRing.OK);
        }
        return q;
    }

    /** A pause that runs {@code partner} on its first {@code moves} calls and counts every call. */
    private static final class Partner implements Runnable {
        final AtomicInteger looks = new AtomicInteger();
        private final int moves;
        private final Runnable partner;

        Partner(int moves, Runnable partner) {
            this.moves = moves;
            this.partner = partner;
        }

        @Override
        public void run() {
            if (looks.incrementAndGet() <= moves) {
                partner.run();
            }
        }
    }

    @Test
    @DisplayName("full ring, no receiver moves: the sender stops spinning after one look, with no room")
    void roomNobodyTakes() {
        ChanRing q = full();
        Partner p = new Partner(0, () -> {});
        assertThat(q.awaitBatch(false, 8, p)).isFalse();
        assertThat(p.looks).hasValue(1);
    }

    @Test
    @DisplayName("full ring, a receiver takes two values and stops: the sender goes on at the next look")
    void roomReceiverStops() {
        ChanRing q = full();
        Partner p = new Partner(2, q::poll);
        assertThat(q.awaitBatch(false, 8, p)).isTrue();
        assertThat(p.looks).hasValue(3);
        assertThat(q.offer(V)).isEqualTo(ChanRing.OK);
    }

    @Test
    @DisplayName("full ring, a receiver keeps draining: the sender waits until the ring is empty, not for the first free slot")
    void roomWholeBatch() {
        ChanRing q = full();
        Partner p = new Partner(8, () -> {
            q.poll();
            q.poll();
        });
        assertThat(q.awaitBatch(false, 8, p)).isTrue();
        assertThat(p.looks).hasValue(2);
        assertThat(q.lengthRacy()).isZero();
    }

    @Test
    @DisplayName("a ring of 64 slots, a receiver keeps draining: the sender goes on once 32 are free, apart from the receiver")
    void roomLargeRing() {
        ChanRing q = new ChanRing(64);
        while (q.offer(V) == ChanRing.OK) {
            // fill it
        }
        Partner p = new Partner(8, () -> {
            for (int i = 0; i < 16; i++) {
                q.poll();
            }
        });
        assertThat(q.awaitBatch(false, 8, p)).isTrue();
        assertThat(p.looks).hasValue(2);
        assertThat(q.lengthRacy()).isEqualTo(32);
    }

    @Test
    @DisplayName("full ring, a slow receiver: the spin ends after its probes, with room")
    void roomProbesRunOut() {
        ChanRing q = full();
        Partner p = new Partner(8, q::poll);
        assertThat(q.awaitBatch(false, 2, p)).isTrue();
        assertThat(p.looks).hasValue(2);
        assertThat(q.lengthRacy()).isEqualTo(CAP - 2);
    }

    @Test
    @DisplayName("full ring, slow mode begins: the sender stops spinning and takes the lock")
    void roomSlowMode() {
        ChanRing q = full();
        Partner p = new Partner(1, q::enterSlow);
        assertThat(q.awaitBatch(false, 8, p)).isTrue();
        assertThat(p.looks).hasValue(1);
        assertThat(q.offer(V)).isEqualTo(ChanRing.LOCKED);
        assertThat(q.partnerPosition(true)).isEqualTo(-1);
        assertThat(q.partnerPosition(false)).isEqualTo(-1);
    }

    @Test
    @DisplayName("empty ring, no sender moves: the receiver stops spinning after one look, with nothing")
    void valuesNobodySends() {
        ChanRing q = new ChanRing(CAP);
        Partner p = new Partner(0, () -> {});
        assertThat(q.awaitBatch(true, 8, p)).isFalse();
        assertThat(p.looks).hasValue(1);
        assertThat(q.poll()).isSameAs(ChanRing.EMPTY);
    }

    @Test
    @DisplayName("empty ring, a sender adds one value and stops: the receiver takes it at the next look")
    void valuesSenderStops() {
        ChanRing q = new ChanRing(CAP);
        Partner p = new Partner(1, () -> q.offer(V));
        assertThat(q.awaitBatch(true, 8, p)).isTrue();
        assertThat(p.looks).hasValue(2);
        assertThat(q.poll()).isSameAs(V);
    }

    @Test
    @DisplayName("empty ring, a sender keeps filling: the receiver waits until the ring is full")
    void valuesWholeBatch() {
        ChanRing q = new ChanRing(CAP);
        Partner p = new Partner(8, () -> {
            q.offer(V);
            q.offer(V);
        });
        assertThat(q.awaitBatch(true, 8, p)).isTrue();
        assertThat(p.looks).hasValue(2);
        assertThat(q.batchReady(true)).isTrue();
        assertThat(q.batchReady(false)).isFalse();
    }

    @Test
    @DisplayName("empty ring, slow mode begins: the receiver stops spinning and takes the lock")
    void valuesSlowMode() {
        ChanRing q = new ChanRing(CAP);
        Partner p = new Partner(1, q::enterSlow);
        assertThat(q.awaitBatch(true, 8, p)).isTrue();
        assertThat(p.looks).hasValue(1);
        assertThat(q.poll()).isNull();
    }

    @Test
    @DisplayName("the positions a select watches: the send position for a receive case, the receive position for a send case")
    void partnerPositions() {
        ChanRing q = new ChanRing(CAP);
        q.offer(V);
        q.offer(V);
        q.poll();
        assertThat(q.partnerPosition(true)).isEqualTo(2);
        assertThat(q.partnerPosition(false)).isEqualTo(1);
        assertThat(q.batchReady(true)).isFalse();
        assertThat(q.batchReady(false)).isFalse();
        q.poll();
        assertThat(q.batchReady(false)).isTrue();
    }
}
