package io.github.go4j.rate;

import java.time.Duration;

/**
 * Reservation is tokens taken from a {@link Limiter} for an event that may act only later: Go's
 * {@code rate.Reservation}. Either act after {@link #delay()}, or {@link #cancel()} so that the tokens go
 * back to the limiter for others (RT07).
 *
 * <p>A reservation that is not {@link #ok()} took nothing; its delay is {@link #INF_DURATION}.
 * Reservations are immutable apart from cancellation, which is idempotent in effect and thread-safe.
 *
 * {@snippet :
 * Reservation r = limiter.reserve(1);
 * if (!r.ok()) {
 *     throw new IllegalStateException("request larger than the burst");
 * }
 * Duration d = r.delay();
 * if (d.compareTo(maxWait) > 0) {
 *     r.cancel();                  // give the token back, shed the request
 * } else {
 *     Time.sleep(d);
 *     act();
 * }
 * }
 */
public final class Reservation {

    /** The delay of a reservation that is not ok: Go's {@code rate.InfDuration}, Long.MAX_VALUE ns. */
    public static final Duration INF_DURATION = Duration.ofNanos(Long.MAX_VALUE);

    private final Limiter limiter;
    private final boolean ok;
    final int tokens;
    final long timeToAct;
    final Limit limit;

    Reservation(Limiter limiter, boolean ok, int tokens, long timeToAct, Limit limit) {
        this.limiter = limiter;
        this.ok = ok;
        this.tokens = tokens;
        this.timeToAct = timeToAct;
        this.limit = limit;
    }

    /** Whether the limiter can provide the tokens in time; false means nothing was taken. */
    public boolean ok() {
        return ok;
    }

    /** The number of tokens reserved (0 if not ok). */
    public int tokens() {
        return tokens;
    }

    /** When the event may act, in nanoseconds on the limiter's clock (meaningful only if ok). */
    public long timeToAct() {
        return timeToAct;
    }

    /** {@code delayFrom(now)} as a Duration; {@link #INF_DURATION} if not ok. */
    public Duration delay() {
        return Duration.ofNanos(delayFrom(limiter.nanoTime()));
    }

    /**
     * Nanoseconds to wait from {@code nanos} before acting: 0 if the time has come, Long.MAX_VALUE if the
     * reservation is not ok (RT05).
     */
    public long delayFrom(long nanos) {
        if (!ok) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, timeToAct - nanos);
    }

    /** {@code cancelAt(now)}. */
    public void cancel() {
        cancelAt(limiter.nanoTime());
    }

    /**
     * Gives back the tokens that no later reservation has come to rely on (RT07): nothing if the
     * reservation is not ok, the limit is infinite, it reserved 0 tokens, or its time to act is before
     * {@code nanos}. Cancelling twice may give tokens back twice, as in Go; cancel once.
     */
    public void cancelAt(long nanos) {
        if (!ok) {
            return;
        }
        limiter.cancel(this, nanos);
    }

    @Override
    public String toString() {
        return ok ? "Reservation[ok, tokens=" + tokens + ", timeToAct=" + timeToAct + "]" : "Reservation[not ok]";
    }
}
