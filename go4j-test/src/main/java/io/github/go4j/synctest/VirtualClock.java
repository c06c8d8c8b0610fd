package io.github.go4j.synctest;

import io.github.go4j.internal.Clock;

/**
 * A bubble's fake clock (TH06): it starts at 2000-01-01T00:00:00Z and moves only when the bubble is
 * idle, straight to the next timer. Its monotonic and wall readings are the same number, so
 * {@code Time.now()} inside a bubble prints 2000-01-01 plus the virtual time that has passed.
 */
final class VirtualClock extends Clock {

    private final SyncBubble bubble;

    VirtualClock(SyncBubble bubble) {
        this.bubble = bubble;
    }

    @Override
    public long nanoTime() {
        return bubble.now();
    }

    @Override
    public long epochNanos() {
        return bubble.now();
    }

    /**
     * Queues {@code action} at now + delay; it runs when the bubble is idle and the clock has reached
     * that instant. A delay of zero or less queues it at now: it runs at the next idle moment, without
     * moving the clock.
     */
    @Override
    public Scheduled schedule(long delayNanos, Runnable action) {
        return bubble.addTimer(delayNanos, action);
    }

    @Override
    public String toString() {
        return "synctest clock";
    }

    /** A queued action; ordered by instant, then by the order of scheduling. */
    static final class Timer implements Scheduled, Comparable<Timer> {
        private final SyncBubble bubble;
        final long when;
        private final long seq;
        final Runnable action;

        Timer(SyncBubble bubble, long when, long seq, Runnable action) {
            this.bubble = bubble;
            this.when = when;
            this.seq = seq;
            this.action = action;
        }

        @Override
        public boolean cancel() {
            return bubble.cancelTimer(this);
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(when, o.when);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
