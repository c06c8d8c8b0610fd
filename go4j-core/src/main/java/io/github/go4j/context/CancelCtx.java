package io.github.go4j.context;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.chan.Select;
import io.github.go4j.internal.Bubble;
import io.github.go4j.internal.Bubbles;
import io.github.go4j.internal.Chan;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Go's cancelCtx: a node of the cancel tree. {@link TimerCtx}, {@link CauseCtx} and
 * {@link AfterFuncCtx} extend it.
 *
 * <h2>Implementation notes</h2>
 * <p>Each node has one {@link ReentrantLock} guarding its list of children, {@link #parentStop} and the
 * transition of {@link #err} from null to non-null. The lock is held only for short, non-blocking work:
 * closing the done channel (which never blocks), recursing into children, starting an afterFunc
 * goroutine. Locks are always taken parent before child: a cancel holds its own lock while it cancels
 * its children (which lock themselves), exactly as Go does, so that when a cancel returns every
 * descendant is done (CX04), even if another cancel of the same node raced ahead of it. Unlinking from
 * the parent happens after the node's own lock is released, so the child-then-parent order never
 * occurs while holding a lock.
 *
 * <p>A cancel runs in three steps under the lock: it sets {@link #err} (and {@link #cause}), cancels the
 * children, then closes its own done channel and sets {@link #settled}. {@link #err()} and
 * {@link #cause()} read the volatile fields without locking once settled; a reader that finds err set
 * but not yet settled waits for the lock, as Go's {@code Err} does (it always locks). So, as in Go,
 * {@code err() != null} implies that done is closed and that every descendant is done, and observing
 * any node's done or err never runs ahead of its descendants: the tree's states, read one node at a
 * time, are linearizable (CancelTreeLincheckTest). Closing our own done channel after the children's
 * (Go closes it first) extends that to receives from {@code done()}: a goroutine woken by a parent's
 * done finds its children done too.
 *
 * <p>The children form an intrusive doubly-linked list ({@link #firstChild}, and each child's
 * {@link #prev}/{@link #next}, all guarded by the parent's lock): O(1) link and unlink, no allocation,
 * and, unlike a hash set of identity hashes, a deterministic order, which Lincheck's replay needs.
 *
 * <p>The done channel is made lazily, on the first {@link #done()} call, as in Go: a context that is
 * cancelled before anyone asks for it never makes one and shares {@link Closed#CHANNEL}.
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
    /** Null until cancelled; then CANCELED or DEADLINE_EXCEEDED, forever. Written after cause, under lock. */
    private volatile ContextException err;
    /** The cause, set with err (published by err's volatile write). */
    private Throwable cause;
    /** Set, under lock, once the cancel that set err has cancelled the children and closed done. */
    private volatile boolean settled;
    /** Head of the list of children linked for synchronous propagation; guarded by lock. */
    private CancelCtx firstChild;
    /** This node's neighbours in {@link #linkedParent}'s list; guarded by the parent's lock. */
    private CancelCtx prev;
    private CancelCtx next;
    /** Whether this node is in {@link #linkedParent}'s list; guarded by the parent's lock. */
    private boolean linked;
    /** The CancelCtx this node was linked into, if any (for unlinking). */
    private volatile CancelCtx linkedParent;
    /** Unregisters this node from a custom parent's afterFunc (CX06); guarded by lock. */
    private Context.Stop parentStop;

    /**
     * The bubble this context was made in (null: none), which its lazily made done channel belongs to
     * (TH10): a context made outside a bubble whose done() is first called inside one can still be
     * cancelled from outside.
     */
    private final Bubble bubble;

    CancelCtx(Context parent) {
        this.parent = Names.requireParent(parent);
        this.bubble = Bubbles.any() ? Bubbles.current() : null;
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
                d = err != null ? Closed.CHANNEL : Chan.makeOwned(bubble);
                done = d;
            }
            return d;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final ContextException err() {
        ContextException e = err;
        if (e != null && !settled) {
            awaitSettled();
        }
        return e;
    }

    @Override
    public final Throwable cause() {
        ContextException e = err; // the volatile read of err publishes cause
        if (e == null) {
            return null;
        }
        if (!settled) {
            awaitSettled();
        }
        return cause;
    }

    /**
     * A cancel is under way on another thread: wait for it to finish (it holds the lock only for
     * non-blocking work). The cancelling thread itself re-enters the lock and does not wait.
     */
    private void awaitSettled() {
        lock.lock();
        lock.unlock();
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
     * Sets err and cause, cancels the children, closes done, and if {@code removeFromParent} unlinks
     * this node. The first call wins; later ones return at once (but only after the first has finished,
     * as they wait on the lock). A null cause means "same as err".
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
            err = e; // from here on err()/cause() on other threads wait for `settled`
            CancelCtx k = firstChild;
            firstChild = null;
            while (k != null) {
                CancelCtx after = k.next;
                k.prev = null;
                k.next = null;
                k.linked = false;
                k.cancel(false, e, c); // already off our list, so they need not unlink themselves
                k = after;
            }
            Channel<Void> d = done;
            if (d != null) {
                d.close(); // after the children's: whoever wakes on it finds the subtree done
            }
            settled = true;
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
                if (linked) {
                    if (prev != null) {
                        prev.next = next;
                    } else {
                        p.firstChild = next;
                    }
                    if (next != null) {
                        next.prev = prev;
                    }
                    prev = null;
                    next = null;
                    linked = false;
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
            } else if (q instanceof NeverDone) {
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
                CancelCtx head = p.firstChild;
                next = head;
                if (head != null) {
                    head.prev = this;
                }
                p.firstChild = this;
                linked = true;
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
            int n = 0;
            for (CancelCtx k = firstChild; k != null; k = k.next) {
                n++;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Test hook: whether {@code c} is linked as a child of this node. */
    final boolean hasChild(CancelCtx c) {
        lock.lock();
        try {
            for (CancelCtx k = firstChild; k != null; k = k.next) {
                if (k == c) {
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }
}
