package io.github.go4j.time;

import io.github.go4j.chan.ReceiveChannel;
import java.time.Duration;
import java.time.Instant;

/**
 * Timer is a single event: Go's {@code time.Timer}. A channel timer, made by
 * {@link Time#newTimer(Duration)}, sends the expiry time on {@link #c()} once; a function timer, made
 * by {@link Time#afterFunc(Duration, io.github.go4j.Go.Task)}, starts its function in a new goroutine
 * instead and has no channel.
 *
 * {@snippet :
 * Timer t = Time.newTimer(Duration.ofMillis(50));
 * Select.select(
 *     results.onReceive(r -> { t.stop(); System.out.println(r); }),
 *     t.c().onReceive(expiry -> System.out.println("timed out at " + expiry)));
 * }
 *
 * <h2>Contract (Go 1.23 semantics)</h2>
 * <ul>
 * <li><b>The channel.</b> {@link #c()} looks unbuffered: {@code len() == cap() == 0} always (TM03).
 * It carries at most one value, the instant the timer expired (TM02), and is never closed: not by
 * {@link #stop}, not by {@link #reset}, not ever (TM05).</li>
 * <li><b>No stale values.</b> Once {@code stop} or {@code reset} has returned, a receive from
 * {@code c()} never sees a value from the earlier setting (TM04, TM05). There is no need for Go 1.22's
 * {@code if !t.Stop() { <-t.C }} idiom, and it would now block.</li>
 * <li><b>Blocking and interruption.</b> Neither {@code stop} nor {@code reset} blocks; they never wait
 * for a function timer's goroutine. Receiving from {@code c()} blocks like any channel receive and is
 * interruptible as described in {@link io.github.go4j.chan.Channel}.</li>
 * <li><b>Memory consistency.</b> Actions before {@code newTimer}, {@code afterFunc} or {@code reset}
 * happen-before the receive of the value sent for that setting, and before the start of the function
 * it runs. A timer is safe to use from many goroutines.</li>
 * <li><b>Clock.</b> A timer runs on the library clock of the goroutine that created it (virtual time
 * inside a go4j-test bubble), captured once at creation. A timer made inside a bubble may only be
 * stopped or reset inside that bubble: from outside it (another bubble or none), {@code stop}/{@code reset} throw
 * {@link IllegalStateException} with Go's message ("stop of synctest timer from outside bubble").</li>
 * <li><b>Garbage.</b> A timer that the program no longer references (neither the timer nor its
 * channel) may be garbage collected without being stopped, as in Go 1.23.</li>
 * <li><b>Zero values.</b> Java has no zero {@code Timer}; Go's "time: Stop called on uninitialized
 * Timer" and "time: Reset called on uninitialized Timer" panics (TM06) cannot happen.</li>
 * </ul>
 */
public final class Timer {

    /** Go's {@code Timer.C}; null for a function timer. */
    private final ReceiveChannel<Instant> c;
    private final TimerState state;

    Timer(ReceiveChannel<Instant> c, TimerState state) {
        this.c = c;
        this.state = state;
    }

    /**
     * The channel on which the expiry time is delivered: Go's {@code t.C}. {@code null} for a timer made
     * by {@link Time#afterFunc} (TM07): like Go's nil channel, a select clause on it is never ready.
     */
    public ReceiveChannel<Instant> c() {
        return c;
    }

    /**
     * Prevents the timer from firing: Go's {@code t.Stop()}.
     *
     * <p>Returns true if this call stopped the timer before the program received its value, including
     * a timer that had already expired but whose value nobody had received yet: that value is removed
     * (TM04). Returns false if the timer had already been stopped, or its value had been received. After
     * it returns, a receive from {@link #c()} blocks until a later {@link #reset}: it never sees a stale
     * value. {@code c()} is not closed.
     *
     * <p>For a function timer (TM07): true if this call prevented the function from starting; false if
     * it has already started (stop does not wait for it to finish) or the timer was already stopped.
     *
     * @throws IllegalStateException "stop of synctest timer from outside bubble" (TH10)
     */
    public boolean stop() {
        return state.stop("stop");
    }

    /**
     * Changes the timer to expire after {@code d} from now: Go's {@code t.Reset(d)}. A zero or negative
     * {@code d} makes it expire at once (asynchronously).
     *
     * <p>Returns what {@link #stop} would have returned: true if the timer had been active (armed, or
     * expired with its value not received), false if it had expired and been received, or been stopped
     * (TM05). After it returns, no value from the earlier setting can be received; {@code c()} is not
     * closed. For a function timer, the function is scheduled to run again after {@code d} even if it has
     * already run, and the result is false in that case (TM07).
     *
     * @throws NullPointerException if d is null
     * @throws IllegalStateException "reset of synctest timer from outside bubble" (TH10)
     */
    public boolean reset(Duration d) {
        return state.reset("reset", Time.nanos(d), 0);
    }

    @Override
    public String toString() {
        return c == null ? "Timer(func)" : "Timer";
    }
}
