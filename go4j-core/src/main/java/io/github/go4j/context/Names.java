package io.github.go4j.context;

import java.time.Duration;
import java.time.Instant;

/** Shared helpers: argument checks, Go's String() forms (CX13), and saturating time arithmetic. */
final class Names {

    private Names() {}

    /** Whether a class overrides {@code Object.toString}: Java's counterpart of Go's {@code fmt.Stringer}. */
    private static final ClassValue<Boolean> STRINGER = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("toString").getDeclaringClass() != Object.class;
            } catch (NoSuchMethodException e) {
                return false; // cannot happen: every class has toString
            }
        }
    };

    /** CX03: Go panics "cannot create context from nil parent". */
    static Context requireParent(Context parent) {
        if (parent == null) {
            throw new NullPointerException("cannot create context from nil parent");
        }
        return parent;
    }

    /**
     * Go's {@code stringify}/{@code contextName}: a string or a value whose class overrides toString
     * prints as itself, null as {@code <nil>}, anything else as its class name (so that printing a
     * context never prints an arbitrary object's identity hash).
     */
    static String stringify(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        if (STRINGER.get(v.getClass())) {
            return v.toString();
        }
        return v.getClass().getName();
    }

    // ---------------------------------------------------------------------------------------------
    // Time arithmetic that saturates instead of overflowing (Go's time.Time clamps the same way)
    // ---------------------------------------------------------------------------------------------

    static long epochNanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static long saturatingAdd(long a, long b) {
        long r = a + b;
        // overflow iff both operands have the sign opposite to the result
        if (((a ^ r) & (b ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    static long saturatingSub(long a, long b) {
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    /**
     * Go's {@code time.Duration.String()}: "0s", "999ns", "1.5µs", "12.345ms", "1m30s", "2h0m0.5s".
     */
    static String duration(long d) {
        if (d == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder(24);
        if (d < 0) {
            sb.append('-');
        }
        // Work on the magnitude as an unsigned value, so that Long.MIN_VALUE is fine too.
        long u = d < 0 ? -d : d;
        if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
            if (u < 1_000L) {
                return sb.append(u).append("ns").toString();
            }
            if (u < 1_000_000L) {
                fraction(sb, u, 3);
                return sb.append("µs").toString();
            }
            fraction(sb, u, 6);
            return sb.append("ms").toString();
        }
        long secs = Long.divideUnsigned(u, 1_000_000_000L);
        long frac = Long.remainderUnsigned(u, 1_000_000_000L);
        long h = secs / 3600;
        long m = (secs / 60) % 60;
        long s = secs % 60;
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            sb.append(m).append('m');
        }
        sb.append(s);
        if (frac != 0) {
            String digits = Long.toString(1_000_000_000L + frac).substring(1);
            sb.append('.').append(trimZeros(digits));
        }
        return sb.append('s').toString();
    }

    /** Appends {@code v / 10^prec}, then its fraction without trailing zeros. */
    private static void fraction(StringBuilder sb, long v, int prec) {
        long scale = prec == 3 ? 1_000L : 1_000_000L;
        sb.append(v / scale);
        long f = v % scale;
        if (f != 0) {
            String digits = Long.toString(scale + f).substring(1);
            sb.append('.').append(trimZeros(digits));
        }
    }

    private static String trimZeros(String digits) {
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }
}
