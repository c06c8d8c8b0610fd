package io.github.go4j.time;

import io.github.go4j.chan.ReceiveChannel;
import java.time.Duration;
import java.time.Instant;

/**
 * Ticker delivers ticks at a fixed interval: Go's {@code time.Ticker}, made by
 * {@link Time#newTicker(Duration)}.
 *
 * {@snippet :
 * Ticker ticker = Time.newTicker(Duration.ofSeconds(1));
 * try {
 *     for (int i = 0; i < 3; i++) {
 *         Instant tick = ticker.c().receive();
 *         System.out.println("tick at " + tick);
 *     }
 * } finally {
 *     ticker.stop();
 * }
 * }
 *
 * <h2>Contract (Go 1.23 semantics)</h2>
 * <ul>
 * <li><b>Ticks.</b> The first tick comes one period after creation (or after {@link #reset}); each tick
 * carries the instant it was due (TM02). A slow receiver does not make ticks pile up: at most one tick
 * is pending, later ones are dropped, and a ticker that fell behind skips the ticks it missed (TM09).</li>
 * <li><b>The channel.</b> {@link #c()} looks unbuffered: {@code len() == cap() == 0} always (TM03). It
 * is never closed, not even by {@link #stop} (TM09).</li>
 * <li><b>No stale ticks.</b> Once {@code stop} or {@code reset} has returned, no tick from before it can
 * be received (TM09).</li>
 * <li><b>Blocking and interruption.</b> {@code stop} and {@code reset} never block. Receiving from
 * {@code c()} blocks and is interruptible like any channel receive.</li>
 * <li><b>Memory consistency.</b> Actions before {@code newTicker} or {@code reset} happen-before the
 * receive of any tick of that setting. A ticker is safe to use from many goroutines.</li>
 * <li><b>Clock and garbage.</b> As for {@link Timer}: the creating goroutine's library clock, captured
 * once; a ticker nobody references any more may be collected without being stopped (Go 1.23).</li>
 * <li><b>Zero values.</b> Java has no zero {@code Ticker}; Go's "time: Reset called on uninitialized
 * Ticker" panic (TM08) cannot happen.</li>
 * </ul>
 */
public final class Ticker {

    private final ReceiveChannel<Instant> c;
    private final TimerState state;

    Ticker(ReceiveChannel<Instant> c, TimerState state) {
        this.c = c;
        this.state = state;
    }

    /** The channel on which the ticks are delivered: Go's {@code ticker.C}. Never null. */
    public ReceiveChannel<Instant> c() {
        return c;
    }

    /**
     * Turns the ticker off: Go's {@code ticker.Stop()}. No more ticks are sent, and a tick that was
     * pending is removed, so a receive from {@link #c()} then blocks until a later {@link #reset}. The
     * channel is not closed. Stopping a stopped ticker does nothing.
     *
     * @throws IllegalStateException "stop of synctest timer from outside bubble" (TH10)
     */
    public void stop() {
        state.stop("stop");
    }

    /**
     * Stops the ticker and restarts it with period {@code d}: Go's {@code ticker.Reset(d)}. The next tick
     * comes {@code d} after this call; a pending tick of the old setting is removed (TM09). Also restarts
     * a stopped ticker.
     *
     * @throws IllegalArgumentException "non-positive interval for Ticker.Reset" if {@code d} is zero or
     *         negative (TM08)
     * @throws NullPointerException if d is null
     * @throws IllegalStateException "reset of synctest timer from outside bubble" (TH10)
     */
    public void reset(Duration d) {
        long p = Time.nanos(d);
        if (p <= 0) {
            throw new IllegalArgumentException("non-positive interval for Ticker.Reset");
        }
        state.reset("reset", p, p);
    }

    @Override
    public String toString() {
        return "Ticker";
    }
}
