package io.github.go4j.time;

import io.github.go4j.internal.Clock;
import java.time.Duration;

/**
 * Go's {@code time} package functions. STUB: the time issue fills in timers and tickers.
 */
public final class Time {

    private Time() {}

    /**
     * Pauses the calling goroutine for at least {@code d} on the library clock; returns at once when
     * {@code d} is zero or negative (TM01). Shown in dumps as {@code [sleep]}.
     *
     * @throws InterruptedException if interrupted while sleeping
     */
    public static void sleep(Duration d) throws InterruptedException {
        Clock.current().sleep(d.toNanos());
    }
}
