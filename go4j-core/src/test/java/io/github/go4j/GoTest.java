package io.github.go4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Goroutines: Go.go, the runtime queries and panic reports (CH18, RU01-RU03, RU06). */
class GoTest {

    @AfterEach
    void restoreDefaults() {
        Go.setPanicHandler(null);
        Go.setPanicPolicy(Go.PanicPolicy.PRINT);
    }

    @Test
    @DisplayName("CH18: a go statement is synchronized before the goroutine starts")
    void goHappensBeforeStart() throws Exception {
        int[] plain = new int[1];
        int[] seen = new int[1];
        CountDownLatch done = new CountDownLatch(1);
        plain[0] = 42; // plain write, published only by the go statement's happens-before edge
        Thread t = Go.go(() -> {
            seen[0] = plain[0];
            done.countDown();
        });
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen[0]).isEqualTo(42);
        assertThat(t.isVirtual()).as("goroutines are virtual threads").isTrue();
    }

    @Test
    @DisplayName("RU01: numGoroutine counts live goroutines plus main")
    void numGoroutineCountsLiveOnes() throws Exception {
        int before = Go.numGoroutine();
        assertThat(before).isGreaterThanOrEqualTo(1);
        CountDownLatch started = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        Thread[] ts = new Thread[3];
        for (int i = 0; i < 3; i++) {
            ts[i] = Go.go(() -> {
                started.countDown();
                release.await();
            });
        }
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        // Only a lower bound: goroutines left by earlier tests may end meanwhile.
        assertThat(Go.numGoroutine()).isGreaterThanOrEqualTo(3 + 1);
        release.countDown();
        for (Thread t : ts) {
            t.join();
        }
    }

    @Test
    @DisplayName("RU02: gomaxprocs(0) queries; changing it at run time fails clearly")
    void gomaxprocs() {
        int n = Go.gomaxprocs(0);
        assertThat(n).isPositive().isEqualTo(Go.gomaxprocs());
        assertThat(Go.gomaxprocs(n)).isEqualTo(n);
        assertThatThrownBy(() -> Go.gomaxprocs(n + 1))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("jdk.virtualThreadScheduler.parallelism");
    }

    @Test
    @DisplayName("RU03: gosched yields and returns")
    void gosched() {
        Go.gosched();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    @DisplayName("RU06: an exception escaping a goroutine is reported like Go's panic, never swallowed")
    void panicIsReported() throws Exception {
        AtomicReference<String> report = new AtomicReference<>();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        CountDownLatch reported = new CountDownLatch(1);
        Go.setPanicHandler((panic, text) -> {
            seen.set(panic);
            report.set(text);
            reported.countDown();
        });
        Go.go(() -> {
            throw new java.io.IOException("boom"); // checked exceptions may escape a task
        });
        assertThat(reported.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get()).isInstanceOf(java.io.IOException.class).hasMessage("boom");
        assertThat(report.get())
                .startsWith("panic: java.io.IOException: boom")
                .containsPattern("goroutine \\d+ \\[running\\]:")
                .contains("GoTest")
                .containsPattern("created by .*GoTest.* in goroutine \\d+");
    }

    @Test
    @DisplayName("the panic policy is configurable and defaults to print-and-go-on")
    void panicPolicy() {
        assertThat(Go.panicPolicy()).isEqualTo(Go.PanicPolicy.PRINT);
        Go.setPanicPolicy(Go.PanicPolicy.EXIT);
        assertThat(Go.panicPolicy()).isEqualTo(Go.PanicPolicy.EXIT);
        assertThatThrownBy(() -> Go.go(null)).isInstanceOf(NullPointerException.class);
    }
}
