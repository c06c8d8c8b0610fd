package io.github.go4j.sync;

import io.github.go4j.context.Context;
import io.github.go4j.internal.Clock;
import io.github.go4j.internal.WaitReason;
import io.github.go4j.internal.Waiter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One goroutine's place in a sync primitive's wait queue.
 *
 * <p>The node's own {@link #state} says what the waiter was given, and is decided by exactly one CAS
 * out of {@link #WAITING}: a waker {@linkplain #claim claims} it ({@link #WOKEN} or {@link #HANDOFF}),
 * or the waiter {@linkplain #tryCancel cancels} it (timeout, interrupt, context). Whoever wins owns
 * the outcome: a waker whose claim fails knows the waiter has left and tries the next node.
 *
 * <p>The {@link Waiter} is only the parking device (and what records the wait reason on the
 * goroutine). Keeping the outcome here rather than in the Waiter lets an <em>uninterruptible</em>
 * wait survive an interrupt without losing its place in the queue: the Waiter completes itself as
 * INTERRUPTED, and the goroutine installs a fresh Waiter in the same node and parks again. The race
 * with a waker is Dekker-shaped and safe because both fields are volatile: the waker writes
 * {@code state}, then reads {@code waiter}; the goroutine writes {@code waiter}, then reads
 * {@code state}; at least one of them sees the other's write, so either the waker unparks the fresh
 * Waiter or the goroutine sees its outcome without parking.
 */
final class WaitNode {

    /** Not decided yet. */
    static final int WAITING = 0;
    /** Woken: the waiter must compete again (Mutex normal mode) or its event happened (Cond, WaitGroup). */
    static final int WOKEN = 1;
    /** Ownership was handed over: the waiter holds the lock on return. */
    static final int HANDOFF = 2;
    /** The waiter gave up (timeout, interrupt, context) and must unlink itself. */
    static final int CANCELLED = 3;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(WaitNode.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state;
    private volatile Waiter waiter;
    /** Set by {@link #interruptWait}: the waiter should give up at its next look (Dekker with {@code waiter}). */
    private volatile boolean abandon;

    /** A node for the calling thread. */
    WaitNode() {
        this.waiter = new Waiter();
    }

    int state() {
        return state;
    }

    /** Decides the outcome without waking the waiter yet; false if it was already decided. */
    boolean claim(int outcome) {
        return STATE.compareAndSet(this, WAITING, outcome);
    }

    /** Unparks the waiter after a successful {@link #claim}. */
    void wake() {
        waiter.complete(Waiter.DONE);
    }

    /** {@link #claim} then {@link #wake}. */
    boolean grant(int outcome) {
        if (claim(outcome)) {
            wake();
            return true;
        }
        return false;
    }

    /** Called by the waiter: gives up its place; false if a waker decided first. */
    boolean tryCancel() {
        return STATE.compareAndSet(this, WAITING, CANCELLED);
    }

    /** Ends the current park early (a context became done); the waiter then tries to cancel. */
    void interruptWait() {
        abandon = true;
        waiter.complete(Waiter.CANCELLED);
    }

    /**
     * Parks until a waker decides the outcome, ignoring interrupts (Go's semantics); the interrupt
     * flag is restored on return if one arrived.
     */
    int awaitUninterruptibly(WaitReason reason, Object blocker) {
        boolean interrupted = false;
        int s;
        while ((s = state) == WAITING) {
            Waiter w = waiter;
            try {
                w.await(reason, blocker);
            } catch (InterruptedException e) {
                interrupted = true;
                if (state == WAITING) {
                    waiter = new Waiter(); // keep our place in the queue; see the class comment
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return s;
    }

    /**
     * Parks until a waker decides the outcome, or until this wait is given up: on interrupt (if
     * {@code interruptible}), once {@code nanos} pass on {@code clock} ({@code nanos < 0}: never), or
     * when {@link #interruptWait} is called. Giving up succeeds only if it wins the CAS against the
     * wakers; then this returns {@link #CANCELLED} (or throws InterruptedException) and the caller must
     * unlink the node. If a waker won, its outcome is returned, with the interrupt flag set if an
     * interrupt was swallowed.
     */
    int await(WaitReason reason, Object blocker, boolean interruptible, Clock clock, long nanos)
            throws InterruptedException {
        long deadline = nanos >= 0 ? clock.nanoTime() + nanos : 0;
        boolean interrupted = false;
        int s;
        while ((s = state) == WAITING) {
            if (abandon && tryCancel()) {
                s = CANCELLED;
                break;
            }
            Waiter w = waiter;
            int r;
            try {
                r = nanos >= 0
                        ? w.awaitNanos(reason, blocker, clock, deadline - clock.nanoTime())
                        : w.await(reason, blocker);
            } catch (InterruptedException e) {
                if (interruptible && tryCancel()) {
                    throw e;
                }
                interrupted = true;
                if (state == WAITING) {
                    waiter = new Waiter();
                }
                continue;
            }
            if (r != Waiter.DONE && tryCancel()) {
                s = CANCELLED; // timed out, or a context is done
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return s;
    }

    /** {@link #await(WaitReason, Object, boolean, Clock, long)}, also given up when {@code ctx} (if any) says so. */
    int await(WaitReason reason, Object blocker, boolean interruptible, Clock clock, long nanos, Canceller ctx)
            throws InterruptedException {
        if (ctx == null) {
            return await(reason, blocker, interruptible, clock, nanos);
        }
        Watch w = ctx.watch(this);
        try {
            return await(reason, blocker, interruptible, clock, nanos);
        } finally {
            w.close();
        }
    }

    /** Something that can end a wait early (a context): watches a parked node. */
    interface Canceller {
        /** Starts watching {@code node}: calls {@link #interruptWait} on it when the wait must end. */
        Watch watch(WaitNode node);
    }

    /**
     * The canceller of a context that can be done ({@code ctx.done() != null}): when it is done, the
     * watched node's wait ends. Uses only the public {@link Context#afterFunc} (so it works for users'
     * own contexts too); the watch's close is its stop function, so nothing lingers after the wait.
     */
    static Canceller of(Context ctx) {
        return node -> {
            Context.Stop stop = Context.afterFunc(ctx, node::interruptWait);
            return () -> stop.stop();
        };
    }

    /** Stops a {@link Canceller}'s watch. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
