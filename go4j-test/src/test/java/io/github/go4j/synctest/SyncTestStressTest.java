package io.github.go4j.synctest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.Go;
import io.github.go4j.sync.Cond;
import io.github.go4j.sync.Mutex;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bounded stress of the shape of {@code SyncTestTest.waitGroupAndCondAreDurable}, which once hung until
 * its 30 s timeout in about 70 suite runs: sleepers on a WaitGroup, Cond waiters under a Mutex, a
 * signaller that wakes them after virtual time has jumped. Repeated for a fixed wall-clock budget, in a
 * bubble and on real time; an iteration that does not finish within {@link #STUCK} fails with the state
 * that explains it (the bubble's description from SyncTest.run's interrupt, and every goroutine's dump),
 * so a rare lost wake-up or bubble-accounting race shows up as a readable failure instead of a timeout.
 */
@Tag("slow")
class SyncTestStressTest {

    private static final Instant Y2K = Instant.parse("2000-01-01T00:00:00Z");
    /**
     * Wall-clock budget of each test: a few seconds on the shared 2-core machine; a hunt for the rare
     * hang raises it with {@code -Dgo4j.syncTestStressMillis=600000}.
     */
    private static final long BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("go4j.syncTestStressMillis", 1500));
    /** A healthy iteration takes well under a millisecond; this one has hung. */
    private static final Duration STUCK = Duration.ofSeconds(10);

    /**
     * One round: {@code sleepers} goroutines sleep 1..n s, {@code condWaiters} wait on a Cond for a flag
     * that the caller sets after {@code signalAfter}, with signal (one per waiter) or broadcast.
     */
    private static Duration round(int sleepers, int condWaiters, boolean broadcast, Duration signalAfter)
            throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        for (int i = 1; i <= sleepers; i++) {
            int s = i;
            wg.go(() -> Time.sleep(Duration.ofSeconds(s)));
        }
        Mutex mu = new Mutex();
        Cond cond = new Cond(mu);
        boolean[] ready = {false};
        AtomicInteger woke = new AtomicInteger();
        for (int i = 0; i < condWaiters; i++) {
            wg.go(() -> {
                mu.lock();
                try {
                    while (!ready[0]) {
                        cond.await();
                    }
                    woke.incrementAndGet();
                } finally {
                    mu.unlock();
                }
            });
        }
        Time.sleep(signalAfter);
        mu.lock();
        ready[0] = true;
        if (broadcast) {
            cond.broadcast();
        } else {
            for (int i = 0; i < condWaiters; i++) {
                cond.signal();
            }
        }
        mu.unlock();
        wg.await();
        assertThat(woke.get()).isEqualTo(condWaiters);
        return Time.since(Y2K);
    }

    /** Runs {@code body} on a platform thread; fails with {@code onStuck}'s text if it takes over {@link #STUCK}. */
    private static void bounded(int iteration, Runnable body, CompletableFuture<Void> finished) throws Exception {
        Thread t = Thread.ofPlatform().daemon().start(body);
        try {
            finished.get(STUCK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException te) {
            String dump = schedulerProbe() + Go.dump();
            t.interrupt(); // SyncTest.run then throws an InterruptedException that describes the bubble
            Throwable why;
            try {
                finished.get(STUCK.toMillis(), TimeUnit.MILLISECONDS);
                why = null;
            } catch (ExecutionException e) {
                why = e.getCause();
            } catch (TimeoutException e2) {
                why = null;
            }
            throw new AssertionError("iteration " + iteration + " hung for " + STUCK + "\n" + dump, why);
        } catch (ExecutionException e) {
            throw new AssertionError("iteration " + iteration + " failed", e.getCause());
        }
    }

    /**
     * Tells a lost wake-up from a starved scheduler: virtual threads that loop on {@code Thread.yield()}
     * as many as there are carriers keep every other virtual thread from running on this JDK (a goroutine
     * then shows as running, and a bubble's clock stands still at its start).
     */
    private static String schedulerProbe() throws InterruptedException {
        CompletableFuture<Void> ran = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> ran.complete(null));
        try {
            ran.get(1, TimeUnit.SECONDS);
            return "a fresh virtual thread ran within 1 s: the scheduler is not starved\n";
        } catch (TimeoutException | ExecutionException e) {
            return "a fresh virtual thread did not run within 1 s: the carriers are starved (virtual threads spinning?)\n";
        }
    }

    @Test
    @DisplayName("TH06, TH07: Cond and WaitGroup waits in a bubble, repeated: time jumps to the signal, never hangs")
    void condAndWaitGroupInBubbleRepeated() throws Exception {
        long end = System.nanoTime() + BUDGET_NANOS;
        int n = 0;
        while (n < 200 || System.nanoTime() - end < 0) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            int sleepers = r.nextInt(11);
            int waiters = 1 + r.nextInt(3);
            boolean broadcast = r.nextBoolean();
            AtomicReference<Duration> waited = new AtomicReference<>();
            CompletableFuture<Void> finished = new CompletableFuture<>();
            bounded(n, () -> {
                try {
                    SyncTest.run(() -> waited.set(round(sleepers, waiters, broadcast, Duration.ofHours(1))));
                    finished.complete(null);
                } catch (Throwable e) {
                    finished.completeExceptionally(e);
                }
            }, finished);
            assertThat(waited.get()).as("iteration %d", n).isEqualTo(Duration.ofHours(1));
            n++;
        }
        System.out.println("SyncTestStressTest: " + n + " iterations");
    }

    @Test
    @DisplayName("SY02, SY09: the same Cond/Mutex/WaitGroup shape on real time, repeated, never hangs")
    void condAndWaitGroupRealTimeRepeated() throws Exception {
        long end = System.nanoTime() + BUDGET_NANOS;
        int n = 0;
        while (n < 200 || System.nanoTime() - end < 0) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            int waiters = 1 + r.nextInt(3);
            boolean broadcast = r.nextBoolean();
            CompletableFuture<Void> finished = new CompletableFuture<>();
            bounded(n, () -> {
                Go.go(() -> {
                    try {
                        round(0, waiters, broadcast, Duration.ZERO); // no sleepers: real seconds
                        finished.complete(null);
                    } catch (Throwable e) {
                        finished.completeExceptionally(e);
                    }
                });
            }, finished);
            n++;
        }
        System.out.println("SyncTestStressTest: " + n + " iterations");
    }
}
