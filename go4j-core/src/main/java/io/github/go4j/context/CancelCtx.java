package io.github.go4j.context;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.chan.Select;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Go's cancelCtx: a node of the cancel tree. {@link TimerCtx}, {@link CauseCtx} and
 * {@link AfterFuncCtx} extend it.
 *
 * <h2>Implementation notes</h2>
 * <p>Each node has one {@link ReentrantLock} guarding {@link #children}, {@link #parentStop} and the
 * transition of {@link #err} from null to non-null. The lock is held only for short, non-blocking work:
 * closing the done channel (which never blocks), recursing into children, starting an afterFunc
 * goroutine. Locks are always taken parent before child: a cancel holds its own lock while it cancels
 * its children (which lock themselves), exactly as Go does, so that when a cancel returns every
 * descendant is done (CX04), even if another cancel of the same node raced ahead of it. Unlinking from
 * the parent happens after the node's own lock is released, so the child-then-parent order never
 * occurs while holding a lock.
 *
 * <p>{@link #err} is volatile and written after {@link #cause}, so a reader that sees a non-null err
 * also sees the cause without taking the lock. The done channel is made lazily, on the first
 * {@link #done()} call, as in Go: a context that is cancelled before anyone asks for it never makes
 * one and shares {@link Closed#CHANNEL}.
 */
class CancelCtx implements CancelContext {

    /** Go's {@code &cancelCtxKey}: value(CANCEL_CTX_KEY) answers the nearest CancelCtx ancestor. */
    static final Object CANCEL_CTX_KEY = new Object() {
        @Override
        public String toString() {
            return "context.cancelCtxKey";
        }
    };

    /** A closed channel shared by every context that was done before its channel was asked for. */
    private static final class Closed {
        static final Channel<Void> CHANNEL = closed();

        private static Channel<Void> closed() {
            Channel<Void> c = Channel.make();
            c.close();
            return c;
        }
    }

    final Context parent;
    /** Guards children, parentStop, and err's one transition. Held only for non-blocking work. */
    final ReentrantLock lock = new ReentrantLock();
    /** Made lazily by done(); closed by cancel. */
    private volatile Channel<Void> done;
    /** Null until cancelled; then CANCELED or DEADLINE_EXCEEDED, forever. Written after cause. */
    private volatile ContextException err;
    /** The cause, set with err (published by err's volatile write). */
    private Throwable cause;
    /** Children linked for synchronous propagation; null when none or after cancel. Guarded by lock. */
    private Set<CancelCtx> children;
    /** The CancelCtx this node is linked into, if any (for unlinking). */
    private volatile CancelCtx linkedParent;
    /** Unregisters this node from a custom parent's afterFunc (CX06); guarded by lock. */
    private Context.Stop parentStop;

    CancelCtx(Context parent) {
        this.parent = Names.requireParent(parent);
    }

    /** Go's {@code WithCancel}. */
    static CancelContext withCancel(Context parent) {
        CancelCtx c = new CancelCtx(parent);
        c.propagateCancel();
        return c;
    }

    /** Go's {@code WithCancelCause}. */
    static CancelCauseContext withCancelCause(Context parent) {
        CauseCtx c = new CauseCtx(parent);
        c.propagateCancel();
        return c;
    }

    // ---------------------------------------------------------------------------------------------
    // Context
    // ---------------------------------------------------------------------------------------------

    @Override
    public final ReceiveChannel<Void> done() {
        Channel<Void> d = done;
        if (d != null) {
            return d;
        }
        lock.lock();
        try {
            d = done;
            if (d == null) {
                d = err != null ? Closed.CHANNEL : Channel.make();
                done = d;
            }
            return d;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final ContextException err() {
        return err;
    }

    @Override
    public final Throwable cause() {
        return err == null ? null : cause; // the volatile read of err publishes cause
    }

    @Override
    public Optional<Instant> deadline() {
        return parent.deadline();
    }

    @Override
    public final Object value(Object key) {
        return ValueCtx.lookup(this, key);
    }

    @Override
    public String toString() {
        return Names.stringify(parent) + ".WithCancel";
    }

    @Override
    public void cancel() {
        cancel(true, Context.CANCELED, null);
    }

    // ---------------------------------------------------------------------------------------------
    // The tree
    // ---------------------------------------------------------------------------------------------

    /**
     * Closes done, cancels the children, and if {@code removeFromParent} unlinks this node. The first
     * call wins; later ones return at once (but only after the first has finished, as they wait on the
     * lock). A null cause means "same as err".
     */
    void cancel(boolean removeFromParent, ContextException e, Throwable c) {
        if (c == null) {
            c = e;
        }
        lock.lock();
        try {
            if (err != null) {
                return; // already cancelled: the first cancellation wins (CX02, CX07)
            }
            cause = c;
            err = e;
            Channel<Void> d = done;
            if (d != null) {
                d.close();
            }
            Set<CancelCtx> kids = children;
            children = null;
            if (kids != null) {
                for (CancelCtx k : kids) {
                    k.cancel(false, e, c); // we cleared our set, so they need not unlink themselves
                }
            }
        } finally {
            lock.unlock();
        }
        if (removeFromParent) {
            unlink();
        }
    }

    /** Removes this node from its parent's children, or unregisters it from a custom parent. */
    final void unlink() {
        Context.Stop s;
        lock.lock();
        try {
            s = parentStop;
            parentStop = null;
        } finally {
            lock.unlock();
        }
        if (s != null) {
            s.stop();
        }
        CancelCtx p = linkedParent;
        if (p != null) {
            p.lock.lock();
            try {
                if (p.children != null) {
                    p.children.remove(this);
                }
            } finally {
                p.lock.unlock();
            }
        }
    }

    /**
     * Go's {@code propagateCancel}: arranges for this new node to be cancelled when its parent is.
     * Called once, by the factory, right after construction.
     */
    final void propagateCancel() {
        // Fast path through this package's own types, without making any done channel.
        Context q = parent;
        for (;;) {
            if (q instanceof CancelCtx c) {
                linkTo(c);
                return;
            } else if (q instanceof ValueCtx v) {
                q = v.parent;
            } else if (q instanceof EmptyCtx || q instanceof WithoutCancelCtx) {
                return; // the parent can never be cancelled
            } else {
                break; // a custom context somewhere up the chain
            }
        }
        Context p = parent;
        ReceiveChannel<Void> pdone = p.done();
        if (pdone == null) {
            return; // never cancelled
        }
        if (pdone.tryReceiveOk() != null) { // already done (CX05)
            cancel(false, errOf(p), p.cause());
            return;
        }
        // A custom wrapper around one of ours, sharing its done channel: link directly (Go's parentCancelCtx).
        if (p.value(CANCEL_CTX_KEY) instanceof CancelCtx c && c.done() == pdone) {
            linkTo(c);
            return;
        }
        if (p instanceof Context.AfterFuncer a) {
            // Held across the registration, like Go: if the parent fires at once on another thread, its
            // cancel waits until parentStop is recorded, so a later unlink() can unregister.
            lock.lock();
            try {
                parentStop = a.afterFunc(() -> cancel(false, errOf(p), p.cause()));
            } finally {
                lock.unlock();
            }
            return;
        }
        // CX06: a watcher goroutine, which ends when either side is done.
        ReceiveChannel<Void> mine = done();
        Go.go(() -> Select.select(
                Select.onReceive(pdone, (Void v) -> cancel(false, errOf(p), p.cause())),
                Select.onReceive(mine, (Void v) -> {})));
    }

    /** Adds this node to {@code p}'s children, or cancels it at once if {@code p} is already done (CX05). */
    private void linkTo(CancelCtx p) {
        ContextException pe;
        Throwable pc;
        p.lock.lock();
        try {
            pe = p.err;
            if (pe == null) {
                linkedParent = p;
                if (p.children == null) {
                    p.children = new HashSet<>();
                }
                p.children.add(this);
                return;
            }
            pc = p.cause;
        } finally {
            p.lock.unlock();
        }
        cancel(false, pe, pc);
    }

    /** A custom context's err after its done channel closed; defends against one that breaks the rule. */
    private static ContextException errOf(Context p) {
        ContextException e = p.err();
        return e != null ? e : Context.CANCELED;
    }

    /** Test hook: the number of linked children (TestParentFinishesChild, TestChildFinishesFirst). */
    final int childCount() {
        lock.lock();
        try {
            return children == null ? 0 : children.size();
        } finally {
            lock.unlock();
        }
    }

    /** Test hook: whether {@code c} is linked as a child of this node. */
    final boolean hasChild(CancelCtx c) {
        lock.lock();
        try {
            return children != null && children.contains(c);
        } finally {
            lock.unlock();
        }
    }
}
