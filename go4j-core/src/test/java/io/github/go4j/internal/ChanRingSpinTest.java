package io.github.go4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
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

    /**
     * A pause that runs {@code partner} on its first {@code moves} calls and counts every call; it records
     * what the spin's batch mark said after each move.
     */
    private static final class Partner implements ChanRing.Pause {
        final AtomicInteger looks = new AtomicInteger();
        final StringBuilder marks = new StringBuilder();
        private final int moves;
        private final Runnable partner;

        Partner(int moves, Runnable partner) {
            this.moves = moves;
            this.partner = partner;
        }

        @Override
        public boolean await(BooleanSupplier ready) {
            if (looks.incrementAndGet() <= moves) {
                partner.run();
            }
            boolean r = ready.getAsBoolean();
            marks.append(r ? 'R' : '.');
            return r && early;
        }

        /** Whether a pause that sees the mark reports that it ended early (as {@link Spin#watch} does). */
        boolean early = true;
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
        // ADR 0060: the first look ended at its full length while the receiver moved, so the senders' watch
        // rests and the second look is given no mark (watchRests)
        assertThat(p.marks).hasToString("..");
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
        assertThat(p.marks).hasToString(".."); // the watch rests after a late look, as above
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
        assertThat(p.marks).hasToString(".."); // the watch rests after a late look, as above
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
    @DisplayName("ADR 0060: a receive's batch mark shows once the batch's last value is in, and stays shown while it is taken")
    void receiveMark() {
        ChanRing q = new ChanRing(CAP);
        long mark = q.batchMark(true);
        for (int i = 0; i < CAP - 1; i++) {
            q.offer(V);
            assertThat(q.reached(mark)).as("after %d values", i + 1).isFalse();
        }
        q.offer(V);
        assertThat(q.reached(mark)).isTrue();
        for (int i = 0; i < CAP; i++) {
            q.poll();
            assertThat(q.reached(mark)).isTrue();
        }
        q.offer(V); // the next lap: the slot belongs to a later position, still past the mark
        assertThat(q.reached(mark)).isTrue();
    }

    @Test
    @DisplayName("ADR 0060: a send's batch mark on a full ring shows once the receivers freed a batch, on later laps too")
    void sendMark() {
        ChanRing q = new ChanRing(CAP);
        for (int lap = 0; lap < 3; lap++) {
            for (int i = 0; i < CAP; i++) {
                assertThat(q.offer(V)).isEqualTo(ChanRing.OK);
            }
            long mark = q.batchMark(false);
            for (int i = 0; i < CAP - 1; i++) {
                q.poll();
                assertThat(q.reached(mark)).as("lap %d, after %d receives", lap, i + 1).isFalse();
            }
            q.poll();
            assertThat(q.reached(mark)).isTrue();
        }
    }

    @Test
    @DisplayName("ADR 0060: on a ring of 64 the marks are 32 slots away: a batch, not the whole ring")
    void largeRingMarks() {
        ChanRing q = new ChanRing(64);
        long recvMark = q.batchMark(true);
        for (int i = 0; i < 31; i++) {
            q.offer(V);
        }
        assertThat(q.reached(recvMark)).isFalse();
        q.offer(V);
        assertThat(q.reached(recvMark)).isTrue();
        while (q.offer(V) == ChanRing.OK) {
            // fill it
        }
        long sendMark = q.batchMark(false);
        for (int i = 0; i < 31; i++) {
            q.poll();
        }
        assertThat(q.reached(sendMark)).isFalse();
        q.poll();
        assertThat(q.reached(sendMark)).isTrue();
    }

    @Test
    @DisplayName("ADR 0060: a pause that lasts its full length while the partner moves turns a side's watch off for a rest of waits; the other side keeps it")
    void watchRests() {
        ChanRing q = full();
        Partner late = new Partner(1, q::poll); // the receiver moves, but the look ends at its full length
        late.early = false;
        assertThat(q.awaitBatch(false, 1, late)).isTrue();
        assertThat(q.watchOn(false)).as("the senders rest").isFalse();
        assertThat(q.watchOn(true)).as("the receivers still watch").isTrue();

        while (q.poll() != ChanRing.EMPTY) {
            // drain
        }
        for (int i = 0; i < CAP; i++) {
            q.offer(V);
        }
        Partner p = new Partner(1, () -> {
            for (int i = 0; i < CAP; i++) {
                q.poll();
            }
        });
        assertThat(q.awaitBatch(false, 8, p)).isTrue();
        assertThat(p.marks).as("resting: the pause gets a mark that never shows").hasToString(".");
    }

    @Test
    @DisplayName("ADR 0060: early pauses save credit, so one late pause among many does not stop the watch")
    void watchCredit() {
        ChanRing q = new ChanRing(CAP);
        for (int round = 0; round < 4; round++) {
            Partner p = new Partner(1, () -> {
                for (int i = 0; i < CAP; i++) {
                    q.offer(V);
                }
            });
            assertThat(q.awaitBatch(true, 8, p)).isTrue();
            assertThat(p.marks).hasToString("R");
            while (q.poll() != ChanRing.EMPTY) {
                // drain
            }
        }
        Partner late = new Partner(1, () -> q.offer(V));
        late.early = false;
        q.awaitBatch(true, 1, late);
        assertThat(q.watchOn(true)).isTrue();
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
