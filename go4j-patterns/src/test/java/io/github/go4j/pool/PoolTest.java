package io.github.go4j.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.context.CancelContext;
import io.github.go4j.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Contract tests for Pool: backpressure, outcomes, shutdown, statistics, conservation. */
@Timeout(30)
class PoolTest {

    /** Receives every outcome until the results channel closes, in a goroutine. */
    static <J, R> Collector<J, R> collect(Pool<J, R> pool) {
        Collector<J, R> c = new Collector<>();
        Go.go(() -> {
            for (Outcome<J, R> o : pool.results()) {
                c.outcomes.add(o);
            }
            c.closed.countDown();
        });
        return c;
    }

    static final class Collector<J, R> {
        final ConcurrentLinkedQueue<Outcome<J, R>> outcomes = new ConcurrentLinkedQueue<>();
        final CountDownLatch closed = new CountDownLatch(1);

        List<Outcome<J, R>> await() throws InterruptedException {
            closed.await();
            return new ArrayList<>(outcomes);
        }
    }

    @Test
    @DisplayName("every submitted job yields one DONE outcome; per-job errors are FAILED outcomes")
    void outcomes() throws Exception {
        Pool<Integer, Integer> pool = Pool.start(3, 5, (ctx, n) -> {
            if (n % 7 == 0) {
                throw new IllegalArgumentException("bad " + n);
            }
            return n * n;
        });
        var c = collect(pool);
        for (int i = 1; i <= 50; i++) {
            pool.submit(i);
        }
        ShutdownReport<Integer> report = pool.shutdown(Duration.ofSeconds(20));
        assertThat(report.graceful()).isTrue();
        assertThat(report.notRun()).isEmpty();
        List<Outcome<Integer, Integer>> all = c.await();
        assertThat(all).hasSize(50);
        for (Outcome<Integer, Integer> o : all) {
            if (o.job() % 7 == 0) {
                assertThat(o.status()).isEqualTo(Outcome.Status.FAILED);
                assertThat(o.error()).hasMessage("bad " + o.job());
            } else {
                assertThat(o.status()).isEqualTo(Outcome.Status.DONE);
                assertThat(o.value()).isEqualTo(o.job() * o.job());
            }
            assertThat(o.worker()).isBetween(0, 2);
        }
        Stats s = pool.stats();
        assertThat(s.submitted()).isEqualTo(50);
        assertThat(s.done()).isEqualTo(43);
        assertThat(s.failed()).isEqualTo(7);
        assertThat(s.perWorker()).hasSize(3);
        assertThat(java.util.Arrays.stream(s.perWorker()).sum()).isEqualTo(50);
        assertThat(s.queued()).isZero();
        assertThat(s.running()).isZero();
        assertThat(s.throughput()).isPositive();
    }

    @Test
    @DisplayName("backpressure: a full queue makes trySubmit false and submit block until room")
    void backpressure() throws Exception {
        Channel<Boolean> release = Channel.make();
        Channel<Integer> started = Channel.make(10);
        Pool<Integer, Integer> pool = Pool.start(Context.background(), 1, 2, 10, (ctx, n) -> {
            started.send(n);
            release.receive();
            return n;
        });
        pool.submit(1);
        assertThat(started.receive()).isEqualTo(1); // the worker holds job 1
        assertThat(pool.trySubmit(2)).isTrue();
        assertThat(pool.trySubmit(3)).isTrue();
        assertThat(pool.trySubmit(4)).as("queue full").isFalse();
        assertThat(pool.stats().queued()).isEqualTo(2);
        assertThat(pool.stats().running()).isEqualTo(1);
        CountDownLatch accepted = new CountDownLatch(1);
        Go.go(() -> {
            pool.submit(4);
            accepted.countDown();
        });
        assertThat(accepted.getCount()).isEqualTo(1);
        release.send(true); // job 1 ends, job 2 starts, a slot frees
        accepted.await();
        try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(20))) {
            assertThatThrownBy(() -> pool.submit(ctx, 5)).isSameAs(Context.DEADLINE_EXCEEDED);
        }
        CancelContext done = Context.withCancel(Context.background());
        done.cancel();
        assertThatThrownBy(() -> pool.submit(done, 6)).isSameAs(Context.CANCELED);
        for (int i = 0; i < 3; i++) {
            release.send(true);
        }
        assertThat(pool.shutdown(Duration.ofSeconds(20)).graceful()).isTrue();
        List<Integer> jobs = new ArrayList<>();
        for (Outcome<Integer, Integer> o : pool.results()) {
            jobs.add(o.job());
        }
        assertThat(jobs).containsExactly(1, 2, 3, 4);
    }

    @Test
    @DisplayName("shutdown past its timeout cancels: running jobs see ctx, queued jobs come back as not run")
    void shutdownTimeout() throws Exception {
        Channel<Integer> started = Channel.make(10);
        Pool<Integer, String> pool = Pool.start(Context.background(), 2, 10, 10, (ctx, n) -> {
            started.send(n);
            ctx.done().receive(); // runs until cancelled
            throw ctx.err();
        });
        var c = collect(pool);
        for (int i = 0; i < 6; i++) {
            pool.submit(i);
        }
        started.receive();
        started.receive();
        ShutdownReport<Integer> report = pool.shutdown(Duration.ofMillis(30));
        assertThat(report.graceful()).isFalse();
        List<Outcome<Integer, String>> outs = c.await();
        assertThat(outs).hasSize(2).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(Outcome.Status.FAILED);
            assertThat(o.error()).isSameAs(Context.CANCELED);
        });
        List<Integer> all = new ArrayList<>(report.notRun());
        outs.forEach(o -> all.add(o.job()));
        assertThat(all).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        assertThat(pool.stats().notRun()).isEqualTo(4);
        assertThatThrownBy(() -> pool.submit(9)).isInstanceOf(IllegalStateException.class)
                .hasMessage("pool: submit after shutdown");
        assertThatThrownBy(() -> pool.trySubmit(9)).hasMessage("pool: submit after shutdown");
        assertThat(pool.shutdown(Duration.ZERO).notRun()).as("second shutdown").isEmpty();
    }

    @Test
    @DisplayName("a submitter blocked on a full queue when shutdown starts is told its job was not accepted")
    void blockedSubmitterAtShutdown() throws Exception {
        Channel<Boolean> release = Channel.make();
        Pool<Integer, Integer> pool = Pool.start(Context.background(), 1, 0, 10, (ctx, n) -> {
            if (n == 1) {
                release.receive();
            }
            return n;
        });
        pool.submit(1); // unbuffered queue: accepted when the worker took it
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Go.go(() -> {
            try {
                pool.submit(2);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        while (t.getState() != Thread.State.WAITING) {
            Thread.yield();
        }
        Go.go(() -> release.send(true));
        pool.shutdown(Duration.ofSeconds(20));
        t.join();
        // Either job 2 was handed over before the close (then it has an outcome), or submit failed.
        List<Integer> jobs = new ArrayList<>();
        for (Outcome<Integer, Integer> o : pool.results()) {
            jobs.add(o.job());
        }
        if (failure.get() == null) {
            assertThat(jobs).containsExactlyInAnyOrder(1, 2);
        } else {
            assertThat(failure.get()).isInstanceOf(IllegalStateException.class);
            assertThat(jobs).containsExactly(1);
        }
    }

    @Test
    @DisplayName("cancelling the parent context makes queued jobs CANCELLED outcomes")
    void parentCancel() throws Exception {
        CancelContext parent = Context.withCancel(Context.background());
        Channel<Boolean> gate = Channel.make();
        Channel<Boolean> started = Channel.make(1);
        Pool<Integer, Integer> pool = Pool.start(parent, 1, 10, 10, (ctx, n) -> {
            if (n == 0) {
                started.send(true);
                gate.receive();
            }
            return n;
        });
        var c = collect(pool);
        for (int i = 0; i < 4; i++) {
            pool.submit(i);
        }
        started.receive();
        parent.cancel();
        gate.send(true);
        pool.shutdown(Duration.ofSeconds(20));
        Map<Outcome.Status, Integer> counts = new HashMap<>();
        c.await().forEach(o -> counts.merge(o.status(), 1, Integer::sum));
        assertThat(counts).containsEntry(Outcome.Status.DONE, 1).containsEntry(Outcome.Status.CANCELLED, 3);
    }

    @Test
    @Tag("slow")
    @DisplayName("conservation: every accepted job is done, failed, cancelled or returned, exactly once")
    void conservationStress() throws Exception {
        for (int round = 0; round < 6; round++) {
            Pool<Long, Long> pool = Pool.start(Context.background(), 4, 8, 4, (ctx, n) -> {
                if (n % 13 == 0) {
                    throw new Exception("fail " + n);
                }
                if (n % 5 == 0) {
                    Thread.yield();
                }
                return n;
            });
            var c = collect(pool);
            int producers = 4;
            ConcurrentLinkedQueue<Long> accepted = new ConcurrentLinkedQueue<>();
            CountDownLatch producersDone = new CountDownLatch(producers);
            for (int p = 0; p < producers; p++) {
                long base = p * 1_000_000L;
                Go.go(() -> {
                    try {
                        for (long i = 0; i < 2_000; i++) {
                            pool.submit(base + i);
                            accepted.add(base + i);
                        }
                    } catch (IllegalStateException shutDown) {
                        // not accepted: fine
                    } finally {
                        producersDone.countDown();
                    }
                });
            }
            // Shut down mid-stream, half the rounds with a timeout that cancels.
            while (pool.stats().submitted() < 1_000) {
                Thread.yield();
            }
            ShutdownReport<Long> report = pool.shutdown(round % 2 == 0 ? Duration.ofSeconds(20) : Duration.ZERO);
            producersDone.await();
            List<Long> seen = new ArrayList<>(report.notRun());
            for (Outcome<Long, Long> o : c.await()) {
                seen.add(o.job());
                if (o.status() == Outcome.Status.DONE) {
                    assertThat(o.value()).isEqualTo(o.job());
                }
            }
            assertThat(seen).as("round %d", round).containsExactlyInAnyOrderElementsOf(accepted);
            Stats s = pool.stats();
            assertThat(s.done() + s.failed() + s.cancelled() + s.notRun()).isEqualTo(accepted.size());
        }
    }
}
