package io.github.go4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

/**
 * Where HotSpot puts a channel's fields, read with JOL under this JVM's default flags (compressed oops
 * and class pointers, the ordinary object header).
 */
class ChanLayoutTest {

    private static final ClassLayout LAYOUT = ClassLayout.parseClass(Chan.class);

    private static Map<String, Long> offsets() {
        return LAYOUT.fields().stream().collect(Collectors.toMap(FieldLayout::name, FieldLayout::offset));
    }

    /**
     * ADR 0057: a rendezvous writes {@code handoff} and {@code slot} on every message. In one 8-byte-aligned
     * word they share a cache line wherever the channel lands (objects are 8-byte aligned); on two lines
     * (three of the eight places a channel can start in a line) pingpong cost ~390 ns a message, not ~200.
     */
    @Test
    void handoffAndSlotShareOneAlignedWord() {
        Map<String, Long> at = offsets();
        assertThat(at).containsKeys("handoff", "slot");
        assertThat(at.get("handoff") / 8)
                .as("8-byte word of handoff and of slot, in:%n%s", LAYOUT.toPrintable())
                .isEqualTo(at.get("slot") / 8);
    }

    /** Issue 6's target: an idle unbuffered channel takes at most 64 bytes (the ring is a separate object). */
    @Test
    void anIdleUnbufferedChannelTakesAtMostSixtyFourBytes() {
        assertThat(LAYOUT.instanceSize()).as(LAYOUT.toPrintable()).isLessThanOrEqualTo(64);
    }
}
