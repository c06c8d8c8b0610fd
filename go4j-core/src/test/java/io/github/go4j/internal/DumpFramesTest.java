package io.github.go4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which frames of go4j's public packages a dump hides on top of a stack (ADR 0033, RU08). */
class DumpFramesTest {

    private static StackTraceElement frame(String cls, String method) {
        return new StackTraceElement(cls, method, null, -1);
    }

    @Test
    @DisplayName("RU08: go4j-core's non-public methods and classes are hidden, its public API is not")
    void nonPublicCoreFrames() {
        assertThat(Dump.nonPublicCore(frame("io.github.go4j.sync.Mutex", "acquireSlow"))).isTrue();
        assertThat(Dump.nonPublicCore(frame("io.github.go4j.sync.Mutex", "acquireInterruptibly"))).isTrue();
        assertThat(Dump.nonPublicCore(frame("io.github.go4j.sync.WaitNode", "awaitUninterruptibly"))).isTrue();
        assertThat(Dump.nonPublicCore(frame("io.github.go4j.sync.Mutex", "lock"))).isFalse();
        assertThat(Dump.nonPublicCore(frame("io.github.go4j.sync.WaitGroup", "await"))).isFalse();
        assertThat(Dump.nonPublicCore(frame("io.github.go4j.sync.Mutex", "<init>"))).isFalse();
    }

    @Test
    @DisplayName("RU08: a class of another jar or class folder in a go4j package (a test) is the program's code")
    void otherCodeInGo4jPackagesIsNotHidden() {
        // This test's own package is internal (always hidden); a test class of io.github.go4j.sync is not
        // go4j-core's main code, so even its private methods stay.
        assertThat(Dump.nonPublicCore(frame("io.github.go4j.sync.SyncTesting", "doesNotExist"))).isFalse();
        assertThat(Dump.nonPublicCore(frame("io.github.go4j.sync.NoSuchClass", "m"))).isFalse();
        assertThat(Dump.nonPublicCore(frame("com.example.Mutex", "acquireSlow"))).isFalse();
    }
}
