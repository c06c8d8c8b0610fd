package io.github.go4j.context;

import io.github.go4j.internal.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Go's timerCtx: a cancelCtx that also cancels itself with DEADLINE_EXCEEDED when a timer on the
 * library clock fires (CX08, CX09). The clock is the creating goroutine's, captured once.
 */
final class TimerCtx extends CancelCtx {

    private final Instant deadline;
    private final Clock clock;
    /** The pending expiry; guarded by lock; null once stopped or fired. */
    private Clock.Scheduled timer;

    private TimerCtx(Context parent, Instant deadline, Clock clock) {
        super(parent);
        this.deadline = deadline;
        this.clock = clock;
    }

    static CancelContext withDeadline(Context parent, Instant deadline, Throwable cause) {
        Names.requireParent(parent);
        Objects.requireNonNull(deadline, "deadline");
        Clock clock = Clock.current();
        long delay = Names.saturatingSub(Names.epochNanos(deadline), clock.epochNanos());
        return make(parent, deadline, delay, clock, cause);
    }

    static CancelContext withTimeout(Context parent, Duration timeout, Throwable cause) {
        Names.requireParent(parent);
        Objects.requireNonNull(timeout, "timeout");
        Clock clock = Clock.current();
        long delay = Names.nanos(timeout);
        // The timer waits exactly `timeout` on the monotonic clock; the wall-clock deadline is for display.
        Instant deadline = Names.instant(Names.saturatingAdd(clock.epochNanos(), delay));
        return make(parent, deadline, delay, clock, cause);
    }

    private static CancelContext make(Context parent, Instant deadline, long delayNanos, Clock clock, Throwable cause) {
        Optional<Instant> cur = parent.deadline();
        if (cur.isPresent() && cur.get().isBefore(deadline)) {
            return CancelCtx.withCancel(parent); // the parent's deadline comes first (CX08)
        }
        TimerCtx c = new TimerCtx(parent, deadline, clock);
        c.propagateCancel();
        if (delayNanos <= 0) {
            c.cancel(true, Context.DEADLINE_EXCEEDED, cause); // already past (CX08)
            return c;
        }
        c.lock.lock();
        try {
            if (c.err() == null) {
                c.timer = clock.schedule(delayNanos, () -> c.cancel(true, Context.DEADLINE_EXCEEDED, cause));
            }
        } finally {
            c.lock.unlock();
        }
        return c;
    }

    @Override
    void cancel(boolean removeFromParent, ContextException e, Throwable cause) {
        super.cancel(removeFromParent, e, cause);
        Clock.Scheduled t;
        lock.lock();
        try {
            t = timer;
            timer = null;
        } finally {
            lock.unlock();
        }
        if (t != null) {
            t.cancel(); // CX08: a cancel before expiry stops the timer
        }
    }

    @Override
    public Optional<Instant> deadline() {
        return Optional.of(deadline);
    }

    @Override
    public String toString() {
        long left = Names.saturatingSub(Names.epochNanos(deadline), clock.epochNanos());
        return Names.stringify(parent) + ".WithDeadline(" + deadline + " [" + Names.duration(left) + "])";
    }
}
