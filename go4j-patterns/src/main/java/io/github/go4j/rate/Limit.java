package io.github.go4j.rate;

import java.math.BigInteger;
import java.time.Duration;

/**
 * Limit is a rate of events: Go's {@code rate.Limit}. Go stores it as a {@code float64} number of events
 * per second; go4j stores it as an exact fraction, {@code events} per {@code perNanos} nanoseconds, so
 * that the limiter's arithmetic is integer arithmetic on nanoseconds (ADR 0035).
 *
 * <p>{@link #every(Duration)} is always exact ({@code Every(100*time.Millisecond)} is one event per
 * 100,000,000 ns). {@link #of(double)} is exact for every rate with at most nine decimals, and rounds
 * slower rates than one event per 2<sup>63</sup>-1 ns (about 292 years) to that (RT10's tiny limit).
 * {@link #INF} allows every event and ignores the burst (RT06); {@link #ZERO} refills nothing (RT02).
 *
 * <p>Instances are immutable values; {@code equals} compares the reduced fraction.
 *
 * {@snippet :
 * Limit tenPerSecond = Limit.of(10);                          // Go: rate.Limit(10)
 * Limit sameThing = Limit.every(Duration.ofMillis(100));       // Go: rate.Every(100*time.Millisecond)
 * assert tenPerSecond.equals(sameThing);
 * }
 */
public final class Limit {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** No limit at all: every event is allowed, the burst is ignored (Go's {@code rate.Inf}). */
    public static final Limit INF = new Limit(1, 0);

    /** No refill: only the initial burst is ever allowed. */
    public static final Limit ZERO = new Limit(0, NANOS_PER_SECOND);

    /** Events per {@link #perNanos}; 0 for {@link #ZERO}. */
    final long events;
    /** The period, in nanoseconds; 0 marks {@link #INF}. */
    final long perNanos;

    private Limit(long events, long perNanos) {
        this.events = events;
        this.perNanos = perNanos;
    }

    /** Returns the reduced fraction events/perNanos. */
    static Limit fraction(long events, long perNanos) {
        if (perNanos <= 0) {
            return INF;
        }
        if (events == 0) {
            return ZERO;
        }
        long g = BigInteger.valueOf(events).gcd(BigInteger.valueOf(perNanos)).longValue();
        return new Limit(events / g, perNanos / g);
    }

    /**
     * Returns the limit of one event every {@code interval}; {@link #INF} if the interval is zero or
     * negative (RT01, Go's {@code rate.Every}).
     *
     * @throws NullPointerException if interval is null
     */
    public static Limit every(Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            return INF;
        }
        long nanos;
        try {
            nanos = interval.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        return fraction(1, nanos);
    }

    /**
     * Returns the limit of {@code eventsPerSecond} events per second (Go's {@code rate.Limit(r)}).
     * Infinity (or any rate of a billion billion or more) is {@link #INF}; zero is {@link #ZERO}.
     *
     * @throws IllegalArgumentException if the rate is negative or NaN
     */
    public static Limit of(double eventsPerSecond) {
        if (Double.isNaN(eventsPerSecond) || eventsPerSecond < 0) {
            throw new IllegalArgumentException("rate: invalid limit " + eventsPerSecond);
        }
        if (eventsPerSecond == 0) {
            return ZERO;
        }
        if (eventsPerSecond >= 1e18) {
            return INF;
        }
        // Exact when the rate has at most nine decimals: r * 10^k integral, over 10^(9+k) ns.
        long scale = 1;
        for (int k = 0; k <= 9; k++, scale *= 10) {
            double scaled = eventsPerSecond * scale;
            if (scaled == Math.rint(scaled) && scaled < 0x1p53) {
                return fraction((long) scaled, NANOS_PER_SECOND * scale);
            }
        }
        if (eventsPerSecond < 1) {
            // One event every 1e9/r ns, saturated at about 292 years.
            double interval = NANOS_PER_SECOND / eventsPerSecond;
            return fraction(1, interval >= 0x1p63 ? Long.MAX_VALUE : Math.round(interval));
        }
        return fraction(Math.round(eventsPerSecond * NANOS_PER_SECOND), NANOS_PER_SECOND * NANOS_PER_SECOND);
    }

    /** Whether this is {@link #INF}. */
    public boolean isInf() {
        return perNanos == 0;
    }

    /** Events per second, as Go's {@code float64}; {@code +Infinity} for {@link #INF}. */
    public double perSecond() {
        if (isInf()) {
            return Double.POSITIVE_INFINITY;
        }
        return (double) events * NANOS_PER_SECOND / perNanos;
    }

    /**
     * Nanoseconds until {@code units} (tokens scaled by {@link #perNanos}) accrue, rounded up so that an
     * event never acts before its token exists; {@link Long#MAX_VALUE} if never (a zero limit).
     */
    long nanosForUnits(long units) {
        if (units <= 0) {
            return 0;
        }
        if (events == 0) {
            return Long.MAX_VALUE;
        }
        return Math.ceilDiv(units, events);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Limit l && l.events == events && l.perNanos == perNanos;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(events) * 31 + Long.hashCode(perNanos);
    }

    /** Go's formatting of the float: {@code 10}, {@code 0.5}, {@code +Inf}. */
    @Override
    public String toString() {
        if (isInf()) {
            return "+Inf";
        }
        double r = perSecond();
        return r == Math.rint(r) && Math.abs(r) < 1e15 ? Long.toString((long) r) : Double.toString(r);
    }
}
