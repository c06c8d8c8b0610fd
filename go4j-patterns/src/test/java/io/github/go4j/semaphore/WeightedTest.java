package io.github.go4j.semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.context.CancelContext;
import io.github.go4j.context.Context;
import io.github.go4j.context.ContextException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Contract tests for Weighted; fresh ports of x/sync/semaphore's tests (XS05-XS09). */
@Timeout(20)
class WeightedTest {

    static void awaitQueued(Weighted s, int n) {
        while (s.queued() != n) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Starts acquire(ctx, n) in a goroutine; the latch counts down when it returns, failure holds what it threw. */
    record Acq(Thread thread, CountDownLatch done, AtomicReference<Throwable> failure) {
        void join() throws InterruptedException {
            thread.join();
        }

        boolean finished() {
            return done.getCount() == 0;
        }
    }

    static Acq acquireAsync(Weighted s, Context ctx, long n) {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Go.go(() -> {
            try {
                s.acquire(ctx, n);
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        });
        return new Acq(t, done, failure);
    }

    @Test
    @DisplayName("XS05 TestWeightedAcquireCanceled: a done context fails even when tokens are free")
    void acquireCanceled() throws Exception {
        Weighted s = new Weighted(2);
        CancelContext ctx = Context.withCancel(Context.background());
        ctx.cancel();
        assertThatThrownBy(() -> s.acquire(ctx, 1)).isSameAs(Context.CANCELED);
        assertThat(s.held()).isZero();
        s.acquire(Context.background(), 2);
        assertThat(s.held()).isEqualTo(2);
    }

    @Test
    @DisplayName("XS05/XS06 TestLargeAcquireDoesntStarve: strict FIFO, no barging past a big waiter")
    void largeAcquireDoesntStarve() throws Exception {
        Weighted s = new Weighted(2);
        s.acquire(1);
        Acq big = acquireAsync(s, Context.background(), 2);
        awaitQueued(s, 1);
        assertThat(s.tryAcquire(1)).as("one token free, but someone waits").isFalse();
        Acq small = acquireAsync(s, Context.background(), 1);
        awaitQueued(s, 2);
        s.release(1);
        big.join();
        assertThat(big.failure().get()).isNull();
        assertThat(small.finished()).isFalse();
        assertThat(s.queued()).isEqualTo(1);
        s.release(2);
        small.join();
        assertThat(small.failure().get()).isNull();
        assertThat(s.held()).isEqualTo(1);
    }

    @Test
    @DisplayName("XS07 TestWeightedDoesntBlockIfTooBig: n > size never queues; it waits for ctx only")
    void doesntBlockIfTooBig() throws Exception {
        Weighted s = new Weighted(1);
        CancelContext ctx = Context.withCancel(Context.background());
        Acq tooBig = acquireAsync(s, ctx, 2);
        // It blocks nobody: others acquire and release freely while it waits.
        for (int i = 0; i < 10; i++) {
            s.acquire(1);
            assertThat(s.queued()).isZero();
            s.release(1);
        }
        assertThat(tooBig.finished()).isFalse();
        ctx.cancel();
        tooBig.join();
        assertThat(tooBig.failure().get()).isSameAs(Context.CANCELED);
    }

    @Test
    @DisplayName("XS08 TestAllocCancelDoesntStarve: a cancelled head wakes the waiters behind it")
    void allocCancelDoesntStarve() throws Exception {
        Weighted s = new Weighted(10);
        s.acquire(1);
        CancelContext ctx = Context.withCancel(Context.background());
        Acq big = acquireAsync(s, ctx, 10);
        awaitQueued(s, 1);
        Acq small = acquireAsync(s, Context.background(), 1);
        awaitQueued(s, 2);
        ctx.cancel();
        big.join();
        assertThat(big.failure().get()).isSameAs(Context.CANCELED);
        small.join();
        assertThat(small.failure().get()).isNull();
        assertThat(s.held()).isEqualTo(2);
    }

    @Test
    @DisplayName("XS08 a deadline while queued returns DeadlineExceeded and holds nothing")
    void deadline() throws Exception {
        Weighted s = new Weighted(1);
        s.acquire(1);
        try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(20))) {
            assertThatThrownBy(() -> s.acquire(ctx, 1)).isSameAs(Context.DEADLINE_EXCEEDED);
        }
        assertThat(s.queued()).isZero();
        assertThat(s.held()).isEqualTo(1);
    }

    @Test
    @DisplayName("XS09 TestWeightedTryAcquire")
    void tryAcquire() throws Exception {
        Weighted s = new Weighted(2);
        boolean[] want = {true, true, false, true, true, false, true};
        boolean[] got = new boolean[want.length];
        got[0] = s.tryAcquire(1);
        got[1] = s.tryAcquire(1);
        got[2] = s.tryAcquire(1);
        s.release(2);
        got[3] = s.tryAcquire(1);
        got[4] = s.tryAcquire(1);
        got[5] = s.tryAcquire(1);
        s.release(1);
        got[6] = s.tryAcquire(1);
        assertThat(got).isEqualTo(want);
    }

    @Test
    @DisplayName("XS09 TestWeightedPanic: releasing more than held fails loudly with Go's message")
    void overRelease() throws Exception {
        Weighted s = new Weighted(1);
        assertThatThrownBy(() -> s.release(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("semaphore: released more than held");
        s.acquire(1);
        assertThatThrownBy(() -> s.release(2)).hasMessage("semaphore: released more than held");
        assertThat(s.held()).isEqualTo(1);
        assertThatThrownBy(() -> s.acquire(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("an interrupted waiter leaves the queue and holds nothing")
    void interrupted() throws Exception {
        Weighted s = new Weighted(1);
        s.acquire(1);
        Acq a = acquireAsync(s, Context.background(), 1);
        awaitQueued(s, 1);
        a.thread().interrupt();
        a.join();
        assertThat(a.failure().get()).isInstanceOf(InterruptedException.class);
        assertThat(s.queued()).isZero();
        s.release(1);
        assertThat(s.held()).isZero();
    }

    @Test
    @DisplayName("XS05 TestWeighted: random weights never exceed the size; every acquirer finishes")
    void weightedStress() throws Exception {
        int n = 32;
        long size = 8;
        Weighted s = new Weighted(size);
        AtomicLong inUse = new AtomicLong();
        AtomicLong maxInUse = new AtomicLong();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            long seed = i;
            Go.go(() -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                try {
                    for (int k = 0; k < 200; k++) {
                        long w = 1 + rnd.nextInt((int) size);
                        s.acquire(Context.background(), w);
                        long now = inUse.addAndGet(w);
                        maxInUse.accumulateAndGet(now, Math::max);
                        if (now > size) {
                            errors.incrementAndGet();
                        }
                        inUse.addAndGet(-w);
                        s.release(w);
                    }
                } catch (InterruptedException | ContextException e) {
                    errors.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        assertThat(errors.get()).isZero();
        assertThat(maxInUse.get()).isLessThanOrEqualTo(size);
        assertThat(s.held()).isZero();
        assertThat(s.queued()).isZero();
    }
}
