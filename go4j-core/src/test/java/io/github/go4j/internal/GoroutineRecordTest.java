package io.github.go4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The goroutine record's registry and how a thread finds its own record (ADR 0007). */
@Timeout(30)
class GoroutineRecordTest {

    @Test
    @DisplayName("A goroutine finds its own record; a platform thread and a plain virtual thread have none")
    void currentIsTheGoroutinesOwn() throws Exception {
        AtomicReference<G> first = new AtomicReference<>();
        AtomicReference<G> second = new AtomicReference<>();
        Thread t = Go.go(() -> {
            first.set(G.current());
            second.set(G.current());
        });
        t.join();
        assertThat(first.get()).isNotNull().isSameAs(second.get());
        assertThat(first.get().thread()).isSameAs(t);
        assertThat(G.current()).isNull();
        AtomicReference<G> plain = new AtomicReference<>(first.get());
        Thread.ofVirtual().start(() -> plain.set(G.current())).join();
        assertThat(plain.get()).isNull();
    }

    @Test
    @DisplayName("A goroutine that replaces its thread's uncaught-exception handler keeps its record")
    void replacedHandlerFallsBackToTheRegistry() throws Exception {
        AtomicReference<G> before = new AtomicReference<>();
        AtomicReference<G> after = new AtomicReference<>();
        Channel<String> ch = Channel.make();
        CountDownLatch parked = new CountDownLatch(1);
        Thread t = Go.go(() -> {
            before.set(G.current());
            Thread.currentThread().setUncaughtExceptionHandler((th, e) -> {});
            after.set(G.current());
            parked.countDown();
            ch.receive();
        });
        parked.await();
        assertThat(after.get()).isNotNull().isSameAs(before.get());
        G g = before.get();
        while (g.waitReason() != WaitReason.CHAN_RECEIVE) { // its wait reason is published through the record
            Thread.onSpinWait();
        }
        ch.send("done");
        t.join();
        assertThat(G.live()).doesNotContain(g);
    }

    @Test
    @DisplayName("Ended goroutines' records are swept from the registry while live ones stay listed")
    void sweepsKeepTheLiveAndDropTheDead() throws Exception {
        int n = 1000;
        Channel<Integer> release = Channel.make();
        CountDownLatch started = new CountDownLatch(n);
        List<Thread> parked = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parked.add(Go.go(() -> {
                started.countDown();
                release.receive();
            }));
        }
        started.await();
        for (int round = 0; round < 20; round++) { // 20,000 goroutines come and go around the parked ones
            List<Thread> batch = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                batch.add(Go.go(() -> {}));
            }
            for (Thread t : batch) {
                t.join();
            }
        }
        assertThat(G.live()).extracting(G::thread).containsAll(parked);
        // Each stripe sweeps once its list has doubled since its last sweep (and has at least 64); a
        // sweep may have counted up to a whole batch as still running. Without sweeps: 21,000 listed.
        assertThat(G.listedRecords()).isLessThanOrEqualTo(2 * (G.liveCount() + 1000) + 64 * 64);
        release.close();
        for (Thread t : parked) {
            t.join();
        }
        assertThat(G.live()).extracting(G::thread).doesNotContainAnyElementsOf(parked);
    }

    @Test
    @DisplayName("After a burst of goroutines ends, their records are swept even if no goroutine starts again")
    void burstIsSweptWithoutNewGoroutines() throws Exception {
        int n = 20_000;
        Channel<Integer> release = Channel.make();
        CountDownLatch started = new CountDownLatch(n);
        List<Thread> burst = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            burst.add(Go.go(() -> {
                started.countDown();
                release.receive();
            }));
        }
        started.await();
        assertThat(G.listedRecords()).isGreaterThanOrEqualTo(n);
        release.close();
        for (Thread t : burst) {
            t.join();
        }
        // The ending goroutines sweep their stripes: fewer than 64 dead records are left in each.
        assertThat(G.listedRecords()).isLessThanOrEqualTo(64 * 64 + 2 * G.liveCount());
    }

    @Test
    @DisplayName("RU01: live() and numGoroutine count parked goroutines and forget them when they exit")
    void registryCountsAndForgets() throws Exception {
        int n = 1000;
        Channel<Integer> release = Channel.make();
        CountDownLatch started = new CountDownLatch(n);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            threads.add(Go.go(() -> {
                started.countDown();
                release.receive();
            }));
        }
        started.await();
        // Only lower bounds: goroutines left by earlier tests may end meanwhile.
        assertThat(G.liveCount()).isGreaterThanOrEqualTo(n);
        assertThat(G.live()).extracting(G::thread).containsAll(threads);
        assertThat(Go.numGoroutine()).isGreaterThanOrEqualTo(n + 1);
        release.close();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(G.live()).extracting(G::thread).doesNotContainAnyElementsOf(threads);
    }
}
