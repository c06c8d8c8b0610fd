package io.github.go4j.sync;

import io.github.go4j.internal.WaitReason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Cond is a condition variable, a rendezvous point for goroutines waiting for or announcing an
 * event: Go's {@code sync.Cond}. Each Cond has a {@link Locker} (Go's {@code L}), usually a
 * {@link Mutex} or an {@link RWMutex} view, which must be held while changing the condition and when
 * calling {@link #await()}.
 *
 * <p><b>No spurious wake-ups (SY15).</b> {@link #await()} atomically unlocks the Locker and suspends
 * the goroutine; it returns, with the Locker locked again, only after a {@link #signal()} or
 * {@link #broadcast()} woke it, unlike {@link java.util.concurrent.locks.Condition#await()}. The
 * condition may still be false by then (another goroutine may have changed it first), so the usual
 * loop stays: {@code while (!ready) cond.await();}.
 *
 * <p><b>Order (SY16).</b> {@code signal} wakes the goroutine that has waited longest (FIFO);
 * {@code broadcast} wakes all of them. Neither requires the caller to hold the Locker. A signal with
 * no waiter is lost, as in Go.
 *
 * <p><b>Blocking and interrupts.</b> {@code await} blocks with wait reason {@code sync.Cond.Wait}
 * (durably, inside a test bubble). Unlike Go's, it is interruptible: an interrupt that arrives before
 * a signal ends the wait with {@link InterruptedException}, after re-locking the Locker, and the
 * goroutine no longer counts as a waiter (a later signal wakes someone else). If a signal and an
 * interrupt race, the signal wins and the interrupt flag is set. {@link #awaitUninterruptibly()}
 * waits like Go's Wait. Go panics when a used Cond is copied; Java objects are not copied.
 *
 * <p><b>Nulls.</b> The constructor throws {@link NullPointerException} for a null Locker.
 *
 * <p><b>Memory consistency.</b> Actions before a {@code signal} or {@code broadcast} happen-before the
 * return of an {@code await} it wakes (and the Locker orders everything done under it).
 *
 * {@snippet :
 * Mutex mu = new Mutex();
 * Cond ready = new Cond(mu);
 * boolean[] isReady = {false};
 *
 * // waiter
 * mu.lock();
 * try {
 *     while (!isReady[0]) {
 *         ready.await();
 *     }
 * } finally {
 *     mu.unlock();
 * }
 *
 * // announcer
 * mu.lock();
 * isReady[0] = true;
 * mu.unlock();
 * ready.broadcast();
 * }
 */
public final class Cond {

    // A FIFO of waiter nodes under a short internal lock. A waiter enqueues BEFORE it releases the
    // Locker, so a signal sent by whoever takes the Locker next always finds it: the "atomically
    // unlocks" of Go's contract. Wakers claim nodes by CAS; an interrupted waiter that cancels first is
    // skipped, so no signal is lost to it.

    private final Locker l;
    private final ReentrantLock qlock = new ReentrantLock();
    /** Waiters in arrival order; guarded by qlock. */
    private final ArrayDeque<WaitNode> queue = new ArrayDeque<>();

    /**
     * Creates a Cond with Locker {@code l} (Go's {@code NewCond}).
     *
     * @throws NullPointerException if l is null
     */
    public Cond(Locker l) {
        this.l = Objects.requireNonNull(l, "l");
    }

    /** The Locker held while observing or changing the condition (Go's {@code c.L}). */
    public Locker locker() {
        return l;
    }

    /**
     * Atomically unlocks the Locker and suspends the calling goroutine until {@link #signal()} or
     * {@link #broadcast()} wakes it; then locks the Locker again and returns. Never returns without
     * being woken (SY15). The caller must hold the Locker.
     *
     * @throws InterruptedException if interrupted before being woken; the Locker is held again when it is
     *     thrown
     */
    public void await() throws InterruptedException {
        WaitNode node = enqueue();
        try {
            node.await(WaitReason.COND_WAIT, this, true, null, -1);
        } catch (InterruptedException e) {
            unlink(node);
            l.lock();
            throw e;
        }
        l.lock();
    }

    /**
     * {@link #await()} without interruption, exactly like Go's {@code Wait}: an interrupt does not end
     * the wait and is re-asserted on return.
     */
    public void awaitUninterruptibly() {
        WaitNode node = enqueue();
        node.awaitUninterruptibly(WaitReason.COND_WAIT, this);
        l.lock();
    }

    private WaitNode enqueue() {
        WaitNode node = new WaitNode();
        qlock.lock();
        try {
            queue.addLast(node);
        } finally {
            qlock.unlock();
        }
        try {
            l.unlock();
        } catch (RuntimeException | Error e) {
            unlink(node); // not held: the caller broke the contract; do not leave a ghost waiter
            throw e;
        }
        return node;
    }

    private void unlink(WaitNode node) {
        qlock.lock();
        try {
            queue.remove(node);
        } finally {
            qlock.unlock();
        }
    }

    /** Wakes the goroutine that has waited longest, if any (SY16). The caller need not hold the Locker. */
    public void signal() {
        WaitNode woken = null;
        qlock.lock();
        try {
            WaitNode n;
            while ((n = queue.pollFirst()) != null) {
                if (n.claim(WaitNode.WOKEN)) {
                    woken = n;
                    break;
                }
            }
        } finally {
            qlock.unlock();
        }
        if (woken != null) {
            woken.wake();
        }
    }

    /** Wakes every waiting goroutine. The caller need not hold the Locker. */
    public void broadcast() {
        List<WaitNode> woken = new ArrayList<>();
        qlock.lock();
        try {
            WaitNode n;
            while ((n = queue.pollFirst()) != null) {
                if (n.claim(WaitNode.WOKEN)) {
                    woken.add(n);
                }
            }
        } finally {
            qlock.unlock();
        }
        for (WaitNode n : woken) {
            n.wake();
        }
    }

    @Override
    public String toString() {
        return "Cond[" + l + "]";
    }
}
