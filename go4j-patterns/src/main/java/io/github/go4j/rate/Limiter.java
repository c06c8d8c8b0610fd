package io.github.go4j.rate;

import io.github.go4j.context.Context;
import io.github.go4j.context.ContextException;
import io.github.go4j.internal.Bubble;
import io.github.go4j.internal.Clock;
import io.github.go4j.internal.WaitReason;
import io.github.go4j.internal.Waiter;
import io.github.go4j.patterns.internal.Durability;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Limiter is a token bucket: Go's {@code golang.org/x/time/rate.Limiter}. It holds up to {@code burst}
 * tokens, refilled at {@link Limit} tokens per second; an event of size n takes n tokens.
 *
 * <p>Three ways to spend tokens, as in Go:
 * <ul>
 * <li>{@link #allow(int)} takes n tokens if they are there now and never blocks (RT04);</li>
 * <li>{@link #reserve(int)} takes them now, possibly going into debt, and says how long the caller
 *     must wait before acting ({@link Reservation#delay()}); the reservation can be cancelled (RT05, RT07);</li>
 * <li>{@link #await(Context, int)} reserves and then blocks until the tokens are the caller's, or the
 *     context is done (RT08).</li>
 * </ul>
 * A request can never "pay later" silently: a reservation the limiter cannot honour (n over the burst, or
 * a zero limit in debt) is returned as not {@linkplain Reservation#ok() ok} and changes nothing.
 *
 * <p><b>Time.</b> The limiter reads time from the go4j clock captured when it is made (a virtual clock
 * inside a test bubble), and computes with exact integers: tokens are kept scaled by the limit's period
 * in nanoseconds, so {@code Limit.of(10)} refills exactly one token per 100,000,000 ns (ADR 0035). The
 * {@code ...At(nanos, ...)} variants take an explicit time on that clock, like Go's {@code AllowN(t, n)};
 * a time earlier than the last one counts as no time passed (RT03).
 *
 * <p><b>Blocking and interrupts.</b> Only {@code await} blocks; a done context or an interrupt cancels
 * its reservation and throws the context's err or {@link InterruptedException}. The internal lock is never held while blocking.
 * A waiting goroutine shows wait reason {@code select}, as Go's {@code Wait} selects on a timer and
 * its context.
 *
 * <p><b>Test bubbles (TH07).</b> A limiter made inside a go4j-test synctest bubble runs on the bubble's
 * clock, and a goroutine of that bubble waiting in {@code await} is durably blocked
 * ({@code select (durable)}): the clock jumps to the moment its tokens are due. A limiter made outside
 * a bubble keeps the real clock, so a wait on it inside a bubble is not durable (time stands still
 * while it waits in real time). Make the limiter inside the bubble.
 *
 * <p><b>Memory consistency.</b> All methods are linearizable under one lock; a successful
 * {@code allow}/{@code reserve} happens-before any later one that observes the tokens it took.
 *
 * <p>Null arguments throw {@link NullPointerException}.
 *
 * {@snippet :
 * Limiter limiter = new Limiter(Limit.every(Duration.ofMillis(100)), 3); // 10 per second, bursts of 3
 * for (Request r : requests) {
 *     limiter.await(ctx, 1);         // blocks until a token is available or ctx is done
 *     handle(r);
 * }
 * if (!limiter.allow(1)) {
 *     rejectWith429();              // over the limit right now: shed, don't queue
 * }
 * }
 * <p>The seed's simpler limiter, a ticker that paces a loop, needs no class: receive from
 * {@code Time.tick(period)} before each request.
 */
public final class Limiter {

    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock;
    /** The synctest bubble it was made in, if it runs on that bubble's clock; else null. */
    private final Bubble bubble;

    // Guarded by lock.
    private Limit limit;
    private int burst;
    /** Tokens times limit.perNanos; negative while reservations are in debt. */
    private long units;
    /** The time the tokens were last computed. */
    private long last;
    /** The latest time an event acts (the last reservation's timeToAct). */
    private long lastEvent;

    /**
     * Returns a limiter of {@code limit} events per second and bursts of up to {@code burst}, starting
     * full (RT02). A burst of 0 allows nothing unless the limit is {@link Limit#INF}.
     *
     * @throws IllegalArgumentException if burst is negative
     */
    public Limiter(Limit limit, int burst) {
        this(limit, burst, Clock.current());
    }

    /** The same, on an explicit clock (tests). */
    Limiter(Limit limit, int burst, Clock clock) {
        if (burst < 0) {
            throw new IllegalArgumentException("rate: negative burst " + burst);
        }
        this.limit = java.util.Objects.requireNonNull(limit, "limit");
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        Bubble b = Durability.here();
        this.bubble = b != null && b.clock() == clock ? b : null;
        this.burst = burst;
        this.units = capacity(limit, burst);
        this.last = clock.nanoTime();
        this.lastEvent = last;
    }

    /** Returns the current time on the limiter's clock, the time base of the {@code ...At} methods. */
    public long nanoTime() {
        return clock.nanoTime();
    }

    /** Returns the limit. */
    public Limit limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    /** Returns the burst. */
    public int burst() {
        lock.lock();
        try {
            return burst;
        } finally {
            lock.unlock();
        }
    }

    /** Returns the tokens available now (negative while in debt), like Go's {@code Tokens()}. */
    public double tokens() {
        return tokensAt(clock.nanoTime());
    }

    /** Returns the tokens available at {@code nanos}, without changing anything (Go's {@code TokensAt}). */
    public double tokensAt(long nanos) {
        lock.lock();
        try {
            if (limit.isInf()) {
                return burst;
            }
            return (double) advance(nanos) / limit.perNanos;
        } finally {
            lock.unlock();
        }
    }

    /** {@code allowAt(now, 1)}. */
    public boolean allow() {
        return allowAt(clock.nanoTime(), 1);
    }

    /** {@code allowAt(now, n)}: Go's {@code AllowN(time.Now(), n)}. */
    public boolean allow(int n) {
        return allowAt(clock.nanoTime(), n);
    }

    /**
     * Takes {@code n} tokens if, at {@code nanos}, n is at most the burst and n tokens are there; returns
     * false and changes nothing otherwise (RT04). Never blocks.
     */
    public boolean allowAt(long nanos, int n) {
        return reserve(nanos, n, 0).ok();
    }

    /** {@code reserveAt(now, 1)}. */
    public Reservation reserve() {
        return reserveAt(clock.nanoTime(), 1);
    }

    /** {@code reserveAt(now, n)}. */
    public Reservation reserve(int n) {
        return reserveAt(clock.nanoTime(), n);
    }

    /**
     * Reserves {@code n} tokens at {@code nanos}, going into debt if needed (RT05). The reservation is
     * {@linkplain Reservation#ok() ok} if n is at most the burst (or the limit is infinite) and the
     * tokens will ever exist; then the caller must wait {@link Reservation#delay()} before acting, or
     * {@linkplain Reservation#cancel() cancel}. Otherwise nothing changes.
     */
    public Reservation reserveAt(long nanos, int n) {
        return reserve(nanos, n, Long.MAX_VALUE - 1);
    }

    /**
     * Blocks until {@code n} tokens are the caller's (Go's {@code WaitN} with a background context).
     *
     * @throws IllegalArgumentException {@code rate: Wait(n=%d) exceeds limiter's burst %d} if n is over
     *         the burst with a finite limit
     * @throws IllegalStateException if the tokens can never come (a zero limit in debt), where Go would
     *         block forever
     * @throws InterruptedException if interrupted while waiting; the reservation is then cancelled
     */
    public void await(int n) throws InterruptedException {
        try {
            awaitImpl(null, n);
        } catch (ContextException | TimeoutException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /**
     * Blocks until {@code n} tokens are the caller's or {@code ctx} is done (Go's {@code WaitN}, RT08).
     * If the wait would end after the context's deadline it fails at once and reserves nothing; if the
     * context is done during the wait, the reservation is cancelled (its tokens go back).
     *
     * @throws IllegalArgumentException {@code rate: Wait(n=%d) exceeds limiter's burst %d} if n is over
     *         the burst with a finite limit
     * @throws ContextException the context's err if it is done on entry or during the wait
     * @throws TimeoutException {@code rate: Wait(n=%d) would exceed context deadline}, or if the tokens
     *         can never come (a zero limit)
     * @throws InterruptedException if interrupted while waiting; the reservation is then cancelled
     */
    public void await(Context ctx, int n) throws ContextException, TimeoutException, InterruptedException {
        java.util.Objects.requireNonNull(ctx, "ctx");
        awaitImpl(ctx, n);
    }

    private void awaitImpl(Context ctx, int n) throws ContextException, TimeoutException, InterruptedException {
        int b;
        Limit l;
        lock.lock();
        try {
            b = burst;
            l = limit;
        } finally {
            lock.unlock();
        }
        if (n > b && !l.isInf()) {
            throw new IllegalArgumentException("rate: Wait(n=" + n + ") exceeds limiter's burst " + b);
        }
        if (ctx != null && ctx.err() != null) {
            throw ctx.err();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long now = clock.nanoTime();
        long maxWait = Long.MAX_VALUE - 1;
        if (ctx != null && ctx.deadline().isPresent()) {
            java.time.Instant d = ctx.deadline().get();
            long deadlineEpoch = mulSat(d.getEpochSecond(), 1_000_000_000L) + d.getNano();
            maxWait = Math.max(0, subSat(deadlineEpoch, clock.epochNanos()));
        }
        Reservation r = reserve(now, n, maxWait);
        if (!r.ok()) {
            if (ctx == null) {
                throw new IllegalStateException("rate: Wait(n=" + n + ") can never be satisfied: limit " + l);
            }
            throw new TimeoutException("rate: Wait(n=" + n + ") would exceed context deadline");
        }
        long delay = r.delayFrom(now);
        if (delay == 0) {
            return;
        }
        Waiter w = new Waiter();
        Context.Stop stop = ctx == null || ctx.done() == null ? null
                : Context.afterFunc(ctx, () -> w.complete(Waiter.CANCELLED));
        int outcome;
        try {
            outcome = w.awaitNanos(Durability.reason(WaitReason.SELECT, bubble, ctx), this, clock, delay);
        } catch (InterruptedException e) {
            r.cancel();
            throw e;
        } finally {
            if (stop != null) {
                stop.stop();
            }
        }
        if (outcome == Waiter.CANCELLED) {
            r.cancel();
            throw ctx.err();
        }
    }

    /** {@code setLimitAt(now, limit)}. */
    public void setLimit(Limit newLimit) {
        setLimitAt(clock.nanoTime(), newLimit);
    }

    /**
     * Changes the limit at {@code nanos}: the tokens are first brought up to date under the old limit,
     * then the new one applies (RT09). Existing reservations keep their times.
     */
    public void setLimitAt(long nanos, Limit newLimit) {
        java.util.Objects.requireNonNull(newLimit, "limit");
        lock.lock();
        try {
            long u = advanceTo(nanos);
            units = rescale(u, limit, newLimit);
            limit = newLimit;
        } finally {
            lock.unlock();
        }
    }

    /** {@code setBurstAt(now, burst)}. */
    public void setBurst(int newBurst) {
        setBurstAt(clock.nanoTime(), newBurst);
    }

    /** Changes the burst at {@code nanos}, after bringing the tokens up to date (RT09). */
    public void setBurstAt(long nanos, int newBurst) {
        if (newBurst < 0) {
            throw new IllegalArgumentException("rate: negative burst " + newBurst);
        }
        lock.lock();
        try {
            units = advanceTo(nanos);
            burst = newBurst;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "Limiter[limit=" + limit + ", burst=" + burst + "]";
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- internals (lock held unless noted)

    /** Go's reserveN: takes the lock itself. */
    private Reservation reserve(long now, int n, long maxFutureReserve) {
        lock.lock();
        try {
            Limit l = limit;
            if (l.isInf()) {
                return new Reservation(this, true, n, now, l); // RT06: no state change
            }
            long u = advance(now);
            long need = mulSat(n, l.perNanos);
            long after = subSat(u, need);
            long wait = after < 0 ? l.nanosForUnits(-after) : 0;
            boolean ok = n <= burst && wait <= maxFutureReserve && wait != Long.MAX_VALUE;
            if (!ok) {
                return new Reservation(this, false, 0, 0, l);
            }
            long timeToAct = addSat(now, wait);
            last = now; // an earlier time moves last back, as in Go (RT03: that counts as no time passed)
            units = after;
            lastEvent = timeToAct;
            return new Reservation(this, true, n, timeToAct, l);
        } finally {
            lock.unlock();
        }
    }

    /** Tokens (scaled) at {@code now}, without changing the state; a time before last counts as none passed. */
    private long advance(long now) {
        long elapsed = now - last;
        if (elapsed <= 0 || limit.events == 0) {
            return Math.min(units, capacity(limit, burst));
        }
        long cap = capacity(limit, burst);
        long added = mulSat(elapsed, limit.events);
        return Math.min(cap, addSat(units, added));
    }

    /** Brings the state up to {@code now} and returns the tokens. */
    private long advanceTo(long now) {
        long u = advance(now);
        last = now;
        return u;
    }

    /** Restores tokens for a cancelled reservation (Go's CancelAt). Takes the lock. */
    void cancel(Reservation r, long now) {
        lock.lock();
        try {
            Limit cur = limit;
            if (cur.isInf() || r.tokens == 0 || r.timeToAct < now) {
                return;
            }
            // Tokens reserved after r (between r's time and the last event) must not come back.
            Limit rl = r.limit;
            BigInteger restore = BigInteger.valueOf(r.tokens).multiply(BigInteger.valueOf(rl.perNanos))
                    .subtract(BigInteger.valueOf(lastEvent - r.timeToAct).multiply(BigInteger.valueOf(rl.events)));
            if (restore.signum() <= 0) {
                return;
            }
            long restoreUnits;
            if (rl.equals(cur)) {
                restoreUnits = clampLong(restore);
            } else {
                restoreUnits = clampLong(floorDiv(restore.multiply(BigInteger.valueOf(cur.perNanos)),
                        BigInteger.valueOf(rl.perNanos)));
            }
            long u = advance(now);
            units = Math.min(capacity(cur, burst), addSat(u, restoreUnits));
            last = now;
            if (r.timeToAct == lastEvent && rl.events != 0) {
                long back = clampLong(BigInteger.valueOf(r.tokens).multiply(BigInteger.valueOf(rl.perNanos))
                        .divide(BigInteger.valueOf(rl.events)));
                long prevEvent = r.timeToAct - back;
                if (prevEvent >= now) {
                    lastEvent = prevEvent;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private static long capacity(Limit l, int burst) {
        return mulSat(burst, l.perNanos);
    }

    /** Converts scaled tokens from one limit's period to another's, rounding down (never grants extra). */
    private static long rescale(long u, Limit from, Limit to) {
        if (from.perNanos == to.perNanos || u == 0) {
            return u;
        }
        if (to.isInf()) {
            return 0;
        }
        if (from.isInf()) {
            return 0; // an infinite limit keeps no tokens; the new limit starts empty
        }
        return clampLong(floorDiv(BigInteger.valueOf(u).multiply(BigInteger.valueOf(to.perNanos)),
                BigInteger.valueOf(from.perNanos)));
    }

    private static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    private static long clampLong(BigInteger v) {
        if (v.bitLength() < 64) {
            return v.longValue();
        }
        return v.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    static long mulSat(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo;
        }
        return (hi < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    static long addSat(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    static long subSat(long a, long b) {
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    /** Converts nanoseconds to a Duration, {@link Long#MAX_VALUE} meaning forever. */
    static Duration toDuration(long nanos) {
        return Duration.ofNanos(nanos);
    }
}
