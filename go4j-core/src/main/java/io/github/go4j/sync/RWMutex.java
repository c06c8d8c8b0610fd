package io.github.go4j.sync;

import io.github.go4j.internal.Clock;
import io.github.go4j.internal.WaitFor;
import io.github.go4j.internal.WaitReason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * RWMutex is a reader/writer mutual exclusion lock: Go's {@code sync.RWMutex}. Any number of readers
 * or a single writer may hold it. A new RWMutex is unlocked.
 *
 * <p><b>Writer preference (SY11).</b> Once a goroutine is blocked in {@link #lock()}, new
 * {@link #rLock()} calls block until that writer has acquired and released the lock, and
 * {@link #tryRLock()} returns false. So a writer is never starved by a stream of readers, and, as in
 * Go, <em>recursive read locking deadlocks</em> if a writer arrives between the two {@code rLock}s.
 * When a writer unlocks, the readers that queued behind it get the lock before the next writer.
 *
 * <p>Like {@link Mutex}, it is neither reentrant nor owned (SY06): any goroutine may unlock it.
 * {@link #rUnlock()} without a read lock throws {@link SyncFatalError}
 * {@code "fatal error: sync: RUnlock of unlocked RWMutex"}, {@link #unlock()} without the write lock
 * {@code "fatal error: sync: Unlock of unlocked RWMutex"} (SY07).
 *
 * <p><b>Blocking and interrupts.</b> {@code lock} and {@code rLock} wait uninterruptibly, like Go (an
 * interrupt is kept and re-asserted on return); the {@link #readLock()} and {@link #writeLock()} views
 * add {@code lockInterruptibly} and timed {@code tryLock}. Blocked goroutines show wait reasons
 * {@code sync.RWMutex.RLock} / {@code sync.RWMutex.Lock}; they are not durably blocked (TH07).
 *
 * <p><b>Deadlock detection.</b> With {@link io.github.go4j.Go#setDeadlockDetection deadlock detection}
 * on, the RWMutex remembers its writer (from the moment it waits for the readers), so that a goroutine
 * blocked in {@code lock} or {@code rLock} waits for that writer in the detector's wait-for graph
 * and a cycle through it is reported as a partial deadlock (RU04, beyond Go; ADR 0034). Readers are
 * not remembered: a writer waiting for readers waits for nobody in particular, so a recursive read
 * lock with a writer in between is not reported as a cycle (it is still caught when the whole
 * program is asleep). A blocked call whose wait the detector ends throws {@link SyncFatalError} with
 * the report's first line, without the lock.
 *
 * <p><b>Memory consistency (SY09, Go's memory model on locks).</b> The n-th {@code unlock} happens-before
 * the m-th {@code lock} returns for n &lt; m; an {@code unlock} happens-before every {@code rLock} that
 * returns after it; and the n-th {@code rUnlock} that precedes a {@code lock} happens-before that
 * {@code lock} returns. A failed try creates no edge.
 *
 * <p><b>Nulls.</b> The views' {@code tryLock(time, unit)} throws {@link NullPointerException} for a null
 * unit; no other method takes a reference.
 *
 * {@snippet :
 * RWMutex mu = new RWMutex();
 * Map<String, String> cache = new HashMap<>();
 *
 * String get(String k) {
 *     mu.rLock();
 *     try { return cache.get(k); } finally { mu.rUnlock(); }
 * }
 *
 * void put(String k, String v) {
 *     mu.lock();
 *     try { cache.put(k, v); } finally { mu.unlock(); }
 * }
 * }
 */
public final class RWMutex {

    /*
     * Implementation overview.
     *
     * `w` (a Mutex) serializes writers. `state` packs the number of readers holding the lock (low 30
     * bits) and WRITER, set by the writer that holds `w` as soon as it wants the lock: from then on
     * new readers queue (writer preference). The writer holds the lock when WRITER is set and the
     * reader count is 0; if readers were inside, the reader whose rUnlock brings the count to 0 hands
     * the lock to the writer through `writerNode`, which the writer publishes before setting WRITER
     * (so that reader, which saw WRITER, sees the node). The writer re-checks the count after each
     * hand-off, since a slow reader of an earlier, abandoned writer may grant the newer node.
     *
     * Readers that find WRITER set queue under `qlock`, re-checking WRITER there. The writer's unlock
     * (or its cancelled wait) clears WRITER and adds the number of queued readers to the count in one
     * CAS, then claims them (a reader may return as soon as its node is claimed, so it must already be
     * counted) and takes back the ones that had cancelled, all under qlock: a reader is either queued
     * before that and claimed, or checks after it and finds WRITER clear. Readers are granted before `w` is released, so they get
     * in ahead of the next writer.
     */

    private static final int WRITER = 1 << 30;
    private static final int READERS = WRITER - 1;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(RWMutex.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state;
    /** The pending writer's node; written only by the holder of {@link #w}, before it sets WRITER. */
    private volatile WaitNode writerNode;
    private final Mutex w = new Mutex();
    private final ReentrantLock qlock = new ReentrantLock();
    /** Readers waiting for the writer to finish; guarded by qlock. */
    private final ArrayDeque<WaitNode> readers = new ArrayDeque<>();

    private final View readView = new View(true);
    private final View writeView = new View(false);

    /** Creates an unlocked RWMutex (Go's zero value). */
    public RWMutex() {}

    // ---------------------------------------------------------------------------------------------
    // Readers
    // ---------------------------------------------------------------------------------------------

    /**
     * Locks for reading. Blocks while a writer holds the lock or is waiting for it (SY11). Do not use it
     * for recursive read locking. Uninterruptible, like Go.
     *
     * @throws IllegalStateException {@code "sync: too many readers"} if 2^30 - 1 readers hold it already
     */
    public void rLock() {
        if (!tryRLock()) {
            try {
                rLockSlow(false, -1, null);
            } catch (InterruptedException e) {
                throw new AssertionError(e); // unreachable: not interruptible
            }
        }
    }

    /**
     * Tries to lock for reading without blocking (SY08). Returns false while a writer holds the lock or
     * is waiting for it (SY11).
     */
    public boolean tryRLock() {
        for (;;) {
            int s = state;
            if ((s & WRITER) != 0) {
                return false;
            }
            if ((s & READERS) == READERS) {
                throw new IllegalStateException("sync: too many readers");
            }
            if (STATE.compareAndSet(this, s, s + 1)) {
                return true;
            }
        }
    }

    /**
     * Undoes one {@link #rLock()}. It does not affect other simultaneous readers.
     *
     * @throws SyncFatalError {@code "fatal error: sync: RUnlock of unlocked RWMutex"} if no reader holds it
     */
    public void rUnlock() {
        for (;;) {
            int s = state;
            if ((s & READERS) == 0) {
                throw new SyncFatalError("sync: RUnlock of unlocked RWMutex");
            }
            if (STATE.compareAndSet(this, s, s - 1)) {
                if (s - 1 == WRITER) {
                    // The last reader out, with a writer pending: hand it the lock. It published
                    // writerNode before setting WRITER, which we have seen.
                    writerNode.grant(WaitNode.HANDOFF);
                }
                return;
            }
        }
    }

    private boolean rLockSlow(boolean interruptible, long nanos, WaitNode.Canceller ctx) throws InterruptedException {
        Clock clock = Clock.current();
        long deadline = nanos >= 0 ? clock.nanoTime() + nanos : 0;
        for (;;) {
            if (tryRLock()) {
                return true;
            }
            WaitNode node = new WaitNode();
            qlock.lock();
            try {
                if ((state & WRITER) == 0) {
                    continue; // the writer left meanwhile: try again
                }
                readers.addLast(node);
            } finally {
                qlock.unlock();
            }
            // A queued reader waits for the writer, which holds w (ADR 0034); see Mutex for the edge.
            WaitFor.Edge edge = WaitFor.on()
                    ? WaitFor.waiting(this, this, "holds", w::owner, Mutex.failer(node))
                    : null;
            int r;
            try {
                if (!interruptible && nanos < 0 && ctx == null) {
                    r = node.awaitUninterruptibly(WaitReason.RWMUTEX_RLOCK, this);
                } else {
                    try {
                        r = node.await(WaitReason.RWMUTEX_RLOCK, this, interruptible, clock,
                                nanos < 0 ? -1 : Math.max(0, deadline - clock.nanoTime()), ctx);
                    } catch (InterruptedException e) {
                        unlinkReader(node);
                        throw e;
                    }
                }
            } finally {
                if (edge != null) {
                    WaitFor.done(edge);
                }
            }
            if (r == WaitNode.CANCELLED) {
                unlinkReader(node);
                if (edge != null && edge.verdict() != null) {
                    throw new SyncFatalError(edge.verdict());
                }
                return false;
            }
            return true; // HANDOFF: the writer counted us in
        }
    }

    private void unlinkReader(WaitNode node) {
        qlock.lock();
        try {
            readers.remove(node);
        } finally {
            qlock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Writers
    // ---------------------------------------------------------------------------------------------

    /**
     * Locks for writing. Blocks until no reader and no other writer holds the lock; from the moment it
     * starts waiting, new readers wait behind it (SY11). Uninterruptible, like Go.
     */
    public void lock() {
        try {
            lockSlow(false, -1, null);
        } catch (InterruptedException e) {
            throw new AssertionError(e); // unreachable: not interruptible
        }
    }

    /** Tries to lock for writing without blocking (SY08): true only if nobody held it. */
    public boolean tryLock() {
        if (!w.tryLock()) {
            return false;
        }
        if (!STATE.compareAndSet(this, 0, WRITER)) {
            w.unlock();
            return false;
        }
        return true;
    }

    /**
     * Unlocks for writing, and lets in the readers that queued behind the writer, before any next
     * writer. Any goroutine may call it (SY06).
     *
     * @throws SyncFatalError {@code "fatal error: sync: Unlock of unlocked RWMutex"} if not write-locked
     */
    public void unlock() {
        // Write-held means WRITER set and no readers; WRITER with readers is a writer still waiting.
        if (state != WRITER) {
            throw new SyncFatalError("sync: Unlock of unlocked RWMutex");
        }
        releaseReaders();
        w.unlock();
    }

    private boolean lockSlow(boolean interruptible, long nanos, WaitNode.Canceller ctx) throws InterruptedException {
        Clock clock = Clock.current();
        long deadline = nanos >= 0 ? clock.nanoTime() + nanos : 0;
        if (!w.tryLock()) {
            if (!interruptible && nanos < 0 && ctx == null) {
                w.lock(WaitReason.RWMUTEX_LOCK, this);
            } else if (!w.acquireInterruptibly(WaitReason.RWMUTEX_LOCK, interruptible, nanos, ctx, this)) {
                return false;
            }
        }
        WaitNode node = new WaitNode();
        writerNode = node;
        int s;
        do {
            s = state;
        } while (!STATE.compareAndSet(this, s, s | WRITER));
        if ((s & READERS) == 0) {
            return true;
        }
        // Readers are inside: the last one out hands us the lock.
        for (;;) {
            // Waiting for readers, who have no recorded owner: an edge without an owner, which the
            // detector can still fail when the whole program is asleep.
            WaitFor.Edge edge = WaitFor.on()
                    ? WaitFor.waiting(this, this, "holds", null, Mutex.failer(node))
                    : null;
            int r;
            try {
                if (!interruptible && nanos < 0 && ctx == null) {
                    r = node.awaitUninterruptibly(WaitReason.RWMUTEX_LOCK, this);
                } else {
                    try {
                        r = node.await(WaitReason.RWMUTEX_LOCK, this, interruptible, clock,
                                nanos < 0 ? -1 : Math.max(0, deadline - clock.nanoTime()), ctx);
                    } catch (InterruptedException e) {
                        abandonWrite();
                        throw e;
                    }
                }
            } finally {
                if (edge != null) {
                    WaitFor.done(edge);
                }
            }
            if (r == WaitNode.CANCELLED) {
                abandonWrite();
                if (edge != null && edge.verdict() != null) {
                    throw new SyncFatalError(edge.verdict());
                }
                return false;
            }
            // A reader that emptied the count while an earlier writer was pending may read writerNode
            // late and hand *our* node a grant meant for that writer. So the grant is only a wake-up:
            // we hold the lock when the count is zero, and otherwise wait again on a fresh node. The
            // last reader writes the count then reads writerNode; we write writerNode then read the
            // count: one of us sees the other (Dekker on two volatiles).
            if ((state & READERS) == 0) {
                return true;
            }
            node = new WaitNode();
            writerNode = node;
            if ((state & READERS) == 0) {
                return true;
            }
        }
    }

    /** A pending writer gives up: withdraw WRITER, let queued readers in, release {@link #w}. */
    private void abandonWrite() {
        releaseReaders();
        w.unlock();
    }

    /**
     * Clears WRITER and grants every queued reader, counting them in, atomically under qlock. The
     * caller holds {@link #w}.
     */
    private void releaseReaders() {
        List<WaitNode> granted = new ArrayList<>();
        qlock.lock();
        try {
            // Count every queued reader in BEFORE claiming its node: a reader returns holding the read
            // lock as soon as it sees the claim, without waiting for wake() (a timed reader whose timer
            // fires loses tryCancel; a reader not parked yet finds the state decided). Were the count
            // added after the claims, such a reader could rUnlock first ("RUnlock of unlocked RWMutex")
            // and the late count then kept every later writer waiting forever.
            int queued = readers.size();
            for (;;) {
                int s = state; // readers may still leave concurrently when a pending writer abandons
                if ((s & WRITER) == 0) {
                    throw new SyncFatalError("sync: Unlock of unlocked RWMutex");
                }
                if (STATE.compareAndSet(this, s, (s & ~WRITER) + queued)) {
                    break;
                }
            }
            int cancelled = 0;
            for (WaitNode n : readers) {
                if (n.claim(WaitNode.HANDOFF)) {
                    granted.add(n);
                } else {
                    cancelled++;
                }
            }
            readers.clear();
            if (cancelled != 0) {
                // Take back the readers that gave up first. This cannot bring the count to 0 under a
                // pending writer (no hand-off is owed): WRITER can only be set by the holder of w, us.
                int unused = (int) STATE.getAndAdd(this, -cancelled);
            }
        } finally {
            qlock.unlock();
        }
        for (WaitNode n : granted) {
            n.wake();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns the read side as a {@link Lock} (and {@link Locker}): {@code lock} is {@link #rLock()},
     * {@code unlock} is {@link #rUnlock()}, {@code tryLock} is {@link #tryRLock()}, plus interruptible
     * and timed acquisition. {@link Lock#newCondition()} throws {@link UnsupportedOperationException}.
     * Always the same object.
     */
    public Lock readLock() {
        return readView;
    }

    /** Go's {@code RLocker()}: the read side as a {@link Locker} (the same object as {@link #readLock()}). */
    public Locker rLocker() {
        return readView;
    }

    /**
     * Returns the write side as a {@link Lock} (and {@link Locker}): {@code lock} is {@link #lock()},
     * {@code unlock} is {@link #unlock()}, plus interruptible and timed acquisition.
     * {@link Lock#newCondition()} throws {@link UnsupportedOperationException}. Always the same object.
     */
    public Lock writeLock() {
        return writeView;
    }

    @Override
    public String toString() {
        int s = state;
        return "RWMutex[readers=" + (s & READERS) + ((s & WRITER) != 0 ? ", writer" : "") + "]";
    }

    private final class View implements Lock, Locker {
        private final boolean read;

        View(boolean read) {
            this.read = read;
        }

        @Override
        public void lock() {
            if (read) {
                rLock();
            } else {
                RWMutex.this.lock();
            }
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (read) {
                if (!tryRLock()) {
                    rLockSlow(true, -1, null);
                }
            } else {
                lockSlow(true, -1, null);
            }
        }

        @Override
        public boolean tryLock() {
            return read ? tryRLock() : RWMutex.this.tryLock();
        }

        @Override
        public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
            long nanos = Mutex.nanos(Duration.of(time, unit.toChronoUnit()));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (tryLock()) {
                return true;
            }
            if (nanos <= 0) {
                return false;
            }
            return read ? rLockSlow(true, nanos, null) : lockSlow(true, nanos, null);
        }

        @Override
        public void unlock() {
            if (read) {
                rUnlock();
            } else {
                RWMutex.this.unlock();
            }
        }

        @Override
        public Condition newCondition() {
            throw new UnsupportedOperationException("go4j: an RWMutex has no Condition; use io.github.go4j.sync.Cond");
        }

        @Override
        public String toString() {
            return (read ? "read view of " : "write view of ") + RWMutex.this;
        }
    }
}
