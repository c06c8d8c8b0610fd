package io.github.go4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;

/**
 * What a goroutine parked on a channel holds beyond its virtual thread, object by object, read with JOL
 * under this JVM's default flags (compressed oops and class pointers, the ordinary object header): its
 * record and its channel waiter (ADR 0059). The rest of issue 6's parked figure is the deeper frozen
 * stack, which only the heap shows (bench/run's memory probe).
 */
class ParkedFootprintTest {

    @Test
    @DisplayName("a goroutine's record takes 64 bytes: 3 longs and 7 references")
    void goroutineRecord() {
        ClassLayout g = ClassLayout.parseClass(G.class);
        assertThat(g.instanceSize()).as(g.toPrintable()).isLessThanOrEqualTo(64);
    }

    @Test
    @DisplayName("a channel's waiter takes 32 bytes: the hooked flag lives in its state, the record is found from the thread")
    void channelWaiter() {
        ClassLayout w = ClassLayout.parseClass(ChanWaiter.class);
        assertThat(w.instanceSize()).as(w.toPrintable()).isLessThanOrEqualTo(32);
    }

    @Test
    @DisplayName("every wait reason fits the 8 bits G keeps it in, next to the wait's start")
    void waitReasonsFitTheirBits() {
        assertThat(WaitReason.values().length).isLessThan(255);
    }
}
