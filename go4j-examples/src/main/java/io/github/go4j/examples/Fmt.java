package io.github.go4j.examples;

import java.lang.reflect.Array;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Fmt prints values the way Go's {@code fmt} package does, so that a ported program prints the same
 * lines as the Go original.
 *
 * <p>{@link #sprintf} takes a Go format string: {@code %d}, {@code %s}, {@code %.2f} and {@code %%}
 * mean what they mean in Java, and {@code %v} prints a value in Go's default format: a
 * {@link Duration} as Go's {@code time.Duration} does ({@code 1.5s}, {@code 102.3ms}, {@code 2m0s}),
 * a collection or array as {@code [a b c]}, an exception as its message (Go's {@code error}), anything
 * else as {@link String#valueOf(Object)}.
 */
public final class Fmt {

    private Fmt() {}

    /** Go's {@code fmt.Sprintf}; see the class comment for the verbs. */
    public static String sprintf(String format, Object... args) {
        Object[] converted = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            converted[i] = goValue(args[i]);
        }
        return String.format(Locale.ROOT, format.replace("%v", "%s"), converted);
    }

    /** Go's {@code fmt.Sprintln} without the newline: the operands' default formats, space separated. */
    public static String sprint(Object... args) {
        StringJoiner line = new StringJoiner(" ");
        for (Object a : args) {
            line.add(String.valueOf(goValue(a)));
        }
        return line.toString();
    }

    /** A value in Go's {@code %v} format where it differs from Java's; other values unchanged. */
    public static Object goValue(Object v) {
        if (v instanceof Duration d) {
            return duration(d);
        }
        if (v instanceof Throwable t) {
            return t.getMessage() != null ? t.getMessage() : t.toString();
        }
        if (v instanceof Collection<?> c) {
            StringJoiner s = new StringJoiner(" ", "[", "]");
            for (Object e : c) {
                s.add(String.valueOf(goValue(e)));
            }
            return s.toString();
        }
        if (v != null && v.getClass().isArray()) {
            StringJoiner s = new StringJoiner(" ", "[", "]");
            for (int i = 0, n = Array.getLength(v); i < n; i++) {
                s.add(String.valueOf(goValue(Array.get(v, i))));
            }
            return s.toString();
        }
        return v;
    }

    /**
     * Go's {@code time.Duration.String()}: {@code 0s}, {@code 850ns}, {@code 12.5µs}, {@code 102.345ms},
     * {@code 1.5s}, {@code 2m0s}, {@code 1h0m0s}; negative durations get a leading minus.
     */
    public static String duration(Duration d) {
        long n;
        try {
            n = d.toNanos();
        } catch (ArithmeticException tooLong) {
            return d.toString();
        }
        if (n == 0) {
            return "0s";
        }
        String sign = n < 0 ? "-" : "";
        long u = Math.abs(n);
        if (u < 1_000L) {
            return sign + u + "ns";
        }
        if (u < 1_000_000L) {
            return sign + fraction(u, 1_000L) + "µs";
        }
        if (u < 1_000_000_000L) {
            return sign + fraction(u, 1_000_000L) + "ms";
        }
        long hours = u / 3_600_000_000_000L;
        long minutes = u / 60_000_000_000L % 60;
        long secondsNanos = u % 60_000_000_000L;
        StringBuilder s = new StringBuilder(sign);
        if (hours > 0) {
            s.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            s.append(minutes).append('m');
        }
        return s.append(fraction(secondsNanos, 1_000_000_000L)).append('s').toString();
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    /** Go's {@code t.Format("15:04:05.000")}: the time of day in the local time zone, to the millisecond. */
    public static String clock(Instant t) {
        return CLOCK.format(t.atZone(ZoneId.systemDefault()));
    }

    /** {@code v / unit} with the remainder as a decimal fraction, trailing zeros dropped. */
    private static String fraction(long v, long unit) {
        long whole = v / unit;
        long rest = v % unit;
        if (rest == 0) {
            return Long.toString(whole);
        }
        int digits = Long.toString(unit).length() - 1;
        String f = String.format(Locale.ROOT, "%0" + digits + "d", rest);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + f.substring(0, end);
    }
}
