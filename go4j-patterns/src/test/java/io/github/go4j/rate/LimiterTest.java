package io.github.go4j.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.context.CancelContext;
import io.github.go4j.context.Context;
import io.github.go4j.testing.ManualClock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(20)
/** Contract tests for Limiter, Limit and Reservation; fresh ports of x/time/rate's tests (RT01-RT10). */
class LimiterTest {

    static final long D = 100_000_000L; // 100ms, the step of Go's tests
    static final long T0 = 1_000_000_000_000L;

    static long t(int k) {
        return T0 + k * D;
    }

    final ManualClock clock = ManualClock.startingAt(T0);

    Limiter limiter(Limit l, int burst) {
        return new Limiter(l, burst, clock);
    }

    record Allow(long t, double tokens, int n, boolean ok) {}

    static Allow a(int k, double tokens, int n, boolean ok) {
        return new Allow(t(k), tokens, n, ok);
    }

    static void run(Limiter lim, Allow... rows) {
        for (int i = 0; i < rows.length; i++) {
            Allow r = rows[i];
            assertThat(lim.tokensAt(r.t)).as("row %d tokens", i).isEqualTo(r.tokens);
            assertThat(lim.allowAt(r.t, r.n)).as("row %d allow", i).isEqualTo(r.ok);
        }
    }

    static Reservation reserve(Limiter lim, int k, int n, int actK, boolean ok) {
        Reservation r = lim.reserveAt(t(k), n);
        assertThat(r.ok()).as("ok").isEqualTo(ok);
        if (ok) {
            assertThat(r.timeToAct()).as("timeToAct (in steps: %s)", (r.timeToAct() - T0) / (double) D).isEqualTo(t(actK));
        } else {
            assertThat(r.delayFrom(t(k))).isEqualTo(Long.MAX_VALUE);
        }
        return r;
    }

    @Test
    @DisplayName("RT01 TestEvery: Every(i) is Inf for i<=0, 1/i otherwise")
    void every() {
        assertThat(Limit.every(Duration.ZERO)).isEqualTo(Limit.INF);
        assertThat(Limit.every(Duration.ofNanos(-1))).isEqualTo(Limit.INF);
        assertThat(Limit.every(Duration.ofSeconds(1)).perSecond()).isEqualTo(1.0);
        assertThat(Limit.every(Duration.ofSeconds(2)).perSecond()).isEqualTo(0.5);
        assertThat(Limit.every(Duration.ofMillis(1)).perSecond()).isEqualTo(1000.0);
        assertThat(Limit.every(Duration.ofNanos(1)).perSecond()).isEqualTo(1e9);
        assertThat(Limit.every(Duration.ofMillis(100))).isEqualTo(Limit.of(10));
        assertThat(Limit.of(2.5)).isEqualTo(Limit.every(Duration.ofMillis(400)));
        assertThat(Limit.INF.perSecond()).isInfinite();
        assertThat(Limit.of(Double.POSITIVE_INFINITY)).isEqualTo(Limit.INF);
        assertThat(Limit.of(0)).isEqualTo(Limit.ZERO);
        assertThat(Limit.of(10).toString()).isEqualTo("10");
        assertThatThrownBy(() -> Limit.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("RT02/RT04 TestLimiterBurst1")
    void burst1() {
        run(limiter(Limit.of(10), 1),
                a(0, 1, 1, true), a(0, 0, 1, false), a(0, 0, 1, false),
                a(1, 1, 1, true), a(1, 0, 1, false), a(1, 0, 1, false),
                a(2, 1, 2, false), a(2, 1, 1, true), a(2, 0, 1, false));
    }

    @Test
    @DisplayName("item 24: rate TestLimiterBurst3 (RT04)")
    void burst3() {
        run(limiter(Limit.of(10), 3),
                a(0, 3, 2, true), a(0, 1, 2, false), a(0, 1, 1, true), a(0, 0, 1, false),
                a(1, 1, 4, false),
                a(2, 2, 1, true), a(3, 2, 1, true), a(4, 2, 1, true), a(4, 1, 1, true), a(4, 0, 1, false),
                a(4, 0, 1, false),
                a(9, 3, 3, true), a(9, 0, 0, true));
    }

    @Test
    @DisplayName("RT03 TestLimiterJumpBackwards: an earlier time counts as no time passed")
    void jumpBackwards() {
        run(limiter(Limit.of(10), 3),
                a(1, 3, 1, true), a(0, 2, 1, true), a(0, 1, 1, true), a(0, 0, 1, false), a(0, 0, 1, false),
                a(1, 1, 1, true), a(1, 0, 1, false), a(1, 0, 1, false),
                a(2, 1, 1, true), a(2, 0, 1, false), a(2, 0, 1, false));
    }

    @Test
    @DisplayName("RT04 a failed allow leaves the state unchanged")
    void failedAllowChangesNothing() {
        Limiter lim = limiter(Limit.of(10), 2);
        assertThat(lim.allowAt(t(0), 2)).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(lim.allowAt(t(0), 1)).isFalse();
        }
        assertThat(lim.tokensAt(t(1))).isEqualTo(1.0);
    }

    @Test
    @DisplayName("RT05 TestSimpleReserve")
    void simpleReserve() {
        Limiter lim = limiter(Limit.of(10), 2);
        reserve(lim, 0, 2, 0, true);
        reserve(lim, 0, 2, 2, true);
        reserve(lim, 3, 2, 4, true);
    }

    @Test
    @DisplayName("RT05 TestMix: n over the burst is not ok; debt blocks allow")
    void mix() {
        Limiter lim = limiter(Limit.of(10), 2);
        reserve(lim, 0, 3, 1, false);
        reserve(lim, 0, 2, 0, true);
        run(lim, a(1, 1, 2, false));
        reserve(lim, 1, 2, 2, true);
        run(lim, a(1, -1, 1, false));
        run(lim, a(3, 1, 1, true));
    }

    @Test
    @DisplayName("RT05 Delay = max(0, timeToAct - now); not ok gives InfDuration")
    void delay() {
        Limiter lim = limiter(Limit.of(10), 1);
        Reservation r0 = lim.reserve(1);
        assertThat(r0.delay()).isEqualTo(Duration.ZERO);
        Reservation r1 = lim.reserve(1);
        assertThat(r1.delay()).isEqualTo(Duration.ofMillis(100));
        clock.advance(Duration.ofMillis(30));
        assertThat(r1.delay()).isEqualTo(Duration.ofMillis(70));
        clock.advance(Duration.ofMillis(100));
        assertThat(r1.delay()).isEqualTo(Duration.ZERO);
        Reservation bad = lim.reserve(2);
        assertThat(bad.ok()).isFalse();
        assertThat(bad.delay()).isEqualTo(Reservation.INF_DURATION);
    }

    @Test
    @DisplayName("RT06 TestWaitInf / Inf limit: every reservation ok at t, burst ignored, state unchanged")
    void inf() throws InterruptedException {
        Limiter lim = limiter(Limit.INF, 0);
        for (int i = 0; i < 5; i++) {
            Reservation r = lim.reserveAt(t(0), 1000);
            assertThat(r.ok()).isTrue();
            assertThat(r.timeToAct()).isEqualTo(t(0));
        }
        assertThat(lim.allow(3)).isTrue();
        lim.await(3); // exceeds the burst, but no error with Inf
        assertThat(clock.pending()).isZero();
    }

    @Test
    @DisplayName("RT07 TestCancelLast: the last reservation gives all its tokens back")
    void cancelLast() {
        Limiter lim = limiter(Limit.of(10), 2);
        reserve(lim, 0, 2, 0, true);
        Reservation r = reserve(lim, 0, 2, 2, true);
        r.cancelAt(t(1));
        reserve(lim, 1, 2, 2, true);
    }

    @Test
    @DisplayName("RT07 TestCancelTooLate: no effect once timeToAct has passed")
    void cancelTooLate() {
        Limiter lim = limiter(Limit.of(10), 2);
        reserve(lim, 0, 2, 0, true);
        Reservation r = reserve(lim, 0, 2, 2, true);
        r.cancelAt(t(3));
        reserve(lim, 3, 2, 4, true);
    }

    @Test
    @DisplayName("RT07 TestCancel0Tokens: tokens that later reservations rely on stay taken")
    void cancel0Tokens() {
        Limiter lim = limiter(Limit.of(10), 2);
        reserve(lim, 0, 2, 0, true);
        Reservation r = reserve(lim, 0, 1, 1, true);
        reserve(lim, 0, 1, 2, true);
        r.cancelAt(t(0));
        reserve(lim, 0, 1, 3, true);
    }

    @Test
    @DisplayName("item 25: rate TestCancelMulti (RT07)")
    void cancelMulti() {
        Limiter lim = limiter(Limit.of(10), 4);
        reserve(lim, 0, 4, 0, true);
        Reservation rA = reserve(lim, 0, 3, 3, true);
        reserve(lim, 0, 1, 4, true);
        Reservation rC = reserve(lim, 0, 1, 5, true);
        rC.cancelAt(t(1)); // gives back 1
        rA.cancelAt(t(1)); // gives back 2: 1 token was reserved after it
        reserve(lim, 1, 3, 5, true);
    }

    @Test
    @DisplayName("RT07 cancelling a not-ok reservation, or with an Inf limit, is a no-op")
    void cancelNoOps() {
        Limiter lim = limiter(Limit.of(10), 2);
        Reservation bad = lim.reserveAt(t(0), 3);
        bad.cancelAt(t(0));
        assertThat(lim.tokensAt(t(0))).isEqualTo(2.0);
        Limiter inf = limiter(Limit.INF, 2);
        inf.reserveAt(t(0), 1).cancelAt(t(0));
        assertThat(inf.tokensAt(t(0))).isEqualTo(2.0);
    }

    @Test
    @DisplayName("RT09 TestReserveSetLimit: tokens are brought up to date under the old limit first")
    void reserveSetLimit() {
        Limiter lim = limiter(Limit.of(5), 2);
        reserve(lim, 0, 2, 0, true);
        reserve(lim, 0, 2, 4, true);
        lim.setLimitAt(t(2), Limit.of(10));
        reserve(lim, 2, 1, 4, true); // violates the limit and burst of the earlier reservations
    }

    @Test
    @DisplayName("RT09 setBurst accrues under the old burst, then caps at the new one")
    void setBurst() {
        Limiter lim = limiter(Limit.of(10), 2);
        reserve(lim, 0, 2, 0, true);
        lim.setBurstAt(t(1), 4); // 1 token accrued by t1 under burst 2
        assertThat(lim.tokensAt(t(1))).isEqualTo(1.0);
        assertThat(lim.tokensAt(t(9))).isEqualTo(4.0);
        reserve(lim, 9, 4, 9, true);
        lim.setBurstAt(t(9), 1);
        assertThat(lim.allowAt(t(20), 2)).isFalse();
        assertThat(lim.tokensAt(t(20))).isEqualTo(1.0);
    }

    @Test
    @DisplayName("RT10 TestZeroLimit: limit 0 burst 1 allows once, then never")
    void zeroLimit() {
        Limiter lim = new Limiter(Limit.ZERO, 1);
        assertThat(lim.allow()).isTrue();
        assertThat(lim.allow()).isFalse();
        assertThat(lim.reserve().ok()).as("a reservation that can never act is not ok").isFalse();
        assertThatThrownBy(() -> lim.await(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("rate: Wait(n=1) can never be satisfied");
        assertThatThrownBy(() -> lim.await(Context.background(), 1)).isInstanceOf(TimeoutException.class)
                .hasMessage("rate: Wait(n=1) would exceed context deadline");
    }

    @Test
    @DisplayName("RT02 the zero-value limiter (Limit.ZERO, burst 0) rejects everything")
    void zeroValue() {
        Limiter lim = limiter(Limit.ZERO, 0);
        assertThat(lim.allowAt(t(0), 1)).isFalse();
        assertThat(lim.allowAt(t(100), 1)).isFalse();
        assertThat(lim.reserveAt(t(0), 1).ok()).isFalse();
    }

    @Test
    @DisplayName("RT10 TestSetAfterZeroLimit: after SetLimit(10) the next token comes in 100ms")
    void setAfterZeroLimit() throws Exception {
        Limiter lim = limiter(Limit.ZERO, 1);
        assertThat(lim.allow()).isTrue();
        assertThat(lim.allow()).isFalse();
        lim.setLimit(Limit.of(10));
        assertAwaitTakes(lim, 1, D);
    }

    @Test
    @DisplayName("RT10 TestTinyLimit: 1e-10 per second does not overflow")
    void tinyLimit() {
        Limiter lim = limiter(Limit.of(1e-10), 1);
        assertThat(lim.allowAt(t(0), 1)).isTrue();
        assertThat(lim.allowAt(t(0), 1)).isFalse();
        assertThat(lim.allowAt(t(1_000_000), 1)).isFalse();
        assertThat(lim.reserveAt(t(0), 2).ok()).isFalse();
    }

    @Test
    @DisplayName("RT08 await(n) over the burst fails with Go's message")
    void awaitOverBurst() {
        Limiter lim = limiter(Limit.of(10), 3);
        assertThatThrownBy(() -> lim.await(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate: Wait(n=4) exceeds limiter's burst 3");
    }

    @Test
    @DisplayName("RT08 TestWaitSimple: await blocks exactly until timeToAct on the limiter's clock")
    void awaitSimple() throws Exception {
        Limiter lim = limiter(Limit.of(10), 3);
        lim.await(2); // acts now
        assertThat(clock.pending()).isZero();
        assertAwaitTakes(lim, 2, D); // one token left, the second comes in 100ms
    }

    @Test
    @DisplayName("RT08 an interrupted await cancels its reservation")
    void awaitInterrupted() throws Exception {
        Limiter lim = limiter(Limit.of(10), 1);
        assertThat(lim.allowAt(clock.nanoTime(), 1)).isTrue();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread g = Go.go(() -> {
            try {
                lim.await(1);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        clock.awaitScheduled(1);
        g.interrupt();
        g.join();
        assertThat(failure.get()).isInstanceOf(InterruptedException.class);
        // The token came back: in 100ms exactly one is there (not minus one).
        assertThat(lim.tokensAt(clock.nanoTime() + D)).isEqualTo(1.0);
    }

    @Test
    @DisplayName("RT08 TestWaitCancel: a context done during the wait cancels the reservation")
    void awaitCancel() throws Exception {
        Limiter lim = limiter(Limit.of(10), 3);
        lim.await(Context.background(), 3);
        CancelContext ctx = Context.withCancel(Context.background());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread g = Go.go(() -> {
            try {
                lim.await(ctx, 2);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        clock.awaitScheduled(1);
        assertThat(lim.tokensAt(clock.nanoTime())).isEqualTo(-2.0);
        ctx.cancel();
        g.join();
        assertThat(failure.get()).isSameAs(Context.CANCELED);
        assertThat(lim.tokensAt(clock.nanoTime())).as("tokens given back").isEqualTo(0.0);
        assertThatThrownBy(() -> lim.await(ctx, 1)).as("done on entry").isSameAs(Context.CANCELED);
    }

    @Test
    @DisplayName("RT08 TestWaitTimeout: a wait past the deadline fails at once and reserves nothing")
    void awaitTimeout() throws Exception {
        Limiter lim = new Limiter(Limit.every(Duration.ofHours(1)), 1); // the system clock, like the context
        assertThat(lim.allow()).isTrue();
        try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> lim.await(ctx, 1)).isInstanceOf(TimeoutException.class)
                    .hasMessage("rate: Wait(n=1) would exceed context deadline");
            assertThatThrownBy(() -> lim.await(ctx, 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("rate: Wait(n=2) exceeds limiter's burst 1");
        }
        assertThat(lim.tokens()).isBetween(0.0, 0.01);
    }

    /** Starts await(n) in a goroutine; asserts it does not finish before {@code nanos}, and finishes at. */
    void assertAwaitTakes(Limiter lim, int n, long nanos) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread g = Go.go(() -> {
            try {
                lim.await(n);
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        });
        clock.awaitScheduled(1);
        clock.advance(Duration.ofNanos(nanos - 1));
        assertThat(done.getCount()).as("still waiting 1ns early").isEqualTo(1);
        clock.advance(Duration.ofNanos(1));
        g.join();
        assertThat(failure.get()).isNull();
    }
}
