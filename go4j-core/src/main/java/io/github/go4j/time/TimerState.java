package io.github.go4j.time;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.internal.Bubble;
import io.github.go4j.internal.Bubbles;
import io.github.go4j.internal.Chan;
import io.github.go4j.internal.Clock;
import io.github.go4j.internal.G;
import io.github.go4j.internal.Panics;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The runtime side of one {@link Timer} or {@link Ticker}: Go's {@code runtime.timer}, on a
 * {@link Clock}.
 *
 * <h2>Implementation overview</h2>
 *
 * One lock per timer guards four fields: the sequence number {@link #seq}, the expiry {@link #when}
 * (a {@link Clock#nanoTime()} reading), the {@link #period} (0 for a one-shot timer) and the handle of
 * the clock action that will fire it, {@link #scheduled} (null while the timer is not armed: stopped,
 * expired, or never started). Lock order: timer lock, then the channel's lock; a receiver only ever
 * takes the channel's lock, so no cycle exists.
 *
 * <p>Every change of setting ({@link #stop}, {@link #reset}) increments {@link #seq}. An action handed
 * to the clock carries the sequence number of the setting that made it and, when it runs, does
 * nothing unless that number is still current. Cancelling the clock action is only a resource
 * optimisation; the sequence check is what makes a late action harmless. The action delivers (offers
 * the tick, or starts the function's goroutine) while holding the lock, and {@code stop}/{@code reset}
 * drain the channel's hidden slot while holding it too, so once either returns:
 * <ul>
 * <li>no action of an older setting can deliver any more (its sequence number is stale), and</li>
 * <li>no value of an older setting sits in the channel (it was drained, TM04, TM05, TM09).</li>
 * </ul>
 * A value already taken by a receiver stays taken: stop then returns false, as in Go, because the
 * program did receive it.
 *
 * <p><b>Garbage.</b> As in Go 1.23, a timer or ticker that the program no longer references can be
 * collected even if it was never stopped (a {@code Time.tick} in a loop, a {@code Time.after(1h)} in a
 * for-select). The clock's action references this state strongly but the channel only weakly; the
 * {@link Timer}/{@link Ticker} object references the channel strongly. When the channel becomes
 * unreachable, nobody can ever receive from it, and a {@link Cleaner} cancels the clock action so the
 * clock's queue does not keep it until it expires. A function timer ({@code afterFunc}) has no channel;
 * its state stays alive until it fires or is stopped, as in Go.
 *
 * <p><b>What it needs from the clock.</b> {@link Clock#schedule} must not run the action on the
 * calling thread before it returns (its contract: "still asynchronously"): {@code arm} calls it
 * holding the lock and records the handle afterwards, and an action run inside the call would find
 * its setting not armed yet and do nothing. A ticker's action calls {@code schedule} again, from the
 * clock's own thread, while holding the timer lock. {@code Scheduled.cancel} may fail or even run
 * late: the sequence number makes it harmless either way.
 *
 * <p><b>Non-invariants.</b> The tick is offered when the clock runs the action, which may be later than
 * {@link #when} under load; the value sent is still {@code when}, converted to wall time (TM02), and a
 * ticker that fell behind skips the ticks it missed instead of delivering them in a burst.
 */
final class TimerState {

    /** Cancels the clock actions of timers whose channel was collected. Started on first use. */
    private static final class Collector {
        static final Cleaner CLEANER = Cleaner.create();
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** The clock of the goroutine that made the timer, captured once. */
    private final Clock clock;
    /** The channel, held weakly (see "Garbage"); null for a function timer. */
    private final WeakReference<Channel<Instant>> chan;
    /** The function of a function timer ({@code afterFunc}); null for a channel timer. */
    private final Go.Task f;
    /** The bubble of the goroutine that made the timer, or null: f's goroutines start there. */
    private final Bubble bubble;
    /**
     * Go 1.22's buffered timer channels (TM11): the channel has capacity 1 and is not drained by stop
     * or reset.
     */
    private final boolean asyncChan;

    /** Sequence number of the current setting. Guarded by lock. */
    private long seq;
    /** Expiry of the current setting, a clock.nanoTime() reading. Guarded by lock; meaningful while armed. */
    private long when;
    /** Ticker period in nanoseconds, 0 for a one-shot timer. Guarded by lock. */
    private long period;
    /** The clock action that will fire the current setting; null while not armed. Guarded by lock. */
    private Clock.Scheduled scheduled;

    private TimerState(Clock clock, Channel<Instant> ch, Go.Task f, Bubble bubble, boolean asyncChan) {
        this.clock = clock;
        this.chan = ch == null ? null : new WeakReference<>(ch);
        this.f = f;
        this.bubble = bubble;
        this.asyncChan = asyncChan;
    }

    /** Makes a channel timer on the caller's clock, armed to fire after {@code delay}, then every {@code period} if positive. */
    static TimerState channelTimer(Channel<Instant> ch, long delay, long period, boolean asyncChan) {
        G g = G.current();
        TimerState s = new TimerState(Clock.current(), ch, null, g == null ? null : g.bubble(), asyncChan);
        // The cleaning action must not reference the channel, or the channel would never be collected.
        Collector.CLEANER.register(ch, s::collected);
        s.lock.lock();
        try {
            s.arm(delay, period);
        } finally {
            s.lock.unlock();
        }
        return s;
    }

    /** Makes a function timer on the caller's clock that starts {@code f} in a goroutine after {@code delay}. */
    static TimerState funcTimer(Go.Task f, long delay) {
        G g = G.current();
        TimerState s = new TimerState(Clock.current(), null, f, g == null ? null : g.bubble(), false);
        s.lock.lock();
        try {
            s.arm(delay, 0);
        } finally {
            s.lock.unlock();
        }
        return s;
    }

    /**
     * Disarms the timer and removes any undelivered value.
     *
     * @return true if the timer was armed, or had expired but its value was not received yet
     */
    boolean stop(String op) {
        checkBubble(op);
        lock.lock();
        try {
            return disarm();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Disarms the timer, removes any undelivered value, and arms it anew to fire after {@code delay}
     * (then every {@code newPeriod} if positive).
     *
     * @return what {@link #stop} would have returned
     */
    boolean reset(String op, long delay, long newPeriod) {
        checkBubble(op);
        lock.lock();
        try {
            boolean pending = disarm();
            arm(delay, newPeriod);
            return pending;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- under the lock

    /** Caller holds lock. Starts a new setting. */
    private void arm(long delay, long newPeriod) {
        long gen = ++seq;
        long now = clock.nanoTime();
        when = saturatedAdd(now, Math.max(0, delay));
        period = newPeriod;
        scheduled = clock.schedule(delay, () -> fire(gen));
    }

    /** Caller holds lock. Ends the current setting; returns Go's "pending". */
    private boolean disarm() {
        seq++; // from here on, actions of the old setting are stale
        boolean pending = false;
        Clock.Scheduled s = scheduled;
        if (s != null) {
            scheduled = null;
            s.cancel();
            pending = true;
        }
        if (chan != null && !asyncChan) {
            Channel<Instant> ch = chan.get();
            // A value that expired but was not received counts as stopped in time (TM04): it is removed.
            if (ch != null && Chan.drainTick(ch)) {
                pending = true;
            }
        }
        return pending;
    }

    // ---------------------------------------------------------------- the clock's side

    /** Runs on the clock's thread when the setting {@code gen} expires. Must not block. */
    private void fire(long gen) {
        boolean startF = false;
        lock.lock();
        try {
            if (gen != seq || scheduled == null) {
                return; // a stale action: the setting it was made for was stopped or reset
            }
            long now = clock.nanoTime();
            long expiry = when;
            Channel<Instant> ch = null;
            if (chan != null) {
                ch = chan.get();
                if (ch == null) {
                    scheduled = null; // collected: nobody can receive, don't re-arm a ticker
                    return;
                }
            }
            if (period > 0) {
                // Next tick one period after this one; a ticker that fell behind skips the missed ticks.
                long next = saturatedAdd(expiry, period);
                if (next <= now) {
                    long behind = now - expiry;
                    next = saturatedAdd(expiry, saturatedMul(period, 1 + behind / period));
                }
                when = next;
                scheduled = clock.schedule(next - now, () -> fire(gen));
            } else {
                scheduled = null;
            }
            if (ch != null) {
                Instant value = wallTime(expiry, now);
                if (asyncChan) {
                    ch.trySend(value); // the buffered channel of Go <= 1.22: dropped when full
                } else {
                    Chan.offerTick(ch, value); // at most one pending value; dropped when one waits (TM09)
                }
            } else {
                startF = true;
            }
        } finally {
            lock.unlock();
        }
        if (startF) {
            // Starting f outside the lock: a stop after this point returns false without waiting (TM07).
            // Named after f, so that a panic's "created by" shows the user's code.
            Panics.startTask(f, null, bubble);
        }
    }

    /** Runs on the cleaner's thread once the channel is unreachable. */
    private void collected() {
        lock.lock();
        try {
            seq++;
            Clock.Scheduled s = scheduled;
            scheduled = null;
            if (s != null) {
                s.cancel();
            }
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The wall-clock time at which the monotonic reading {@code expiry} was, given it is {@code now} now. */
    private Instant wallTime(long expiry, long now) {
        long wall = clock.epochNanos() - (now - expiry);
        return Instant.ofEpochSecond(Math.floorDiv(wall, 1_000_000_000L), Math.floorMod(wall, 1_000_000_000L));
    }

    /**
     * Go panics "stop/reset of synctest timer from outside bubble" (TH10) when a timer made inside a
     * bubble is stopped or reset by a goroutine that is not in that bubble: one outside any bubble or
     * in another bubble. The bubble's own timer actions (a context deadline) act for it.
     */
    private void checkBubble(String op) {
        if (bubble != null && Bubbles.current() != bubble) {
            throw new IllegalStateException(op + " of synctest timer from outside bubble");
        }
    }

    static long saturatedAdd(long a, long b) {
        long r = a + b;
        // Overflow iff both operands have the sign opposite to the result.
        if (((a ^ r) & (b ^ r)) < 0) {
            return b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return r;
    }

    private static long saturatedMul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo;
        }
        return (a < 0) == (b < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
}
