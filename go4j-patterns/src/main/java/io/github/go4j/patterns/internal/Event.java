package io.github.go4j.patterns.internal;

import io.github.go4j.internal.Bubble;
import io.github.go4j.internal.Clock;
import io.github.go4j.internal.WaitReason;
import io.github.go4j.internal.Waiter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A one-shot event that any number of threads can wait for: the patterns' replacement for a closed
 * {@code done} channel when no select is needed. {@link #fire()} happens-before every {@link #await}
 * that returns because of it. The lock is never held while parked.
 *
 * <p>It belongs to the synctest bubble of the goroutine that makes it, as the {@code WaitGroup} or
 * channel it stands for would in Go: a wait is durable (the reason's {@code durableVariant()}) only for
 * a goroutine of that bubble (TH07; see {@link Durability}).
 */
public final class Event {

    private final ReentrantLock lock = new ReentrantLock();
    private boolean fired;
    private List<Waiter> waiters = new ArrayList<>();
    /** The bubble it was made in, or null. */
    private final Bubble bubble = Durability.here();

    /** Fires the event; returns false if it had fired already. */
    public boolean fire() {
        List<Waiter> ws;
        lock.lock();
        try {
            if (fired) {
                return false;
            }
            fired = true;
            ws = waiters;
            waiters = null;
        } finally {
            lock.unlock();
        }
        for (Waiter w : ws) {
            w.complete(Waiter.DONE);
        }
        return true;
    }

    /** Whether it has fired. */
    public boolean isFired() {
        lock.lock();
        try {
            return fired;
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until fired; {@code reason} is the plain (non-durable) reason. */
    public void await(WaitReason reason) throws InterruptedException {
        Waiter w = enqueue();
        if (w == null) {
            return;
        }
        try {
            w.await(Durability.reason(reason, bubble), this);
        } catch (InterruptedException e) {
            remove(w);
            throw e;
        }
    }

    /**
     * Blocks until fired or {@code nanos} pass on {@code clock}; returns whether it fired. {@code reason}
     * is the plain (non-durable) reason.
     */
    public boolean await(WaitReason reason, Clock clock, long nanos) throws InterruptedException {
        Waiter w = enqueue();
        if (w == null) {
            return true;
        }
        int s;
        try {
            s = w.awaitNanos(Durability.reason(reason, bubble), this, clock, nanos);
        } catch (InterruptedException e) {
            remove(w);
            throw e;
        }
        if (s != Waiter.DONE) {
            remove(w);
            return isFired();
        }
        return true;
    }

    private Waiter enqueue() {
        lock.lock();
        try {
            if (fired) {
                return null;
            }
            Waiter w = new Waiter();
            waiters.add(w);
            return w;
        } finally {
            lock.unlock();
        }
    }

    private void remove(Waiter w) {
        lock.lock();
        try {
            if (waiters != null) {
                waiters.remove(w);
            }
        } finally {
            lock.unlock();
        }
    }
}
