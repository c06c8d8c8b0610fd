package io.github.go4j.sync;

import io.github.go4j.Go;
import io.github.go4j.context.Context;
import io.github.go4j.context.ContextException;
import io.github.go4j.internal.Bubble;
import io.github.go4j.internal.Bubbles;
import io.github.go4j.internal.Clock;
import io.github.go4j.internal.Panics;
import io.github.go4j.internal.WaitReason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * WaitGroup waits for a collection of tasks to finish: Go's {@code sync.WaitGroup}. It is a counter:
 * {@link #add(int)} raises it before starting work, each task calls {@link #done()} when it finishes,
 * and {@link #await()} (Go's {@code Wait}, a name {@link Object} has taken) blocks until it is zero.
 * {@link #go(Go.Task)} does all three for one task (Go 1.25's {@code wg.Go}).
 *
 * <p><b>Rules of use (SY01-SY05).</b> Calls to {@code add} with a positive delta that start from a
 * zero counter must happen before {@code await}. If the counter would go negative,
 * {@code add}/{@code done} throw {@link IllegalStateException} {@code "sync: negative WaitGroup counter"}
 * and leave the counter unchanged (SY01). {@code await} on a zero counter returns at once, and every
 * goroutine waiting is released when the counter reaches zero (SY02). A WaitGroup may be reused for a
 * new round once every {@code await} of the previous round has returned (SY03); misuse is detected
 * on a best-effort basis, with Go's messages {@code "sync: WaitGroup misuse: Add called concurrently
 * with Wait"} and {@code "sync: WaitGroup is reused before previous Wait has returned"}.
 *
 * <p><b>Panicking tasks.</b> A task started by {@link #go(Go.Task)} that throws is reported as a
 * panic (see {@link Go}) <em>before</em> its {@code done()}: an {@code await} can never return ahead
 * of the report (SY05).
 *
 * <p><b>Blocking and interrupts.</b> {@link #await()} is interruptible (unlike Go's Wait, which nothing
 * interrupts): an interrupt ends the wait with {@link InterruptedException} and leaves the group as if
 * this waiter had never come. A blocked goroutine shows wait reason {@code sync.WaitGroup.Wait}.
 *
 * <p><b>Test bubbles (TH07, TH10).</b> As in Go 1.25, a WaitGroup whose {@code add} is called inside
 * a go4j-test synctest bubble belongs to that bubble: an {@code await} there is durably blocked
 * (shown as {@code sync.WaitGroup.Wait (durable)}), so the bubble's clock may move past it; an
 * {@code await} in a bubble on a group whose {@code add} was called outside it is not durable, since
 * the goroutine that will call {@code done} may be outside. Calling {@code add} (or {@code done})
 * both inside and outside a bubble, or from two bubbles, while the counter is not zero or goroutines
 * wait is a fatal error: {@link SyncFatalError} {@code "fatal error: sync: WaitGroup.Add called from
 * inside and outside synctest bubble"} (or {@code "... from multiple synctest bubbles"}), with the
 * counter left unchanged. A group whose counter is zero with nobody waiting may move to another bubble
 * or out of bubbles. Detection is best-effort where the two calls race.
 *
 * <p><b>Memory consistency (SY04).</b> Each {@code done()} (and the return of a task started by
 * {@code go}) happens-before the return of every {@code await} it unblocks.
 *
 * <p><b>Nulls.</b> A null task, {@code Duration} or {@code Context} throws {@link NullPointerException}.
 *
 * {@snippet :
 * WaitGroup wg = new WaitGroup();
 * for (String url : urls) {
 *     wg.go(() -> fetch(url));
 * }
 * wg.await();
 * }
 */
public final class WaitGroup {

    /*
     * Implementation overview (Go's design, with a lock for the waiter list).
     *
     * `state` packs the counter (high 32 bits, signed) and the number of waiters (low 32 bits). add
     * and done are a CAS on it. Waiters register under `qlock`: one CAS adding a waiter, and their
     * node appended to `waiters`, the current round's list. The add that brings the counter to zero
     * with waiters present takes qlock, resets the whole state to zero and swaps the list for a new
     * one, then wakes the old list. Because registration and the swap happen under qlock, a waiter
     * counted in the state is always on the list being swapped. A cancelled waiter (interrupt,
     * timeout) that wins its node's CAS removes itself and its count under qlock; if it is no longer
     * on the list, the round's release has already reset the count.
     */

    private static final VarHandle STATE;
    private static final VarHandle BUBBLE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(WaitGroup.class, "state", long.class);
            BUBBLE = MethodHandles.lookup().findVarHandle(WaitGroup.class, "bubble", Bubble.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long state;
    /**
     * The synctest bubble whose goroutines call {@code add}, or null (TH07, TH10). Changes only while
     * the state is zero; read by every {@code add}, whose other bubble check is gated by
     * {@link Bubbles#any()}, so that outside bubbles an add costs two plain loads more.
     */
    private volatile Bubble bubble;
    private final ReentrantLock qlock = new ReentrantLock();
    /** This round's waiters; guarded by qlock. */
    private ArrayList<WaitNode> waiters = new ArrayList<>();

    /** Creates a WaitGroup with a zero counter (Go's zero value). */
    public WaitGroup() {}

    private static int counter(long s) {
        return (int) (s >> 32);
    }

    private static int waiterCount(long s) {
        return (int) s;
    }

    /**
     * Adds {@code delta}, which may be negative, to the counter. When it reaches zero, every goroutine
     * blocked in {@link #await()} is released.
     *
     * @throws IllegalStateException {@code "sync: negative WaitGroup counter"} if the counter would go
     *     below zero (the counter is left unchanged), or a misuse message (SY03)
     * @throws SyncFatalError {@code "fatal error: sync: WaitGroup.Add called from inside and outside
     *     synctest bubble"} (TH10), or {@code "... from multiple synctest bubbles"}; see the class comment
     */
    public void add(int delta) {
        if (bubble != null || Bubbles.any()) {
            checkBubble();
        }
        long s;
        long n;
        for (;;) {
            s = state;
            long v = (long) counter(s) + delta;
            if (v < 0) {
                throw new IllegalStateException("sync: negative WaitGroup counter");
            }
            if (v > Integer.MAX_VALUE) {
                throw new IllegalStateException("sync: WaitGroup counter overflows");
            }
            int w = waiterCount(s);
            if (w != 0 && delta > 0 && v == delta) {
                throw new IllegalStateException("sync: WaitGroup misuse: Add called concurrently with Wait");
            }
            n = (v << 32) | (w & 0xFFFF_FFFFL);
            if (STATE.compareAndSet(this, s, n)) {
                break;
            }
        }
        if (counter(n) > 0 || waiterCount(n) == 0) {
            return;
        }
        release();
    }

    /**
     * Associates this group with the caller's bubble (or with none), as Go 1.25's {@code Add} does:
     * allowed while the state is zero (nobody counted, nobody waiting), else a fatal error if the
     * group belongs elsewhere.
     */
    private void checkBubble() {
        Bubble b = Bubbles.current();
        for (;;) {
            Bubble cur = bubble;
            if (cur == b) {
                return;
            }
            if (state != 0) {
                if (bubble != cur) {
                    continue; // another add of b associated it (and counted) since we read cur
                }
                throw new SyncFatalError(cur != null && b != null
                        ? "sync: WaitGroup.Add called from multiple synctest bubbles"
                        : "sync: WaitGroup.Add called from inside and outside synctest bubble");
            }
            if (BUBBLE.compareAndSet(this, cur, b)) {
                return; // an idle group moves (Go allows reuse in another bubble at a zero count)
            }
        }
    }

    /** Decrements the counter by one: {@code add(-1)}. */
    public void done() {
        add(-1);
    }

    /** The counter reached zero with waiters present: reset the state, wake this round's waiters. */
    private void release() {
        ArrayList<WaitNode> round;
        qlock.lock();
        try {
            for (;;) {
                long s = state;
                if (counter(s) != 0) {
                    // Go checks that nothing changed between the add and the wake-up.
                    throw new IllegalStateException("sync: WaitGroup misuse: Add called concurrently with Wait");
                }
                if (STATE.compareAndSet(this, s, 0L)) {
                    break;
                }
            }
            round = waiters;
            waiters = new ArrayList<>();
        } finally {
            qlock.unlock();
        }
        for (WaitNode node : round) {
            node.grant(WaitNode.WOKEN);
        }
    }

    /**
     * Blocks until the counter is zero (Go's {@code Wait}). Returns at once if it is zero already.
     *
     * @throws InterruptedException if interrupted while waiting; this waiter then no longer counts
     * @throws IllegalStateException {@code "sync: WaitGroup is reused before previous Wait has returned"}
     *     if another round started before this waiter woke up (SY03)
     */
    public void await() throws InterruptedException {
        if (counter(state) == 0) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return;
        }
        awaitSlow(-1, null);
    }

    /**
     * Blocks until the counter is zero or {@code timeout} has passed on the library clock.
     *
     * @return true if the counter reached zero, false if the time passed first
     * @throws InterruptedException if interrupted while waiting
     * @throws NullPointerException if timeout is null
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long nanos = Mutex.nanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (counter(state) == 0) {
            return true;
        }
        return nanos > 0 && awaitSlow(nanos, null);
    }

    /**
     * Blocks until the counter is zero, unless {@code ctx} is done first. If {@code ctx} is already
     * done it throws at once, even if the counter is zero. A context that can never be done
     * ({@code ctx.done() == null}) makes this {@link #await()}.
     *
     * @throws ContextException {@code ctx.err()} if the context was done first; this waiter then no
     *     longer counts
     * @throws InterruptedException if interrupted while waiting
     * @throws NullPointerException if ctx is null
     */
    public void await(Context ctx) throws ContextException, InterruptedException {
        ContextException e = ctx.err();
        if (e != null) {
            throw e;
        }
        if (ctx.done() == null) {
            await();
            return;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (counter(state) == 0) {
            return;
        }
        if (!awaitSlow(-1, WaitNode.of(ctx))) {
            throw ctx.err();
        }
    }

    /** Registers and parks; false if given up (timeout or {@code ctx}). */
    boolean awaitSlow(long nanos, WaitNode.Canceller ctx) throws InterruptedException {
        Clock clock = Clock.current();
        WaitNode node = new WaitNode();
        qlock.lock();
        try {
            for (;;) {
                long s = state;
                if (counter(s) == 0) {
                    return true;
                }
                if (STATE.compareAndSet(this, s, s + 1)) {
                    break;
                }
            }
            waiters.add(node);
        } finally {
            qlock.unlock();
        }
        // TH07: durable only in the bubble where add was called; the goroutine is looked up only then.
        Bubble wb = bubble;
        WaitReason reason = wb != null && wb == Bubbles.current() ? WaitReason.WAITGROUP_WAIT_DURABLE : WaitReason.WAITGROUP_WAIT;
        int r;
        try {
            r = node.await(reason, this, true, clock, nanos, ctx);
        } catch (InterruptedException e) {
            unlink(node);
            throw e;
        }
        if (r == WaitNode.CANCELLED) {
            unlink(node);
            return false;
        }
        if (state != 0) {
            throw new IllegalStateException("sync: WaitGroup is reused before previous Wait has returned");
        }
        return true;
    }

    private void unlink(WaitNode node) {
        qlock.lock();
        try {
            if (waiters.remove(node)) {
                for (;;) {
                    long s = state;
                    if (STATE.compareAndSet(this, s, s - 1)) {
                        break;
                    }
                }
            }
        } finally {
            qlock.unlock();
        }
    }

    /**
     * Runs {@code task} in a new goroutine and adds it to the group (Go 1.25's {@code wg.Go}):
     * {@code add(1)} now, in the caller, then the goroutine, then {@code done()} when the task returns.
     * If the task throws, the exception is reported as a panic (see {@link Go}), and only then is
     * {@code done()} called, so no {@link #await()} returns before the report (SY05). On an empty group,
     * call it before {@code await}; a task may itself call {@code go} on the same group.
     *
     * @return the goroutine's thread
     * @throws NullPointerException if task is null
     */
    public Thread go(Go.Task task) {
        Objects.requireNonNull(task, "task");
        add(1);
        try {
            return Panics.start(task, task::run, this::done, null);
        } catch (Throwable t) {
            done();
            throw t;
        }
    }

    @Override
    public String toString() {
        long s = state;
        return "WaitGroup[counter=" + counter(s) + ", waiters=" + waiterCount(s) + "]";
    }
}
