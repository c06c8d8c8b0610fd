package io.github.go4j.sync;

import io.github.go4j.context.Context;
import io.github.go4j.context.ContextException;
import io.github.go4j.internal.Clock;
import io.github.go4j.internal.WaitFor;
import io.github.go4j.internal.WaitReason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutex is a mutual exclusion lock: Go's {@code sync.Mutex}. A new Mutex is unlocked.
 *
 * <p>A Mutex is <b>not reentrant</b> and <b>not owned</b> by a thread (SY06): a second {@link #lock()}
 * from the goroutine that holds it blocks (a deadlock if nothing else unlocks it), and any goroutine
 * may {@link #unlock()} it, so one goroutine can lock and another unlock. This is what Go programs
 * rely on and what {@link java.util.concurrent.locks.ReentrantLock} does not do. Unlocking a Mutex that
 * is not locked throws {@link SyncFatalError} {@code "fatal error: sync: unlock of unlocked mutex"}
 * (SY07), Go's unrecoverable error.
 *
 * <p><b>Fairness (SY10).</b> Like Go's, the lock has two modes. In normal mode a woken waiter competes
 * with goroutines that have just arrived, which usually win (they are running already): throughput
 * is high. Once a waiter has waited more than 1 ms (real time, as in Go, even inside a test bubble)
 * it switches the Mutex to starvation mode: unlock then hands ownership directly to the waiter at the
 * head of the FIFO queue, and newcomers queue behind it. The mode ends when a waiter that waited less
 * than 1 ms, or the last waiter, gets the lock. A goroutine that keeps locking and unlocking cannot
 * starve another.
 *
 * <p><b>Blocking and interrupts.</b> {@link #lock()} waits like Go's: uninterruptibly; an interrupt
 * that arrives meanwhile is kept (the flag is set again on return). {@link #lockInterruptibly()} and
 * {@link #tryLock(Duration)} give up on interrupt or timeout, {@link #lock(Context)} when a context is
 * done. A blocked goroutine shows wait reason {@code sync.Mutex.Lock} in dumps (RU07); it is not
 * durably blocked (TH07). {@link #tryLock()} never blocks (SY08).
 *
 * <p><b>Deadlock detection.</b> With {@link io.github.go4j.Go#setDeadlockDetection deadlock detection}
 * on, the Mutex remembers which goroutine locked it, so that the detector can follow "waits for the
 * holder of" edges and report a cycle of goroutines waiting on each other, a recursive {@code lock}
 * included (RU04, beyond Go; ADR 0034). A Mutex locked while detection was off has no known holder
 * until it is unlocked. A blocked call whose wait the detector ends, because it reported the wait as
 * part of a deadlock, throws {@link SyncFatalError} with the report's first line (for example
 * {@code "fatal error: partial deadlock: goroutines waiting on each other"}); the caller then does not
 * hold the lock and its place in the queue is gone. With detection off this costs one volatile read
 * per lock and one plain read per unlock, and writes nothing.
 *
 * <p><b>Memory consistency (SY09).</b> For n &lt; m, the n-th {@code unlock} happens-before the m-th
 * successful lock returns. A failed {@code tryLock} creates no happens-before edge.
 *
 * <p>{@link #asLock()} adapts a Mutex to {@link Lock} for code written against
 * {@code java.util.concurrent}.
 *
 * <p><b>Nulls.</b> A null {@code Duration} or {@code Context} throws {@link NullPointerException}.
 *
 * {@snippet :
 * Mutex mu = new Mutex();
 * Map<String, Integer> counts = new HashMap<>();
 *
 * void inc(String key) {
 *     mu.lock();
 *     try {
 *         counts.merge(key, 1, Integer::sum);
 *     } finally {
 *         mu.unlock();      // Go: defer mu.Unlock()
 *     }
 * }
 * }
 */
public final class Mutex implements Locker {

    /*
     * Implementation overview.
     *
     * `state` packs three bits:
     *   LOCKED   (1) the mutex is held;
     *   STARVING (2) starvation mode: unlock hands off to the queue head, newcomers do not barge;
     *   WAITERS  (4) the wait queue is non-empty.
     * The uncontended paths are one CAS each: lock 0 -> LOCKED, unlock LOCKED -> 0. Every other
     * transition of WAITERS and STARVING happens while holding `qlock`, a short internal lock that
     * guards `queue` (never held while parked; Go's semaphore has the same kind of lock). Invariants
     * under qlock: WAITERS iff queue non-empty; STARVING implies LOCKED (an unlock in starvation mode
     * keeps LOCKED set and hands over; when the queue empties, STARVING is cleared).
     *
     * Because LOCKED is set whenever an unlock's slow path runs, and barging requires LOCKED clear,
     * nothing but qlock holders and the new owner change `state` during an unlock: the argument that
     * the slow unlock's CASes cannot be raced into a lost wake-up.
     *
     * A woken (normal-mode) waiter is off the queue and races newcomers; if it loses, it re-queues at
     * the head (Go's LIFO re-queue), and if it has waited over 1 ms it sets STARVING when it does.
     */

    private static final int LOCKED = 1;
    private static final int STARVING = 2;
    private static final int WAITERS = 4;

    /** Go's starvationThresholdNs: 1 ms. */
    private static final long STARVATION_THRESHOLD_NANOS = 1_000_000L;
    /**
     * Rounds of spinning before queueing, in normal mode, when there is more than one CPU (Go spins up
     * to 4 times). Not final only so that the model-checking test can turn spinning off: a spin hides
     * the queueing path from Lincheck's bounded exploration.
     */
    static int spins = Runtime.getRuntime().availableProcessors() > 1 ? 4 : 0;

    private static final VarHandle STATE;
    private static final VarHandle OWNER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(Mutex.class, "state", int.class);
            OWNER = l.findVarHandle(Mutex.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state;
    /**
     * The thread that locked it, recorded only while deadlock detection is on (ADR 0034), else null.
     * Written with release semantics after the lock is taken and cleared before it is released; the
     * detector reads it with acquire. With the default object layout (12-byte header, compressed
     * references) it costs no space: the Mutex was 28 bytes padded to 32 and is now exactly 32.
     */
    private Thread owner;
    private final ReentrantLock qlock = new ReentrantLock();
    /** Parked lockers, FIFO; guarded by qlock. */
    private final ArrayDeque<WaitNode> queue = new ArrayDeque<>();

    /** Creates an unlocked Mutex (Go's zero value). */
    public Mutex() {}

    /**
     * Locks the Mutex, waiting until it is available. Not reentrant: calling it while holding the lock
     * blocks forever unless another goroutine unlocks (SY06). Uninterruptible, like Go: an interrupt
     * does not end the wait and is re-asserted on return.
     *
     * @throws SyncFatalError if the deadlock detector (when on) reported this wait as part of a deadlock
     */
    @Override
    public void lock() {
        if (STATE.compareAndSet(this, 0, LOCKED)) {
            if (WaitFor.on()) {
                recordOwner();
            }
        } else {
            acquireSlow(WaitReason.MUTEX_LOCK, false, -1, null, this);
        }
    }

    /**
     * {@link #lock()} with a different wait reason in dumps ({@code semacquire} for {@link Once}), on
     * behalf of {@code outer}, the primitive a deadlock report names ({@link Once}, {@link RWMutex}).
     */
    void lock(WaitReason reason, Object outer) {
        if (STATE.compareAndSet(this, 0, LOCKED)) {
            if (WaitFor.on()) {
                recordOwner();
            }
        } else {
            acquireSlow(reason, false, -1, null, outer);
        }
    }

    /**
     * Locks the Mutex unless the calling thread is interrupted first.
     *
     * @throws InterruptedException if interrupted before the lock was granted; if the lock was granted at
     *     the same moment, it is kept and the interrupt flag is set instead
     * @throws SyncFatalError if the deadlock detector reported this wait as part of a deadlock
     */
    public void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (STATE.compareAndSet(this, 0, LOCKED)) {
            if (WaitFor.on()) {
                recordOwner();
            }
        } else {
            acquireInterruptibly(WaitReason.MUTEX_LOCK, true, -1, null, this);
        }
    }

    /**
     * Locks the Mutex unless {@code ctx} is done first. If {@code ctx} is already done it throws at
     * once, even if the Mutex is free. A context that can never be done ({@code ctx.done() == null})
     * makes this {@link #lock()}. Like {@code lock()}, it is not interruptible.
     *
     * @throws ContextException {@code ctx.err()} if the context was done before the lock was granted;
     *     the caller then does not hold the lock (if the grant and the cancellation race, the grant wins
     *     and this returns normally)
     * @throws NullPointerException if ctx is null
     */
    public void lock(Context ctx) throws ContextException {
        ContextException e = ctx.err();
        if (e != null) {
            throw e;
        }
        if (STATE.compareAndSet(this, 0, LOCKED)) {
            if (WaitFor.on()) {
                recordOwner();
            }
            return;
        }
        if (ctx.done() == null) {
            acquireSlow(WaitReason.MUTEX_LOCK, false, -1, null, this);
            return;
        }
        try {
            if (acquireInterruptibly(WaitReason.MUTEX_LOCK, false, -1, WaitNode.of(ctx), this)) {
                return;
            }
        } catch (InterruptedException ie) {
            throw new AssertionError("uninterruptible wait threw", ie); // unreachable
        }
        throw ctx.err();
    }

    /**
     * Tries to lock the Mutex without blocking (Go's {@code TryLock}, SY08).
     *
     * @return true if the lock was free and is now held by the caller
     */
    public boolean tryLock() {
        for (;;) {
            int s = state;
            if ((s & (LOCKED | STARVING)) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s | LOCKED)) {
                if (WaitFor.on()) {
                    recordOwner();
                }
                return true;
            }
        }
    }

    /**
     * Tries to lock the Mutex, waiting at most {@code timeout} on the library clock.
     *
     * @return true if locked, false if the time passed first
     * @throws InterruptedException if interrupted while waiting
     * @throws NullPointerException if timeout is null
     */
    public boolean tryLock(Duration timeout) throws InterruptedException {
        long nanos = nanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (tryLock()) {
            return true;
        }
        return nanos > 0 && acquireInterruptibly(WaitReason.MUTEX_LOCK, true, nanos, null, this);
    }

    /**
     * Unlocks the Mutex. Any goroutine may unlock it, not only the one that locked it (SY06).
     *
     * @throws SyncFatalError {@code "fatal error: sync: unlock of unlocked mutex"} if it is not locked (SY07)
     */
    @Override
    public void unlock() {
        if (owner != null) {
            // Forget the holder before the release, whoever unlocks and whether detection is still on:
            // a stale holder would make a false wait-for edge later. Nothing is written while it is off.
            OWNER.setRelease(this, (Thread) null);
        }
        if (!STATE.compareAndSet(this, LOCKED, 0)) {
            unlockSlow();
        }
    }

    /**
     * Returns a {@link Lock} view of this Mutex, for code written against {@code java.util.concurrent}.
     * It keeps the Mutex's semantics (not reentrant, not owned); {@code tryLock(time, unit)} and
     * {@code lockInterruptibly} behave like this class's methods; {@link Lock#newCondition()} throws
     * {@link UnsupportedOperationException} (use {@link Cond}). The view also implements {@link Locker}.
     */
    public Lock asLock() {
        LockView v = view;
        if (v == null) {
            view = v = new LockView(this);
        }
        return v;
    }

    private LockView view; // benign race: views are stateless and interchangeable

    /** Whether the Mutex is held right now: a snapshot for monitoring and tests, not for control flow. */
    public boolean isLocked() {
        return (state & LOCKED) != 0;
    }

    @Override
    public String toString() {
        int s = state;
        return "Mutex[" + ((s & LOCKED) != 0 ? "locked" : "unlocked")
                + ((s & STARVING) != 0 ? ", starving" : "")
                + ((s & WAITERS) != 0 ? ", waiters" : "") + "]";
    }

    // ---------------------------------------------------------------------------------------------
    // Slow paths
    // ---------------------------------------------------------------------------------------------

    /** Records the calling thread as the holder; only while deadlock detection is on. */
    private void recordOwner() {
        OWNER.setRelease(this, Thread.currentThread());
    }

    /**
     * How the deadlock detector fails a parked node: it decides the node's outcome itself, CANCELLED by
     * the same CAS a waker or a timeout would use, then wakes it. Whoever wins that CAS owns the
     * outcome: if a waker won, the lock is simply granted. Deciding it there, rather than asking the
     * waiter to cancel itself, matters when several members of a cycle are failed at once: the first
     * to wake unlocks what it held, and that unlock must skip the others' nodes, not grant them.
     */
    static WaitFor.Failer failer(WaitNode node) {
        return new WaitFor.Failer() {
            @Override
            public boolean decide() {
                return node.tryCancel();
            }

            @Override
            public void wake() {
                node.wake();
            }
        };
    }

    /** The holder recorded while deadlock detection is on, or null when unknown or unlocked. */
    Thread owner() {
        return (Thread) OWNER.getAcquire(this);
    }

    private void acquireSlow(WaitReason reason, boolean interruptible, long nanos, WaitNode.Canceller ctx, Object outer) {
        try {
            acquireInterruptibly(reason, interruptible, nanos, ctx, outer);
        } catch (InterruptedException e) {
            throw new AssertionError("uninterruptible wait threw", e); // unreachable: interruptible is false
        }
    }

    /**
     * The contended lock path. Returns true once the lock is held; false if the wait was given up
     * (timeout, or {@code ctx} became done); throws if interrupted and {@code interruptible}, and
     * {@link SyncFatalError} if the deadlock detector failed the wait. {@code outer} is the primitive
     * that a deadlock report names: this Mutex, or the {@link Once} or {@link RWMutex} built on it.
     */
    boolean acquireInterruptibly(WaitReason reason, boolean interruptible, long nanos, WaitNode.Canceller ctx,
            Object outer) throws InterruptedException {
        Clock clock = Clock.current(); // timeouts: the caller's clock (virtual inside a test bubble)
        // Starvation is about real scheduling, so it is measured on the system clock, as Go measures it
        // with the runtime's nanotime even inside a synctest bubble (where a mutex wait is not durable
        // and virtual time would stand still).
        Clock realClock = Clock.system();
        long start = 0;
        boolean started = false;
        long deadline = nanos >= 0 ? clock.nanoTime() + nanos : 0;
        boolean starving = false;
        boolean requeue = false;
        int spun = 0;
        for (;;) {
            int s = state;
            if ((s & (LOCKED | STARVING)) == 0) {
                if (STATE.compareAndSet(this, s, s | LOCKED)) {
                    if (WaitFor.on()) {
                        recordOwner();
                    }
                    return true;
                }
                continue;
            }
            if ((s & STARVING) == 0 && spun < spins && !requeue) {
                spun++;
                for (int i = 0; i < 30; i++) {
                    Thread.onSpinWait();
                }
                continue;
            }
            if (!started) {
                started = true;
                start = realClock.nanoTime();
            }
            WaitNode node = new WaitNode();
            qlock.lock();
            try {
                s = state;
                if ((s & (LOCKED | STARVING)) == 0) {
                    continue; // freed meanwhile: barge (finally releases qlock)
                }
                int ns = s | WAITERS;
                if (starving) {
                    ns |= STARVING; // s has LOCKED: STARVING => LOCKED holds
                }
                if (!STATE.compareAndSet(this, s, ns)) {
                    continue;
                }
                if (requeue) {
                    queue.addFirst(node);
                } else {
                    queue.addLast(node);
                }
            } finally {
                qlock.unlock();
            }
            // With detection on, the wait is registered as a wait-for edge (ADR 0034): only a wait
            // with no deadline and no context, since those end on their own (as a pending timer stops
            // Go's detector, RU04).
            WaitFor.Edge edge = WaitFor.on() && nanos < 0 && ctx == null
                    ? WaitFor.waiting(this, outer, outer instanceof Once ? "runs" : "holds", this::owner, failer(node))
                    : null;
            int r;
            try {
                if (ctx == null && !interruptible && nanos < 0) {
                    r = node.awaitUninterruptibly(reason, this);
                } else {
                    long left = nanos < 0 ? -1 : Math.max(0, deadline - clock.nanoTime());
                    try {
                        r = node.await(reason, this, interruptible, clock, left, ctx);
                    } catch (InterruptedException e) {
                        unlink(node);
                        throw e;
                    }
                }
            } finally {
                if (edge != null) {
                    WaitFor.done(edge);
                }
            }
            if (r == WaitNode.CANCELLED) {
                unlink(node);
                if (edge != null && edge.verdict() != null) {
                    throw new SyncFatalError(edge.verdict());
                }
                return false;
            }
            starving = starving || realClock.nanoTime() - start > STARVATION_THRESHOLD_NANOS;
            if (r == WaitNode.HANDOFF) {
                // We own the lock. Go: leave starvation mode if this waiter did not really starve.
                if (!starving) {
                    for (;;) {
                        int o = state;
                        if ((o & STARVING) == 0 || STATE.compareAndSet(this, o, o & ~STARVING)) {
                            break;
                        }
                    }
                }
                if (WaitFor.on()) {
                    recordOwner();
                }
                return true;
            }
            // WOKEN in normal mode: compete again; lose and we re-queue at the head.
            requeue = true;
        }
    }

    /** Removes a cancelled node; clears WAITERS and STARVING if the queue is now empty. */
    private void unlink(WaitNode node) {
        qlock.lock();
        try {
            if (queue.remove(node) && queue.isEmpty()) {
                clearBits(WAITERS | STARVING);
            }
        } finally {
            qlock.unlock();
        }
    }

    private void clearBits(int bits) {
        for (;;) {
            int s = state;
            if (STATE.compareAndSet(this, s, s & ~bits)) {
                return;
            }
        }
    }

    private void unlockSlow() {
        if ((state & LOCKED) == 0) {
            throw new SyncFatalError("sync: unlock of unlocked mutex");
        }
        WaitNode wake = null;
        qlock.lock();
        try {
            for (;;) {
                int s = state;
                if ((s & LOCKED) == 0) {
                    throw new SyncFatalError("sync: unlock of unlocked mutex");
                }
                WaitNode head = queue.peekFirst();
                if (head == null) {
                    if (STATE.compareAndSet(this, s, s & ~(LOCKED | WAITERS | STARVING))) {
                        return;
                    }
                    continue;
                }
                boolean handoff = (s & STARVING) != 0;
                if (!head.claim(handoff ? WaitNode.HANDOFF : WaitNode.WOKEN)) {
                    queue.pollFirst(); // cancelled: it will find itself already unlinked
                    if (queue.isEmpty()) {
                        clearBits(WAITERS | STARVING);
                    }
                    continue;
                }
                queue.pollFirst();
                int clear = handoff ? 0 : LOCKED; // handoff: LOCKED stays set for the new owner
                if (queue.isEmpty()) {
                    clear |= WAITERS | STARVING;
                }
                clearBits(clear);
                wake = head;
                break;
            }
        } finally {
            qlock.unlock();
        }
        wake.wake();
    }

    static long nanos(Duration d) {
        Objects.requireNonNull(d, "timeout");
        // Capped so that "now + timeout" cannot overflow: 2^61 ns is over 70 years.
        final long max = 1L << 61;
        if (d.compareTo(Duration.ofNanos(max)) > 0) {
            return max;
        }
        return d.isNegative() ? 0 : d.toNanos();
    }

    /** The {@link Lock} view returned by {@link #asLock()}. */
    private static final class LockView implements Lock, Locker {
        private final Mutex m;

        LockView(Mutex m) {
            this.m = m;
        }

        @Override
        public void lock() {
            m.lock();
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            m.lockInterruptibly();
        }

        @Override
        public boolean tryLock() {
            return m.tryLock();
        }

        @Override
        public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
            return m.tryLock(Duration.of(time, unit.toChronoUnit()));
        }

        @Override
        public void unlock() {
            m.unlock();
        }

        @Override
        public Condition newCondition() {
            throw new UnsupportedOperationException("go4j: a Mutex has no Condition; use io.github.go4j.sync.Cond");
        }

        @Override
        public String toString() {
            return m.toString();
        }
    }
}
