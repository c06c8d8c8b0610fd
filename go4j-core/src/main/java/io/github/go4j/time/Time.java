package io.github.go4j.time;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.chan.Select;
import io.github.go4j.context.Context;
import io.github.go4j.context.ContextException;
import io.github.go4j.internal.Chan;
import io.github.go4j.internal.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Time holds the functions of Go's {@code time} package that concurrent code uses: sleeping, timers,
 * tickers and reading the clock. They all run on the library clock of the calling goroutine (virtual
 * time inside a go4j-test bubble), never on the JVM's clock directly.
 *
 * {@snippet :
 * // Go: select { case r := <-results: ...; case <-time.After(time.Second): ... }
 * Select.select(
 *     results.onReceive(r -> System.out.println(r)),
 *     Time.after(Duration.ofSeconds(1)).onReceive(t -> System.out.println("timeout")));
 * }
 *
 * <p><b>Durations.</b> A {@link Duration} longer than Go's maximum (about 292 years, the range of a
 * {@code long} of nanoseconds) is clamped to it. A {@code null} duration, instant or function is a
 * {@link NullPointerException}.
 *
 * <p><b>Go 1.22's buffered timer channels (TM11).</b> Run with {@code -Dgo4j.asynctimerchan=1}, Go's
 * {@code GODEBUG=asynctimerchan=1}, to get the old behaviour: timer and ticker channels have capacity 1
 * and {@code stop}/{@code reset} leave an already delivered value in them. The default is Go 1.23's.
 */
public final class Time {

    /** TM11: Go's {@code GODEBUG=asynctimerchan=1}, read once. */
    static final boolean ASYNC_TIMER_CHAN = "1".equals(System.getProperty("go4j.asynctimerchan"));

    private Time() {}

    /**
     * Pauses the calling goroutine for at least {@code d} on the library clock; returns at once when
     * {@code d} is zero or negative (TM01). Shown in dumps as {@code [sleep]}.
     *
     * @throws InterruptedException if interrupted while sleeping (or already interrupted when {@code d}
     *         is not positive); the interrupt flag is then cleared
     * @throws NullPointerException if d is null
     */
    public static void sleep(Duration d) throws InterruptedException {
        Clock.current().sleep(nanos(d));
    }

    /**
     * Pauses for at least {@code d}, unless {@code ctx} is done first: Go's
     * {@code select { case <-time.After(d): case <-ctx.Done(): return ctx.Err() }}. If {@code ctx} is
     * already done it throws at once, whatever {@code d}; otherwise a zero or negative {@code d} returns
     * at once (TM01). A context that can never be done makes this {@link #sleep(Duration)}.
     *
     * @throws ContextException {@code ctx.err()} if the context was done before the time was up
     * @throws InterruptedException if interrupted while sleeping; the interrupt flag is then cleared
     * @throws NullPointerException if ctx or d is null
     */
    public static void sleep(Context ctx, Duration d) throws ContextException, InterruptedException {
        Objects.requireNonNull(d, "d");
        ContextException e = ctx.err();
        if (e != null) {
            throw e;
        }
        ReceiveChannel<Void> done = ctx.done();
        if (done == null) {
            sleep(d);
            return;
        }
        boolean slept = Select.select(Select.onTimeout(d, () -> true), Select.onReceive(done, (Void v) -> false));
        if (!slept) {
            throw ctx.err();
        }
    }

    /**
     * Returns a channel that receives the current time once {@code d} has passed: Go's
     * {@code time.After(d)}, the same as {@code newTimer(d).c()} (TM02). Each call makes a new timer, so in
     * a for-select loop the timeout restarts on every turn (SE11). The timer cannot be stopped; it is
     * garbage collected once nobody references the channel, even before it fires.
     *
     * @throws NullPointerException if d is null
     */
    public static ReceiveChannel<Instant> after(Duration d) {
        return newTimer(d).c();
    }

    /**
     * Returns the channel of a new {@link Ticker} with period {@code d}, or {@code null} (Go's nil
     * channel, never ready) if {@code d} is zero or negative (TM10): Go's {@code time.Tick(d)}. The ticker
     * cannot be stopped, but is garbage collected once nobody references the channel (Go 1.23).
     *
     * @throws NullPointerException if d is null
     */
    public static ReceiveChannel<Instant> tick(Duration d) {
        if (nanos(d) <= 0) {
            return null;
        }
        return newTicker(d).c();
    }

    /**
     * Makes a {@link Timer} that sends the expiry time on its channel after at least {@code d}: Go's
     * {@code time.NewTimer(d)}. A zero or negative {@code d} makes it expire at once (asynchronously).
     *
     * @throws NullPointerException if d is null
     */
    public static Timer newTimer(Duration d) {
        return newTimer(d, ASYNC_TIMER_CHAN);
    }

    /** {@link #newTimer(Duration)} with an explicit TM11 mode (tests use it). */
    static Timer newTimer(Duration d, boolean asyncChan) {
        long n = nanos(d);
        Channel<Instant> ch = timerChannel(asyncChan);
        return new Timer(ch.receiveOnly(), TimerState.channelTimer(ch, n, 0, asyncChan));
    }

    /**
     * Makes a {@link Ticker} that sends the time on its channel every {@code d}, the first time after
     * {@code d}: Go's {@code time.NewTicker(d)}.
     *
     * @throws IllegalArgumentException "non-positive interval for NewTicker" if {@code d} is zero or
     *         negative (TM08)
     * @throws NullPointerException if d is null
     */
    public static Ticker newTicker(Duration d) {
        return newTicker(d, ASYNC_TIMER_CHAN);
    }

    /** {@link #newTicker(Duration)} with an explicit TM11 mode (tests use it). */
    static Ticker newTicker(Duration d, boolean asyncChan) {
        long p = nanos(d);
        if (p <= 0) {
            throw new IllegalArgumentException("non-positive interval for NewTicker");
        }
        Channel<Instant> ch = timerChannel(asyncChan);
        return new Ticker(ch.receiveOnly(), TimerState.channelTimer(ch, p, p, asyncChan));
    }

    /**
     * Waits at least {@code d} and then runs {@code f} in a new goroutine: Go's
     * {@code time.AfterFunc(d, f)} (TM07). The returned timer's {@link Timer#c() c()} is null; its
     * {@link Timer#stop() stop} returns true only if it kept {@code f} from starting, and never waits for
     * {@code f}; {@link Timer#reset reset} schedules {@code f} again, even after it has run. The goroutine
     * belongs to the bubble of the caller, if any; an exception escaping {@code f} is reported as a panic,
     * as for {@link Go#go}.
     *
     * @throws NullPointerException if d or f is null
     */
    public static Timer afterFunc(Duration d, Go.Task f) {
        Objects.requireNonNull(f, "f");
        long n = nanos(d);
        return new Timer(null, TimerState.funcTimer(f, n));
    }

    /**
     * Returns the current wall-clock time on the library clock: Go's {@code time.Now()}. Inside a
     * go4j-test bubble this is the bubble's virtual time.
     *
     * <p>Unlike Go's {@code Time}, an {@link Instant} carries no monotonic reading, so {@link #since} and
     * {@link #until} measure wall-clock time, which jumps if the system clock is set meanwhile. Timers,
     * tickers and sleeps do not have that problem: they wait on the clock's monotonic time.
     */
    public static Instant now() {
        long n = Clock.current().epochNanos();
        return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
    }

    /**
     * Returns the time elapsed since {@code t}: Go's {@code time.Since(t)}, short for
     * {@code Duration.between(t, now())}.
     *
     * @throws NullPointerException if t is null
     */
    public static Duration since(Instant t) {
        return Duration.between(Objects.requireNonNull(t, "t"), now());
    }

    /**
     * Returns the duration until {@code t}: Go's {@code time.Until(t)}, short for
     * {@code Duration.between(now(), t)}; negative when {@code t} is past.
     *
     * @throws NullPointerException if t is null
     */
    public static Duration until(Instant t) {
        return Duration.between(now(), Objects.requireNonNull(t, "t"));
    }

    // ---------------------------------------------------------------- helpers

    private static Channel<Instant> timerChannel(boolean asyncChan) {
        return asyncChan ? Channel.make(1) : Chan.makeTimerChannel();
    }

    /** {@code d} in nanoseconds, clamped to a {@code long} like Go's Duration. */
    static long nanos(Duration d) {
        Objects.requireNonNull(d, "d");
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
