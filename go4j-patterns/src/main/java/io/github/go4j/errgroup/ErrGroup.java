package io.github.go4j.errgroup;

import io.github.go4j.Go;
import io.github.go4j.context.CancelCauseContext;
import io.github.go4j.context.Context;
import io.github.go4j.internal.Bubble;
import io.github.go4j.internal.Bubbles;
import io.github.go4j.internal.G;
import io.github.go4j.internal.WaitReason;
import io.github.go4j.internal.Waiter;
import io.github.go4j.patterns.internal.Durability;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * ErrGroup runs a group of goroutines working on subtasks of one task, and collects the first error:
 * Go's {@code golang.org/x/sync/errgroup.Group}.
 *
 * <ul>
 * <li>{@link #go(Task)} starts a task in a new goroutine; {@link #await()} (Go's {@code Wait}) blocks
 * until every task has returned, then returns the first error, or null (XS01).</li>
 * <li>{@link #withContext(Context)} makes a group with a derived context, {@link #context()}: it is
 * cancelled, with the first error as its {@linkplain Context#cause() cause}, as soon as a task fails;
 * otherwise when {@code await} returns, with cause {@link Context#CANCELED} (XS02).</li>
 * <li>{@link #setLimit(int)} caps the number of active tasks: {@code go} then blocks for a free slot and
 * {@link #tryGo(Task)} returns false instead (XS03). A negative limit means none; zero blocks every new
 * task. Changing the limit while limited tasks are active fails with Go's message.</li>
 * </ul>
 * Unlike {@code StructuredTaskScope.fork}, any goroutine may call {@code go}, including the group's own
 * tasks; the group has no owner thread.
 *
 * <p><b>Errors and panics</b> (ADR 0037). An {@link Exception} thrown by a task is its error. A
 * {@link java.lang.Error} is Go's panic: Go (since x/sync v0.16, XS04) lets it crash the process; go4j
 * reports it like any goroutine panic (see {@link Go}), cancels the context with it, and rethrows it from
 * {@code await}, so that it can never be lost.
 *
 * <p><b>Blocking and interrupts.</b> {@code await} blocks until the tasks are done; an interrupt makes it
 * throw {@link InterruptedException} (the tasks go on). {@code go} blocks only while the limit is reached;
 * if interrupted then, it does not start the task, records the {@link InterruptedException} as the
 * group's error (cancelling the context) and keeps the thread's interrupt flag set.
 *
 * <p><b>Test bubbles (TH07).</b> As Go's {@code Wait} is a {@code WaitGroup.Wait}, the group belongs to
 * the go4j-test synctest bubble in which {@code go}/{@code tryGo} are called (it may move while no task
 * runs): there, {@code await} is durably blocked (shown as {@code sync.WaitGroup.Wait (durable)}), so
 * the bubble's clock moves past it while the tasks sleep. An {@code await} on tasks started outside the
 * caller's bubble is not durable: time stands still until they return. Likewise {@code go} waiting
 * for a slot is durable only in the bubble where {@link #setLimit} was called (Go's semaphore channel
 * is made there). Where Go's {@code WaitGroup} would report tasks added both inside and outside a
 * bubble as a fatal error, go4j counts the group's waits as not durable until it is idle again.
 *
 * <p><b>Memory consistency.</b> Actions in a task happen-before the return of {@code await}; actions
 * before {@code go} happen-before the task starts. Null tasks throw NullPointerException.
 *
 * {@snippet :
 * ErrGroup g = ErrGroup.withContext(ctx);
 * String[] pages = new String[urls.size()];
 * for (int i = 0; i < urls.size(); i++) {
 *     int idx = i;
 *     g.go(() -> pages[idx] = fetch(g.context(), urls.get(idx))); // the first failure cancels the rest
 * }
 * Exception err = g.await();          // null if every fetch succeeded
 * if (err != null) {
 *     throw err;
 * }
 * }
 */
public final class ErrGroup {

    /** A task: Go's {@code func() error}, where throwing is returning an error. */
    @FunctionalInterface
    public interface Task {
        /** Runs the task; an exception is its error. */
        void run() throws Exception;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final CancelCauseContext ctx; // null for a plain group
    // Guarded by lock.
    private int running; // tasks started and not returned (Go's wg)
    private final List<Waiter> awaiters = new ArrayList<>();
    private int limit = -1; // Go's cap(sem); -1 means no limit
    private int active; // Go's len(sem): slots held
    private final ArrayDeque<Waiter> slotWaiters = new ArrayDeque<>();
    private Throwable err; // the first error (errOnce)
    // The synctest bubble of the goroutines that counted the running tasks in, or null (see countIn).
    private Bubble bubble;
    // The bubble setLimit was called in: Go's sem channel belongs to it.
    private Bubble semBubble;

    /** Creates a group with no limit and no context (Go's zero {@code Group}, XS01). */
    public ErrGroup() {
        this.ctx = null;
    }

    private ErrGroup(CancelCauseContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Creates a group whose {@link #context()} is derived from {@code parent} and cancelled with the first
     * error, or when {@link #await()} returns (Go's {@code WithContext}, XS02).
     */
    public static ErrGroup withContext(Context parent) {
        return new ErrGroup(Context.withCancelCause(Objects.requireNonNull(parent, "parent")));
    }

    /** The derived context of {@link #withContext}, or {@link Context#background()} for a plain group. */
    public Context context() {
        return ctx != null ? ctx : Context.background();
    }

    /**
     * Starts {@code task} in a new goroutine, first waiting for a free slot if a limit is set (XS03).
     * The first task to fail sets the group's error and cancels its context.
     */
    public void go(Task task) {
        Objects.requireNonNull(task, "task");
        int slot;
        try {
            slot = acquireSlot(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
            return;
        }
        start(task, slot == SLOT);
    }

    /**
     * Starts {@code task} only if a slot is free now; returns whether it did (Go's {@code TryGo}, XS03).
     */
    public boolean tryGo(Task task) {
        Objects.requireNonNull(task, "task");
        int slot;
        try {
            slot = acquireSlot(false);
        } catch (InterruptedException impossible) {
            throw new AssertionError(impossible);
        }
        if (slot == NONE) {
            return false;
        }
        start(task, slot == SLOT);
        return true;
    }

    /**
     * Limits the number of active tasks to {@code n}; negative means no limit (XS03).
     *
     * @throws IllegalStateException {@code errgroup: modify limit while N goroutines in the group are
     *         still active} if tasks started under a limit are still running
     */
    public void setLimit(int n) {
        lock.lock();
        try {
            if (n < 0) {
                limit = -1;
                return;
            }
            if (active != 0) {
                throw new IllegalStateException("errgroup: modify limit while " + active
                        + " goroutines in the group are still active");
            }
            limit = n;
            semBubble = Durability.here(); // Go makes the sem channel here
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until every task started with {@link #go} or {@link #tryGo} has returned, then cancels the
     * context (if any) and returns the first error, or null (Go's {@code Wait}).
     *
     * @throws Error the first failure, if it was an Error (a panic)
     * @throws InterruptedException if interrupted while waiting
     */
    public Exception await() throws InterruptedException {
        Waiter w = null;
        WaitReason reason = null;
        lock.lock();
        try {
            if (running > 0) {
                w = new Waiter();
                awaiters.add(w);
                reason = Durability.reason(WaitReason.WAITGROUP_WAIT, bubble); // TH07, as a WaitGroup's
            }
        } finally {
            lock.unlock();
        }
        if (w != null) {
            try {
                w.await(reason, this);
            } catch (InterruptedException e) {
                lock.lock();
                try {
                    awaiters.remove(w);
                } finally {
                    lock.unlock();
                }
                throw e;
            }
        }
        Throwable first;
        lock.lock();
        try {
            first = err;
        } finally {
            lock.unlock();
        }
        if (ctx != null) {
            ctx.cancel(first);
        }
        if (first instanceof Error e) {
            throw e;
        }
        return (Exception) first;
    }

    // ---------------------------------------------------------------- internals

    /** acquireSlot: no slot free (tryGo). */
    private static final int NONE = 0;
    /** acquireSlot: no limit, counted in without a slot. */
    private static final int UNLIMITED = 1;
    /** acquireSlot: counted in, holding a slot. */
    private static final int SLOT = 2;

    /** Counts a task in, taking a slot if limited; blocks (block=true) or returns NONE. */
    private int acquireSlot(boolean block) throws InterruptedException {
        Waiter w;
        WaitReason reason;
        lock.lock();
        try {
            if (limit < 0) {
                countIn(callerBubble());
                return UNLIMITED;
            }
            if (active < limit && slotWaiters.isEmpty()) {
                active++;
                countIn(callerBubble());
                return SLOT;
            }
            if (!block) {
                return NONE;
            }
            w = new Waiter();
            slotWaiters.addLast(w);
            reason = Durability.reason(WaitReason.CHAN_SEND, semBubble);
        } finally {
            lock.unlock();
        }
        try {
            w.await(reason, this); // Go blocks sending on its sem channel
        } catch (InterruptedException e) {
            lock.lock();
            try {
                slotWaiters.remove(w);
            } finally {
                lock.unlock();
            }
            throw e;
        }
        return SLOT; // the releaser counted us in (active++, countIn)
    }

    /**
     * The calling goroutine's bubble: looked up only when this group has one or some bubble is live.
     * Guarded by lock.
     */
    private Bubble callerBubble() {
        return bubble != null || Bubbles.any() ? Bubbles.current() : null;
    }

    /**
     * Counts a task in for a goroutine of bubble {@code b} (Go's {@code wg.Add(1)}). An idle group takes
     * the bubble of its first task, as an idle WaitGroup moves; a task counted from elsewhere while
     * others run makes the group's waits not durable until it is idle again. Guarded by lock.
     */
    private void countIn(Bubble b) {
        if (running == 0) {
            bubble = b;
        } else if (bubble != b) {
            bubble = null;
        }
        running++;
    }

    private void start(Task task, boolean holdsSlot) {
        try {
            Go.go(() -> {
                Throwable failure = null;
                try {
                    task.run();
                } catch (Throwable t) {
                    failure = t;
                    fail(t);
                } finally {
                    done(holdsSlot);
                }
                if (failure instanceof Error e) {
                    throw e; // reported as a goroutine panic too
                }
            });
        } catch (RuntimeException | Error e) {
            fail(e);
            done(holdsSlot);
            throw e;
        }
    }

    /** Records the first error and cancels the context with it. */
    private void fail(Throwable t) {
        boolean first;
        lock.lock();
        try {
            first = err == null;
            if (first) {
                err = t;
            }
        } finally {
            lock.unlock();
        }
        if (first && ctx != null) {
            ctx.cancel(t);
        }
    }

    /** A task returned: free its slot (handing it to the next waiter) and count it out. */
    private void done(boolean holdsSlot) {
        List<Waiter> wake = null;
        lock.lock();
        try {
            if (holdsSlot) {
                active--;
                Waiter next;
                while ((limit < 0 || active < limit) && (next = slotWaiters.pollFirst()) != null) {
                    if (next.complete(Waiter.DONE)) {
                        active++;
                        G g = next.g();
                        countIn(g != null ? g.bubble() : null); // counted in for the waiter
                    }
                }
            }
            running--;
            if (running == 0 && !awaiters.isEmpty()) {
                wake = new ArrayList<>(awaiters);
                awaiters.clear();
            }
        } finally {
            lock.unlock();
        }
        if (wake != null) {
            for (Waiter w : wake) {
                w.complete(Waiter.DONE);
            }
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "ErrGroup[running=" + running + ", limit=" + limit + ", err=" + err + "]";
        } finally {
            lock.unlock();
        }
    }
}
