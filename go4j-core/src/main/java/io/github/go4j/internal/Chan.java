package io.github.go4j.internal;

import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ChannelClosedException;
import io.github.go4j.chan.ChannelInterruptedException;
import io.github.go4j.chan.Received;
import io.github.go4j.chan.Select;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Go's {@code runtime/chan.go}: the one channel implementation behind {@link Channel}.
 *
 * <h2>Implementation overview</h2>
 * One lock per channel guards everything: a ring buffer ({@link ChanRing}, null for an unbuffered
 * channel) and two FIFO wait queues of parked goroutines ({@link ChanWaiter} nodes): receivers and
 * senders. The exceptions: while nobody waits and the channel is open, senders and receivers of a
 * buffered channel meet in its ring without the lock (ADR 0050), and while at most one plain send or
 * receive waits on an open unbuffered channel, it waits in the channel's {@link #slot}, where its
 * partner takes it with one CAS (ADR 0051); while spinning pays, it waits there without even a node,
 * the value passing through the channel's {@link #handoff} field (ADR 0055). The lock holder first
 * turns both off ("slow mode", see {@link ChanRing} and {@link #absorbSlot}), so everything below
 * holds as written. The invariants, as in
 * Go: receivers wait only while the buffer is empty; senders wait only while it is full (for capacity
 * 0: always, until a receiver comes). Hence:
 * <ul>
 * <li>a send first hands its value directly to the oldest parked receiver (CH11), else appends to the
 * buffer, else parks;</li>
 * <li>a receive takes the buffer's head and, if a sender is parked, moves that sender's value to the
 * tail (CH10, CH11); with no buffer it takes the oldest parked sender's value; else, if the channel is
 * closed, it returns "closed" (CH07); else it parks;</li>
 * <li>close marks the channel, detaches both queues under the lock and wakes every node after
 * releasing it (CH09).</li>
 * </ul>
 * A parked operation is decided by one CAS on its waiter ({@link Waiter#complete}). A waker that dequeues
 * a node and loses that CAS (the waiter timed out, was interrupted, or its select chose another case)
 * tries the next node; a waiter that wins the CAS for itself (interrupt, timeout) removes its node
 * under the lock if a waker has not already dequeued it. So a value is handed over exactly when the
 * waker's CAS succeeds: never lost, never duplicated. A waker that holds the lock wins that CAS there,
 * but unparks the waiter's thread only after {@link #unlock()} has freed the lock (ADR 0053): the
 * unpark may wake a carrier thread, and nobody should wait in the lock for that.
 *
 * <p><b>The lock</b> is Go's {@code lock_futex} on an int, with a per-channel Treiber stack of
 * {@link LockWaiter}s standing in for the futex: {@link #FREE}, {@link #HELD}, or {@link #CONTENDED}
 * (held, and waiters may be parked). A contended {@link #lock()} spins briefly, yields a few times, and
 * then parks: holders normally never block inside the critical section (they move references, CAS
 * waiter states), but a holder can be unmounted there (a bubble's {@code readied} hook takes a
 * {@code ReentrantLock}; unparking a pinned thread can take a contended monitor), and waiters that
 * yielded forever could then keep it off the carriers. The slow path swaps in {@code CONTENDED}, pushes
 * its node, re-reads the state and parks only if it still reads {@code CONTENDED}; {@link #unlock()}
 * swaps in {@code FREE} and, if it swapped out {@code CONTENDED}, pops nodes until it wins one's
 * {@code WAITING -> WOKEN} CAS and unparks that thread.
 *
 * <p><i>Why no wake-up is lost.</i> Volatile accesses and CASes are totally ordered. A waiter W parks
 * only after it pushed its node and then read {@code CONTENDED}; the swap to {@code FREE} that ends
 * that value comes later in the order (a read sees the latest write), so the unlock making it pops
 * after W's push. That pop wakes W or some other waiting node; a woken thread acquires only by swapping
 * in {@code CONTENDED} again (or parks again after setting it), so while any node is still waiting
 * the lock is either {@code CONTENDED} or a woken thread is about to make it so, and some later unlock
 * pops again. A waiter that reads anything else withdraws its node by a {@code WAITING -> CANCELLED}
 * CAS; if an unlock won that node first, the waiter simply retries as if woken (it was), so no wake-up
 * is spent on a thread that will not park. An uncontended lock and unlock are one CAS and one swap.
 * A select that needs several locks takes the first like anyone else and the others without yielding
 * or parking ({@link #tryLockBriefly()}); if one is busy it releases all, waits for it, and starts over.
 * It keeps an idle channel small: no lock object, no queue objects (see docs/adr/0001 and 0002).
 *
 * <p><b>Ids.</b> A select locks all its channels in one global order to avoid deadlock; the order is a
 * unique id, drawn lazily the first time a channel takes part in a multi-channel select.
 *
 * <p><b>Bubble channels</b> (TH07, TH10, ADR 0048). A channel made by a goroutine of a synctest bubble
 * belongs to that bubble: {@link #F_BUBBLE} is set in {@link #flags} before the channel is published,
 * and the bubble is recorded in {@link Bubbles} (no field here: an idle unbuffered channel stays at 64 bytes).
 * Every operation tests the bit, a plain read, and only a bubble channel pays for the check that the
 * caller belongs to the same bubble ("send on synctest channel from outside bubble"...); outside
 * bubbles {@link #make} does not even look up the calling goroutine unless some bubble is live. A
 * wait on a bubble channel records the {@code (durable)} wait reason, a wait on any other channel the
 * plain, non-durable one: a goroutine outside the bubble may end it. {@code len} and {@code cap} are
 * not checked; neither are the time package's {@link #offerTick} and {@link #drainTick}, which the
 * runtime calls on a timer's behalf.
 *
 * <p><b>Timer channels</b> ({@link #makeTimerChannel()}): a hidden one-slot buffer that reports
 * len 0 and cap 0 (Go 1.23, TM03); the time package fills it with {@link #offerTick} and empties it with
 * {@link #drainTick} so that Stop and Reset leave no stale value (TM04, TM05).
 *
 * @param <T> the element type
 */
public final class Chan<T> implements Channel<T> {

    /** The value a node woken by close holds; never a real element (elements are not null). */
    static final Object CLOSED_ELEM = new Object() {
        @Override
        public String toString() {
            return "<closed>";
        }
    };
    /** The result of a receive attempt that would block. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "<none>";
        }
    };

    /** {@link #sendLocked}: the value was sent (handed over or buffered). */
    static final int SENT = 0;
    /** {@link #sendLocked}: it would block. */
    static final int WOULD_BLOCK = 1;
    /** {@link #sendLocked}: the channel is closed. */
    static final int IS_CLOSED = 2;

    /** {@link #flags}: close has been called. */
    private static final int F_CLOSED = 1;
    /** {@link #flags}: a timer channel, whose hidden slot is not reported by len and cap. */
    private static final int F_TIMER = 2;
    /** {@link #flags}: made inside a synctest bubble, recorded in {@link Bubbles}; set before publication. */
    private static final int F_BUBBLE = 4;

    /** {@link #checkBubble}'s operations, as Go's messages name them. */
    static final String OP_SEND = "send on";
    static final String OP_RECEIVE = "receive on";
    static final String OP_SELECT = "select on";
    static final String OP_CLOSE = "close of";

    /** Largest capacity accepted (the largest array the JVM reliably allocates). */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;
    private static final AtomicLong IDS = new AtomicLong();
    private static final String NULL_ELEMENT = "a channel element must not be null: null is what a closed channel gives";

    private static final VarHandle LOCK;
    private static final VarHandle LOCK_WAITERS;
    private static final VarHandle ID;
    private static final VarHandle FLAGS;
    private static final VarHandle SEND_HEAD;
    private static final VarHandle SLOT;

    /** {@link #lock}: free. */
    private static final int FREE = 0;
    /** {@link #lock}: held, and no waiter has announced that it parks. */
    private static final int HELD = 1;
    /** {@link #lock}: held, and waiters may be parked in {@link #lockWaiters}. */
    private static final int CONTENDED = 2;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            LOCK = l.findVarHandle(Chan.class, "lock", int.class);
            LOCK_WAITERS = l.findVarHandle(Chan.class, "lockWaiters", LockWaiter.class);
            ID = l.findVarHandle(Chan.class, "id", long.class);
            FLAGS = l.findVarHandle(Chan.class, "flags", int.class);
            SEND_HEAD = l.findVarHandle(Chan.class, "sendHead", ChanWaiter.class);
            SLOT = l.findVarHandle(Chan.class, "slot", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Field order matters (ADR 0057): HotSpot lays out the reference fields in the order declared here,
    // which puts handoff and slot in one 8-byte-aligned word (offsets 40 and 44 with compressed oops) and
    // so on one cache line wherever the channel lands. A rendezvous writes both; on two lines (at three
    // of the eight places a channel can start in a line) one more line moved between the cores per
    // message, and pingpong cost ~390 ns instead of ~200. ChanLayoutTest keeps them together.

    /** The lock: {@link #FREE}, {@link #HELD} or {@link #CONTENDED}. */
    private volatile int lock;
    /** Threads parked waiting for the lock: a Treiber stack, newest first; null almost always. */
    private volatile LockWaiter lockWaiters;
    /** The buffer, used without the lock while nobody waits (ADR 0050); null for an unbuffered channel. */
    private final ChanRing ring;
    /**
     * Two uses that never overlap, so that an idle unbuffered channel stays at 64 bytes. Under the lock:
     * a parked goroutine (a {@link Thread}) that the holder completed and {@link #unlock} unparks once the
     * lock is free (see {@link #wakeLocked}). On an unbuffered channel while a sender offers in the
     * {@link #slot}, or has given to a receiver that spun there ({@link #GIVEN}; ADR 0055): the value.
     * Whoever owns the slot owns this field: a sender from {@link #BUSY} until it publishes its offer or
     * {@code GIVEN}; then whoever moves the slot away from the offer ({@link #claimOffer},
     * {@link #absorbSlot}, the sender itself before it parks), or the receiver that reads {@code GIVEN};
     * the lock holder while the slot is {@link #SLOW} or a {@link Revoked}. Null otherwise, and almost
     * always.
     */
    private Object handoff;
    /**
     * An unbuffered channel's meeting place while nobody else waits (ADR 0051): null (open, nobody
     * waits), one plain send's or receive's waiter (open, nobody else waits), a sender's thread, which
     * offers the value in {@link #handoff} while it spins (ADR 0055), or {@link #SLOW} (the lock is held,
     * waiters are queued, or the channel is closed: take the lock). A receive that spins there puts
     * {@link #WANT}. Some values last a moment: {@link #BUSY}, {@link #CLAIMED} and {@link #GIVEN} while
     * a thread moves the {@link #handoff} in or out; and a {@link Revoked}, a lock holder's {@code SLOW}
     * that only the goroutine whose offer or {@code WANT} it replaced may change. Unused on a buffered
     * channel, whose ring plays this part.
     */
    private volatile Object slot;
    /**
     * {@link #F_CLOSED}, {@link #F_TIMER} and {@link #F_BUBBLE}; guarded by the lock (F_TIMER and
     * F_BUBBLE are set before publication and never change), read without it by the non-blocking fast
     * paths and the bubble checks; close sets F_CLOSED with a release store.
     */
    private int flags;
    /** Lock-order id for select; 0 until first needed. */
    private volatile long id;
    /** Parked receivers, oldest first. */
    private ChanWaiter recvHead;
    private ChanWaiter recvTail;
    /** Parked senders, oldest first. */
    private ChanWaiter sendHead;
    private ChanWaiter sendTail;
    /**
     * Adaptive spinning: before an unbuffered channel's park ({@link #spinBeforePark}), or while a
     * buffered channel's ring is full or empty ({@link #spinForBatch}). Racy by design.
     */
    private int spin;

    /** {@link #slot}: take the lock. */
    private static final Object SLOW = marker("<slow>");
    /** {@link #slot}: an offering sender is moving its value into {@link #handoff}, or out of it to park. */
    private static final Object BUSY = marker("<busy>");
    /** {@link #slot}: a receiver took an offer and is moving its value out of {@link #handoff}. */
    private static final Object CLAIMED = marker("<claimed>");
    /**
     * {@link #slot}: a receive spins there, waiting for a sender to fill {@link #handoff} (ADR 0055). One
     * constant serves every receiver: while a receiver spins, the slot leaves {@code WANT} only for
     * states that receiver alone resolves ({@link #GIVEN}, {@link #RECEIVER_REVOKED}), so it cannot come
     * back as another receiver's {@code WANT} before the first one looks.
     */
    private static final Object WANT = marker("<want>");
    /** {@link #slot}: a sender filled {@link #handoff} for the receiver that spun in {@link #WANT}. */
    private static final Object GIVEN = marker("<given>");
    /**
     * {@link #slot}: a lock holder withdrew {@link #sender}'s offer ({@link #absorbSlot}). For everybody
     * else it means {@link #SLOW}; the sender, which spins on the slot, changes it to {@code SLOW} and
     * takes the lock like any sender that finds the channel in slow mode. It names the sender because
     * a sender that finds the slot changed must know whether its own offer was withdrawn: once a receiver
     * took it, the slot may pass through another sender's offer and that one's withdrawal before the
     * first sender looks again (Lincheck found that interleaving). Made only when an offer is withdrawn,
     * which is rare: a second sender, a select or close came while the first one spun.
     */
    private static final class Revoked {
        /** The sender whose offer was withdrawn; null in {@link #RECEIVER_REVOKED}. */
        final Thread sender;

        Revoked(Thread sender) {
            this.sender = sender;
        }

        @Override
        public String toString() {
            return "<revoked " + sender + ">";
        }
    }

    /** {@link #slot}: a lock holder withdrew a spinning receiver's {@link #WANT}; see {@link Revoked}. */
    private static final Revoked RECEIVER_REVOKED = new Revoked(null);

    private static Object marker(String name) {
        return new Object() {
            @Override
            public String toString() {
                return name;
            }
        };
    }

    private Chan(int capacity, int flags) {
        this.ring = capacity == 0 ? null : new ChanRing(capacity);
        this.flags = flags;
    }

    // ===================================================================================================
    // Factories (the internal API)
    // ===================================================================================================

    /**
     * Makes a channel: Go's {@code make(chan T, capacity)}.
     *
     * @throws IllegalArgumentException "makechan: size out of range" if capacity is negative or too
     *         large (CH02)
     */
    public static <T> Channel<T> make(int capacity) {
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("makechan: size out of range");
        }
        return create(capacity, 0);
    }

    /**
     * Makes an unbuffered channel that belongs to {@code bubble} (null: to none), whoever calls: a
     * context's done channel, made lazily by the first {@code done()} call, belongs to the bubble the
     * context was made in, not to the bubble of whoever asked first.
     */
    public static <T> Channel<T> makeOwned(Bubble bubble) {
        return owned(0, 0, bubble);
    }

    /**
     * A new channel, marked as its maker's bubble's if the maker runs in one (TH10); the goroutine is
     * looked up only while some bubble is live.
     */
    private static <T> Chan<T> create(int capacity, int flags) {
        return owned(capacity, flags, Bubbles.any() ? Bubbles.current() : null);
    }

    /** A new channel that belongs to {@code bubble} (null: to none), marked before anyone can see it. */
    private static <T> Chan<T> owned(int capacity, int flags, Bubble bubble) {
        if (bubble == null) {
            return new Chan<>(capacity, flags);
        }
        Chan<T> c = new Chan<>(capacity, flags | F_BUBBLE);
        Bubbles.own(c, bubble);
        return c;
    }

    /**
     * Makes a Go 1.23 timer channel: a hidden one-slot buffer, while {@code len()} and {@code cap()}
     * report 0 (TM03). Fill it with {@link #offerTick}, empty it with {@link #drainTick}. Receiving,
     * select and close work as on any channel.
     */
    public static <T> Channel<T> makeTimerChannel() {
        return create(1, F_TIMER);
    }

    /**
     * Sends {@code v} without blocking, as a timer does when it fires: hands it to a parked receiver or
     * select, else stores it in the free slot, else drops it.
     *
     * @return true if delivered or stored; false if dropped (the slot was full) or the channel is closed
     * @throws IllegalArgumentException if {@code ch} was not made by {@link #makeTimerChannel()}
     */
    public static <T> boolean offerTick(Channel<T> ch, T v) {
        Objects.requireNonNull(v, NULL_ELEMENT);
        return timerChan(ch).sendUnderLock(v) == SENT;
    }

    /**
     * Removes the pending value of a timer channel, if there is one; done under the channel lock, so
     * after it returns no value sent before it can still be received.
     *
     * @return whether a value was removed
     * @throws IllegalArgumentException if {@code ch} was not made by {@link #makeTimerChannel()}
     */
    public static boolean drainTick(Channel<?> ch) {
        Chan<?> c = timerChan(ch);
        c.lock();
        boolean had = c.ring.countLocked() > 0;
        if (had) {
            c.ring.takeLocked();
        }
        c.unlock();
        return had;
    }

    private static <T> Chan<T> timerChan(Channel<T> ch) {
        if (ch instanceof Chan<T> c && (c.flags & F_TIMER) != 0) {
            return c;
        }
        throw new IllegalArgumentException("not a timer channel: " + ch);
    }

    /** The runtime's view of a channel given to select; null for Go's nil channel. */
    static Chan<?> of(Object ch) {
        if (ch == null || ch instanceof Chan<?>) {
            return (Chan<?>) ch;
        }
        throw new IllegalArgumentException("select: not a go4j channel: " + ch.getClass().getName());
    }

    // ===================================================================================================
    // The lock
    // ===================================================================================================

    /**
     * Acquires the channel lock. The caller must hold no other channel lock (a select takes its second
     * and later locks with {@link #tryLockBriefly()}): a waiter here may yield its carrier or park, and
     * a thread that waits while holding a lock could keep that lock from its holder's waiters for good
     * (observed: a lock-order-respecting pair of selects starving forever on 2 carriers). On a buffered
     * channel it then puts the ring in slow mode ({@link ChanRing#enterSlow}), so that the holder has
     * the buffer to itself; on an unbuffered one it turns the slot off and queues its waiter
     * ({@link #absorbSlot}).
     */
    void lock() {
        if (!LOCK.compareAndSet(this, FREE, HELD)) {
            lockSlow();
        }
        ChanRing q = ring;
        if (q != null) {
            q.enterSlow(); // the ring is ours now (ChanRing: slow mode)
        } else if (slot != SLOW) {
            absorbSlot();
        }
    }

    /**
     * The lock holder of an unbuffered channel turns its {@link #slot} off and queues the waiter that
     * was in it, if any: the queues are empty whenever the slot is not {@link #SLOW}, so that waiter is
     * the oldest (ADR 0051). Once the slot reads {@link #SLOW}, only lock holders change it.
     */
    private void absorbSlot() {
        for (;;) {
            Object s = slot;
            if (s == SLOW || s instanceof Revoked) {
                return;
            }
            if (s == BUSY || s == CLAIMED || s == GIVEN) {
                Thread.onSpinWait(); // a thread that runs is a few instructions from moving it on
            } else if (s == WANT) {
                if (SLOT.compareAndSet(this, WANT, RECEIVER_REVOKED)) {
                    return;
                }
            } else if (s instanceof Thread t) {
                if (SLOT.compareAndSet(this, t, new Revoked(t))) {
                    handoff = null; // the offering sender still holds its value (ADR 0055)
                    return;
                }
            } else if (SLOT.compareAndSet(this, s, SLOW)) {
                if (s instanceof ChanWaiter w) {
                    if (w.elem == null) {
                        enqueueRecv(w);
                    } else {
                        enqueueSend(w);
                    }
                }
                return;
            }
        }
    }

    /**
     * How often a contended lock is retried with {@link Thread#onSpinWait()} before the waiter starts
     * yielding. A pause costs up to ~140 cycles on recent x86, so this stays small.
     */
    private static final int LOCK_SPINS = Integer.getInteger("go4j.chan.lockSpins", 16);
    /** How often a contended lock is retried after a {@link Thread#yield()} before the waiter parks. */
    private static final int LOCK_YIELDS = Integer.getInteger("go4j.chan.lockYields", 4);

    /**
     * Go's {@code lock_futex}: spin, yield a few times, then announce a parked waiter (state
     * {@link #CONTENDED}) and park until an unlock pops our node. Every acquisition made here swaps in
     * {@code CONTENDED}, not {@code HELD}: we cannot know whether other waiters are still parked, so our
     * unlock must look for them (a spurious look costs one empty pop).
     */
    private void lockSlow() {
        for (int i = 0; i < LOCK_SPINS; i++) {
            if (lock == FREE && LOCK.compareAndSet(this, FREE, HELD)) {
                return;
            }
            Thread.onSpinWait();
        }
        for (int i = 0; i < LOCK_YIELDS; i++) {
            Thread.yield(); // we hold no lock
            if (lock == FREE && LOCK.compareAndSet(this, FREE, HELD)) {
                return;
            }
        }
        boolean interrupted = false;
        for (;;) {
            if ((int) LOCK.getAndSet(this, CONTENDED) == FREE) {
                break;
            }
            LockWaiter w = new LockWaiter(Thread.currentThread());
            LockWaiter top;
            do {
                top = lockWaiters;
                w.next = top;
            } while (!LOCK_WAITERS.compareAndSet(this, top, w));
            // No lost wake-up (see the class comment): our push precedes this read, and the unlock that
            // ends the CONTENDED holding we read swaps the state to FREE after it, then pops.
            if (lock == CONTENDED) {
                while (w.state == LockWaiter.WAITING) {
                    LockSupport.park(this);
                    if (Thread.interrupted()) {
                        interrupted = true; // park would not block again; the interrupt is restored below
                    }
                }
            } else {
                // Released meanwhile: withdraw, unless an unlock already woke us (then its unpark may
                // still arrive; harmless, every park here and in Waiter loops on its own state).
                LockWaiter.STATE.compareAndSet(w, LockWaiter.WAITING, LockWaiter.CANCELLED);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Tries to acquire the lock, spinning briefly but never yielding or parking: for a select that
     * already holds lower-ordered locks. On failure the select releases everything and starts over.
     */
    boolean tryLockBriefly() {
        for (int spins = 0; ; spins++) {
            if (lock == FREE && LOCK.compareAndSet(this, FREE, HELD)) {
                ChanRing q = ring;
                if (q != null) {
                    q.enterSlow();
                } else if (slot != SLOW) {
                    absorbSlot();
                }
                return true;
            }
            if (spins >= LOCK_SPINS) {
                return false;
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Waits, holding no lock, until this lock has been free (a select's back-off before it starts over):
     * takes and releases it, so a long wait parks like {@link #lock()}.
     */
    void awaitUnlocked() {
        lock();
        unlock();
    }

    /**
     * Releases the channel lock (a volatile swap: everything done under the lock happens-before the next
     * holder), then, if a waiter announced it may park, wakes the newest waiting one. Before that, on an
     * open channel that nobody waits on, it takes the ring out of slow mode ({@link ChanRing#exitSlow})
     * or turns the slot back on (ADR 0051).
     */
    void unlock() {
        // Read before the slot reopens: from then on an offering sender may fill the field (ADR 0055).
        Thread t = (Thread) handoff;
        if (t != null) {
            handoff = null;
        }
        if (recvHead == null && sendHead == null && (flags & F_CLOSED) == 0) {
            // Nobody waits: senders and receivers may meet in the ring or the slot without us.
            ChanRing q = ring;
            if (q != null) {
                q.exitSlow();
            } else if (slot == SLOW) {
                // Not a Revoked: that one waits for the goroutine it names. SLOW changes only under the lock.
                SLOT.setRelease(this, null);
            }
        }
        if ((int) LOCK.getAndSet(this, FREE) == CONTENDED) {
            wakeLockWaiter();
        }
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Wakes {@code w}, a parked waiter this lock holder just dequeued, the way {@link Waiter#complete}
     * does, but leaves the unpark to {@link #unlock}: unparking a virtual thread submits it to the
     * scheduler, which may wake an idle carrier thread with a system call, and every other user of the
     * channel would wait for that in the lock. On 16 CPUs mpmc_16 went from ~1100 ns per message (the
     * lock convoyed: its waiters spun, yielded and parked) to ~320, on 8 from ~860 to ~600 (ADR 0053).
     * True if this call completed {@code w}.
     */
    private boolean wakeLocked(ChanWaiter w) {
        int r = w.wakeLocked();
        if (r == Waiter.WON_PARKED) {
            Thread prev = (Thread) handoff;
            handoff = w.parked();
            if (prev != null) {
                LockSupport.unpark(prev); // a second wake in one holding: not seen today, but never lose it
            }
        }
        return r != Waiter.LOST;
    }

    /** Pops lock waiters until one is woken (cancelled ones are dropped) or none is left. */
    private void wakeLockWaiter() {
        for (;;) {
            LockWaiter w = lockWaiters;
            if (w == null) {
                return;
            }
            if (LOCK_WAITERS.compareAndSet(this, w, w.next)) {
                // Nodes are never pushed twice, so the CAS above has no ABA problem.
                if (LockWaiter.STATE.compareAndSet(w, LockWaiter.WAITING, LockWaiter.WOKEN)) {
                    LockSupport.unpark(w.thread);
                    return;
                }
            }
        }
    }

    /** This channel's lock-order id, drawn on first use. */
    long id() {
        long i = id;
        if (i == 0) {
            long fresh = IDS.incrementAndGet();
            i = ID.compareAndSet(this, 0L, fresh) ? fresh : id;
        }
        return i;
    }

    // ===================================================================================================
    // Operations under the lock (shared with SelectImpl)
    // ===================================================================================================

    boolean closedLocked() {
        return (flags & F_CLOSED) != 0;
    }

    /** Whether this channel belongs to a bubble; a plain read of a bit that never changes. */
    boolean bubbled() {
        return (flags & F_BUBBLE) != 0;
    }

    /**
     * For a {@linkplain #bubbled() bubble channel}: fails unless the caller runs in its bubble (TH10).
     * {@code op} is one of {@link #OP_SEND}, {@link #OP_RECEIVE}, {@link #OP_SELECT}, {@link #OP_CLOSE}.
     * Go makes this a fatal error; go4j throws as for a bubble's timers.
     *
     * @throws IllegalStateException "send on synctest channel from outside bubble" and the like
     */
    void checkBubble(String op) {
        Bubble b = Bubbles.current();
        if (b == null || b != Bubbles.owner(this)) {
            throw new IllegalStateException(op + " synctest channel from outside bubble");
        }
    }

    // Go's lock-free fast paths for non-blocking operations (chanrecv/chansend with block == false).
    // The fields are written under the lock and read here racily, with acquire loads: each load sees a
    // value the field really had. Two loads are still not one observation, so each answer below is
    // argued from the fact that a channel never reopens and, once closed, never gains a value or a
    // parked receiver.

    /**
     * A receive without the lock, when it can be decided so: a value (a buffered channel's ring gave it
     * without the lock, ADR 0050), {@link #NONE} (would block), {@link #CLOSED_ELEM} (closed and
     * drained), or null (take the lock and look).
     *
     * <p>"Would block", buffered: we saw the ring empty (see {@link ChanRing}) at t1 and then not closed at
     * t2 > t1; not closed at t2 means not closed at t1, so at t1 it was open and empty: the receive is
     * linearized at t1 (CH13, SE03). Unbuffered: we saw the {@link #slot} null, which it is only while
     * the channel is open and nobody waits (ADR 0051). "Closed", unbuffered: the slot stays off once
     * closed; we saw it closed (the acquire load synchronizes with close's release store) and then no
     * queued sender; a closed channel stays closed and gains no sender, so at that second load it was
     * closed and empty. A closed buffered channel is in slow mode for good: its receives take the lock.
     * A sender's offer in the slot (ADR 0055) is taken here, like the one a buffered ring gives.
     */
    Object recvFast() {
        ChanRing q = ring;
        if (q != null) {
            Object v = q.poll();
            if (v != ChanRing.EMPTY) {
                return v; // a value, or null: slow mode
            }
            return ((int) FLAGS.getAcquire(this) & F_CLOSED) == 0 ? NONE : null;
        }
        Object s = SLOT.getAcquire(this);
        if (s == null) {
            return NONE;
        }
        if (s instanceof Thread) {
            return claimOffer(s); // a sender offers there (ADR 0055); if we lost it, the lock looks
        }
        if (s == WANT) {
            return NONE; // open (close withdraws it first), and a receiver waits: no sender
        }
        if (s != SLOW) {
            return null; // a waiter in the slot: the locked path takes or joins it
        }
        if (((int) FLAGS.getAcquire(this) & F_CLOSED) == 0 || SEND_HEAD.getAcquire(this) != null) {
            return null;
        }
        return CLOSED_ELEM;
    }

    /**
     * A send without the lock, when it can be decided so: {@link #SENT} (a buffered channel's ring took
     * it, ADR 0050), {@link #WOULD_BLOCK}, or -1 (take the lock). "Would block": we saw the ring full at
     * t1 and not closed at t2 > t1, so at t1 it was open and full (Go reads closed first; we read it
     * second so that a closed channel always takes the locked path, which reports "send on closed
     * channel"). For capacity 0, we saw the {@link #slot} null: open, and nobody waits (ADR 0051); a
     * receive that spins there ({@link #WANT}) is given the value at once (ADR 0055).
     */
    int sendFast(Object v) {
        ChanRing q = ring;
        if (q != null) {
            int r = q.offer(v);
            if (r == ChanRing.OK) {
                return SENT;
            }
            if (r == ChanRing.LOCKED) {
                return -1;
            }
        } else {
            Object s = slot;
            if (s == WANT && give(v)) {
                return SENT; // a receiver spins there (ADR 0055)
            }
            return s == null ? WOULD_BLOCK : -1;
        }
        return ((int) FLAGS.getAcquire(this) & F_CLOSED) == 0 ? WOULD_BLOCK : -1;
    }

    /**
     * Sends without blocking; the lock is held. Hands {@code v} to the oldest parked receiver whose
     * waiter this call completes (CH11), else buffers it if there is room.
     */
    int sendLocked(Object v) {
        if ((flags & F_CLOSED) != 0) {
            return IS_CLOSED;
        }
        ChanWaiter r;
        while ((r = pollRecv()) != null) {
            r.elem = v; // read by the receiver only if the CAS below wins; harmless otherwise
            if (wakeLocked(r)) {
                return SENT;
            }
        }
        ChanRing q = ring;
        if (q != null && q.countLocked() < q.cap) {
            q.putLocked(v);
            return SENT;
        }
        return WOULD_BLOCK;
    }

    /**
     * Receives without blocking; the lock is held. Returns the element, {@link #CLOSED_ELEM} if closed
     * and drained (CH07), or {@link #NONE} if it would block.
     */
    Object recvLocked() {
        ChanRing q = ring;
        ChanWaiter s;
        if (q != null && q.countLocked() > 0) {
            // The buffer is full if a sender is parked: move its value to the freed tail slot (CH10).
            while ((s = pollSend()) != null) {
                Object sv = s.elem;
                if (wakeLocked(s)) {
                    return q.rotateLocked(sv);
                }
            }
            return q.takeLocked();
        }
        while ((s = pollSend()) != null) {
            Object sv = s.elem;
            if (wakeLocked(s)) {
                return sv;
            }
        }
        return (flags & F_CLOSED) != 0 ? CLOSED_ELEM : NONE;
    }

    // Wait queues. A node is queued iff prev != null or it is the head.

    void enqueueRecv(ChanWaiter w) {
        ChanWaiter t = recvTail;
        w.prev = t;
        if (t == null) {
            recvHead = w;
        } else {
            t.next = w;
        }
        recvTail = w;
    }

    void enqueueSend(ChanWaiter w) {
        ChanWaiter t = sendTail;
        w.prev = t;
        if (t == null) {
            sendHead = w;
        } else {
            t.next = w;
        }
        sendTail = w;
    }

    private ChanWaiter pollRecv() {
        ChanWaiter w = recvHead;
        if (w != null) {
            ChanWaiter n = w.next;
            recvHead = n;
            if (n == null) {
                recvTail = null;
            } else {
                n.prev = null;
            }
            w.next = null;
        }
        return w;
    }

    private ChanWaiter pollSend() {
        ChanWaiter w = sendHead;
        if (w != null) {
            ChanWaiter n = w.next;
            sendHead = n;
            if (n == null) {
                sendTail = null;
            } else {
                n.prev = null;
            }
            w.next = null;
        }
        return w;
    }

    /** Removes {@code w} from the receive queue if it is still there (a waker may have dequeued it). */
    void removeRecv(ChanWaiter w) {
        ChanWaiter p = w.prev;
        ChanWaiter n = w.next;
        if (p == null && recvHead != w) {
            return; // not queued
        }
        if (p == null) {
            recvHead = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            recvTail = p;
        } else {
            n.prev = p;
        }
        w.prev = null;
        w.next = null;
    }

    /** Removes {@code w} from the send queue if it is still there. */
    void removeSend(ChanWaiter w) {
        ChanWaiter p = w.prev;
        ChanWaiter n = w.next;
        if (p == null && sendHead != w) {
            return;
        }
        if (p == null) {
            sendHead = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            sendTail = p;
        } else {
            n.prev = p;
        }
        w.prev = null;
        w.next = null;
    }

    // ===================================================================================================
    // Blocking operations
    // ===================================================================================================

    /**
     * How often a buffered send or receive that found the ring full or empty, and did not see its
     * partner move while it spun ({@link #spinForBatch}, ADR 0052) or skipped the spin, yields its
     * carrier and looks again before it takes the lock to wait (ADR 0050). A yield lets whatever else is runnable
     * on this carrier go first (with nothing else, it returns at once), and meanwhile a partner on another
     * carrier fills or drains a batch of slots, so the goroutine often goes on without a park/unpark.
     * With one yield: spsc_16 ~140 -> ~120 ns, mpmc ~205 -> ~185, pairs_16 ~5% slower (2 cores). Unlike
     * a spin, it does not turn a batch into a lockstep (a yield takes longer than a batch of messages).
     * {@code -Dgo4j.ring.yields=0} turns it off.
     */
    private static final int RING_YIELDS = Integer.getInteger("go4j.ring.yields", 1);

    /** Wait forever. */
    private static final long FOREVER = Long.MAX_VALUE;

    /**
     * Before parking on an unbuffered channel, an operation checks its waiter once per
     * {@link Thread#onSpinWait()} for {@link #SPIN_NANOS}: a partner running on another carrier (a
     * ping-pong) usually completes it within a few hundred nanoseconds, which saves a park/unpark pair,
     * by far the largest cost of a rendezvous. Spinning only pays when the partner is running, so each
     * channel learns whether it does (see {@link #spinBeforePark}). ADR 0006. A select never waits this
     * way; buffered channels and selects over them spin differently, for a batch ({@link #RING_PROBES},
     * ADR 0052).
     *
     * <p>This is the most pauses one such spin makes, whatever the clock says (ADR 0056: the spin's
     * length is in time; this cap only matters where the clock stands still, as in the Lincheck JVM,
     * which sets it to 64). 0 where only one carrier runs virtual threads: a spinner there only delays
     * its partner. {@code -Dgo4j.chan.spins=0} turns this spin and the ring's off.
     */
    private static final int SPINS = Integer.getInteger("go4j.chan.spins", defaultSpins());
    /** 16384, or 0 where only one carrier runs virtual threads. */
    private static int defaultSpins() {
        String p = System.getProperty("jdk.virtualThreadScheduler.parallelism");
        int carriers = Runtime.getRuntime().availableProcessors();
        try {
            if (p != null) {
                carriers = Integer.parseInt(p.trim());
            }
        } catch (NumberFormatException e) {
            // the JDK rejects it too; keep the processor count
        }
        return carriers > 1 ? 1 << 14 : 0;
    }

    /**
     * How long an unbuffered send or receive spins before it parks, in nanoseconds of real time (ADR
     * 0056): {@link Spin#DEFAULT_NANOS}, the 64 pauses that ADRs 0006 and 0051 tuned on the Xeon.
     * {@code -Dgo4j.chan.spinNanos}.
     */
    private static final long SPIN_NANOS = Long.getLong("go4j.chan.spinNanos", Spin.DEFAULT_NANOS);

    /** Consecutive failed spins on a channel tolerated before its waits start to park at once. */
    private static final int SPIN_TOLERANCE = Integer.getInteger("go4j.chan.spinTolerance", 1);
    /** The longest run of waits that park at once: 2^this - 1. */
    private static final int MAX_SPIN_BACKOFF = 10;
    /** A probe (the first spin after a run of parked waits) spins this many times longer. */
    private static final int PROBE_FACTOR = Integer.getInteger("go4j.chan.probeFactor", 4);

    /**
     * Spins briefly while {@code w} is waiting, if spinning has been paying off on this channel.
     * {@link #spin} holds the channel's run of consecutive failed spins (high half) and the number of
     * waits left that park at once (low half). Past {@link #SPIN_TOLERANCE} failures, each failure
     * doubles the run of waits that park at once (1, 3, 7 ... 1023); any success resets it. The first
     * spin after such a run is a longer probe: when both sides of a ping-pong park, the partner needs a
     * carrier to wake up before it can answer, and a short probe would never see it. A channel whose
     * partners queue behind thousands of others (10,000 pairs on two cores, a 1000-goroutine chain) so
     * spins about once per thousand waits; a ping-pong pair spins on every one. The field is read and
     * written without the lock: a lost update only changes how long the next wait spins.
     */
    private void spinBeforePark(Waiter w) {
        int st = spin;
        if ((st & 0xFFFF) != 0) {
            spin = st - 1;
            return;
        }
        long nanos = spinNanos(st);
        int looks = spinBudget(st);
        long start = 0;
        for (int i = 1; i <= looks; i++) {
            if (!w.isWaiting()) {
                spinPaid(st);
                return;
            }
            Thread.onSpinWait();
            if ((start = Spin.check(i, start, nanos)) == Spin.OVER) {
                break;
            }
        }
        if (!w.isWaiting()) {
            spinPaid(st);
            return;
        }
        spinFailed(st);
    }

    /** The most pauses a spin begun in state {@code st} makes: more for a probe after parked waits. */
    private static int spinBudget(int st) {
        return st >>> 16 > SPIN_TOLERANCE ? SPINS * PROBE_FACTOR : SPINS;
    }

    /** How long a spin begun in state {@code st} lasts: longer for a probe after parked waits. */
    private static long spinNanos(int st) {
        return st >>> 16 > SPIN_TOLERANCE ? PROBE_NANOS : SPIN_NANOS;
    }

    /** {@link #SPIN_NANOS} times {@link #PROBE_FACTOR}, at most {@code Long.MAX_VALUE}. */
    private static final long PROBE_NANOS = PROBE_FACTOR > 0 && SPIN_NANOS > Long.MAX_VALUE / PROBE_FACTOR
            ? Long.MAX_VALUE : SPIN_NANOS * PROBE_FACTOR;

    /** A spin saw its partner: spin on the next waits too. */
    private void spinPaid(int st) {
        if (st != 0) {
            spin = 0;
        }
    }

    /** A spin saw no partner: after {@link #SPIN_TOLERANCE} such spins in a row, double the run of waits that skip it. */
    private void spinFailed(int st) {
        int f = st >>> 16;
        if (f < SPIN_TOLERANCE + MAX_SPIN_BACKOFF) {
            f++;
        }
        spin = f > SPIN_TOLERANCE ? f << 16 | ((1 << (f - SPIN_TOLERANCE)) - 1) : f << 16;
    }

    /**
     * How many times a buffered send that found the ring full (a receive that found it empty) looks at
     * the partner's position before it gives up spinning, {@link #RING_LOOK_NANOS} apart (ADR 0052): about
     * 6 microseconds at most; a look that sees no progress ends the spin at once. 0 where only one
     * carrier runs virtual threads (see {@link #SPINS}); {@code -Dgo4j.ring.probes=0} turns it off.
     */
    static final int RING_PROBES = Integer.getInteger("go4j.ring.probes", SPINS > 0 ? 8 : 0);
    /**
     * Nanoseconds of real time between two looks of {@link #RING_PROBES} (ADR 0056); {@code -Dgo4j.ring.lookNanos}.
     * Long enough for the partner to finish a batch between looks. Measured in pauses on the Xeon: at 16
     * (~150 ns) the two sides overlapped and spsc_16 stayed at ~130 ns per message; at 32 and 64 (~600
     * ns), ~70. On an AMD EPYC, where a pause takes 2.5 times longer, 64 pauses made it ~150 and 26 ~77.
     */
    private static final long RING_LOOK_NANOS = Long.getLong("go4j.ring.lookNanos", Spin.DEFAULT_NANOS);
    /**
     * How often, in nanoseconds of real time, a spin of {@link #RING_PROBES} reads the slot that shows
     * its batch ready ({@link ChanRing#batchMark}, ADR 0060); {@code -Dgo4j.ring.pollNanos}. On the AMD
     * EPYC, spsc_16 read ~35 ns per message at 130 and 250, but fell into runs of 50-220 at 60: each
     * reading takes the line from the partner that is still filling or draining it.
     */
    private static final long RING_POLL_NANOS = Long.getLong("go4j.ring.pollNanos", 130);
    /** Between two looks of a ring's spin: {@link #RING_LOOK_NANOS}, or less once the batch is there. */
    static final ChanRing.Pause RING_WAIT = ready -> Spin.watch(RING_LOOK_NANOS, RING_POLL_NANOS, SPINS, ready);

    /**
     * A buffered receive ({@code receive}) found the ring empty, or a send found it full: if spinning
     * has been paying off on this channel, waits while the partners on other carriers visibly move, until
     * a batch is ready or they stop (ADR 0052). True if the operation should try again at once; false if
     * the spin was skipped or saw no partner move.
     */
    private boolean spinForBatch(boolean receive) {
        int st = spinStart();
        if (st < 0) {
            return false;
        }
        boolean ready = ring.awaitBatch(receive, RING_PROBES, RING_WAIT);
        spinDone(st, ready);
        return ready;
    }

    /**
     * Whether a wait about to begin should spin first, from this channel's record of whether spinning
     * paid ({@link #spinBeforePark}): the state to hand to {@link #spinDone}, or -1 if this wait skips
     * its spin (then counted).
     */
    int spinStart() {
        int st = spin;
        if ((st & 0xFFFF) != 0) {
            spin = st - 1;
            return -1;
        }
        return st;
    }

    /** Records whether a spin begun with {@link #spinStart} saw its partner. */
    void spinDone(int st, boolean paid) {
        if (paid) {
            spinPaid(st);
        } else {
            spinFailed(st);
        }
    }

    /**
     * For a select's spin over buffered channels (ADR 0052): the position that the partners of a receive
     * case ({@code receive}) or a send case move, that is the ring's send or receive position; -1 on an
     * unbuffered channel or in slow mode.
     */
    long partnerPosition(boolean receive) {
        ChanRing q = ring;
        return q == null ? -1 : q.partnerPosition(receive);
    }

    /** Whether a buffered channel has a batch of values to receive ({@code receive}) or of room to send into. */
    boolean batchReady(boolean receive) {
        return ring.batchReady(receive);
    }

    static long toNanos(Duration d) {
        Objects.requireNonNull(d, "timeout");
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : FOREVER;
        }
    }

    static ChannelClosedException sendOnClosed() {
        return new ChannelClosedException("send on closed channel");
    }

    /**
     * A select of one send case on this channel and one positive timeout, once the case was seen not
     * ready (SelectImpl): the same wait as a timed send, recorded as a select. False on timeout.
     */
    @SuppressWarnings("unchecked")
    boolean selectSend(Object value, long nanos) throws InterruptedException {
        return send0((T) value, nanos, true);
    }

    /**
     * A select of one receive case on this channel and one positive timeout, once the case was seen not
     * ready: the element, {@link #CLOSED_ELEM}, or {@link #NONE} on timeout.
     */
    Object selectReceive(long nanos) throws InterruptedException {
        return recv0(nanos, true);
    }

    /** {@link #offer}'s answer: a receiver took the value. */
    static final Object SENT_MARK = marker("<sent>");
    /** {@link #offer}'s pause between two looks at the slot. */
    private static final Runnable OFFER_WAIT = Thread::onSpinWait;

    /**
     * The most pauses between two looks of a send or receive that found the {@link #slot} in a state
     * that lasts a moment ({@link #BUSY}, {@link #CLAIMED}, {@link #GIVEN}): its partner is between two
     * writes to the slot's cache line (the {@link #handoff}, then the slot). Each look takes that line
     * back to this core and makes the partner's next write fetch it again; in a one-way stream the sender
     * finds its last {@code GIVEN} not yet cleared on almost every message. Looking once per pause made
     * pingpong bimodal by JMH fork on the Xeon (~160 or ~300 ns per message, with the sender looking ~2.5
     * times per message in the slow forks against ~1.1); every 4 pauses, 160-177 (ADR 0058). 8 pauses made
     * the sender late for the receiver's next {@link #WANT} (~180). A receiver in {@link #want} that sees
     * {@code BUSY} still looks once per pause: its sender is one store from {@code GIVEN}, and 4 pauses
     * there measured no better. {@code -Dgo4j.chan.transientPauses}.
     */
    static final int TRANSIENT_PAUSES = Integer.getInteger("go4j.chan.transientPauses", 4);

    /**
     * The pauses before the first such look again; each later one waits twice as long, up to
     * {@link #TRANSIENT_PAUSES} (ADR 0061). A pause is ~12 ns on the Xeon where ADR 0058 chose 4, ~26 ns
     * on an AMD EPYC, where the partner has cleared the slot after one pause on most messages and 4 made
     * every message wait ~100 ns (pingpong ~130 against ~80). {@code -Dgo4j.chan.transientFirst}.
     */
    static final int TRANSIENT_FIRST = Integer.getInteger("go4j.chan.transientFirst", 1);

    /** Pauses {@code n} times (a loop starts at {@link #TRANSIENT_FIRST}); returns the next look's count. */
    static int pauseForPartner(int n) {
        for (int i = 0; i < n; i++) {
            Thread.onSpinWait();
        }
        return Math.min(n << 1, TRANSIENT_PAUSES);
    }

    /**
     * A blocking send on an unbuffered channel found the {@link #slot} empty and spinning pays here:
     * offers {@code value} in the slot itself and looks at the slot up to {@code looks} times,
     * {@code pause} apart, for about {@code nanos} ({@link #watchSlot}), until a receiver takes it (ADR
     * 0055). The partners then move one cache line, the channel's, where a waiter node moves two more
     * (ADR 0051). Returns {@link #SENT_MARK} if a receiver took it; a {@link ChanWaiter} that now waits
     * in the slot in its place, if nobody came while we spun (the caller parks on it); null if a lock
     * holder withdrew the offer ({@link Revoked}: the slot is {@link #SLOW} again) or another thread
     * took the empty slot first (look again).
     */
    Object offer(Object value, int looks, long nanos, Runnable pause) {
        if (!SLOT.compareAndSet(this, null, BUSY)) {
            return null;
        }
        Thread me = Thread.currentThread();
        handoff = value;
        SLOT.setRelease(this, me);
        Object s = watchSlot(me, looks, nanos, pause);
        if (s == me && SLOT.compareAndSet(this, me, BUSY)) {
            // Nobody came: wait in the slot as a node, as ADR 0051 has it, and park.
            handoff = null;
            ChanWaiter w = new ChanWaiter(value);
            SLOT.setRelease(this, w);
            return w;
        }
        // The slot moved away from us: only a receiver's claim or a lock holder's revocation does that.
        s = slot;
        if (s instanceof Revoked r && r.sender == me) {
            SLOT.setRelease(this, SLOW); // ours to change; the lock holders see SLOW either way
            return null;
        }
        return SENT_MARK;
    }

    /**
     * The spin of {@link #offer} and {@link #want}: looks at the {@link #slot} while it holds
     * {@code mine}, {@code pause} apart, at most {@code looks} times and for about {@code nanos} of real
     * time ({@link Spin#check}, ADR 0056). Returns the slot's last value read.
     */
    private Object watchSlot(Object mine, int looks, long nanos, Runnable pause) {
        Object s = mine;
        long start = 0;
        for (int i = 1; i <= looks && (s = slot) == mine; i++) {
            pause.run();
            if ((start = Spin.check(i, start, nanos)) == Spin.OVER) {
                return slot;
            }
        }
        return s;
    }

    /**
     * Takes the value that {@code sender} offers in the {@link #slot} (ADR 0055): the value, or null
     * if the offer was gone (taken, withdrawn, turned into a waiter). The channel is open meanwhile:
     * close has to take the slot away from the offer first.
     */
    private Object claimOffer(Object sender) {
        if (!SLOT.compareAndSet(this, sender, CLAIMED)) {
            return null;
        }
        Object v = handoff;
        handoff = null;
        SLOT.setRelease(this, null); // open, and nobody waits: the offer was the only one
        return v;
    }

    /**
     * The receiving side of {@link #offer}: a blocking receive found the {@link #slot} empty and spinning
     * pays here. Puts {@link #WANT} there and looks at the slot up to {@code looks} times, {@code pause}
     * apart, for about {@code nanos} ({@link #watchSlot}), until a sender fills it ({@link #give}).
     * Returns the value; a {@link ChanWaiter} that now waits in the slot in its place, if nobody came
     * (the caller parks on it); null if a lock holder withdrew the wait (the slot is {@link #SLOW}
     * again) or another thread took the empty slot first.
     */
    Object want(int looks, long nanos, Runnable pause) {
        if (!SLOT.compareAndSet(this, null, WANT)) {
            return null;
        }
        Object s = watchSlot(WANT, looks, nanos, pause);
        if (s == WANT && SLOT.compareAndSet(this, WANT, BUSY)) {
            ChanWaiter w = new ChanWaiter(null); // nobody came: wait in the slot as a node, and park
            SLOT.setRelease(this, w);
            return w;
        }
        // Only a sender (BUSY, then GIVEN) or a lock holder moves the slot away from our WANT, and only
        // we move it on from GIVEN or RECEIVER_REVOKED.
        while ((s = SLOT.getAcquire(this)) == BUSY) {
            Thread.onSpinWait(); // the sender is a few instructions from GIVEN
        }
        if (s == RECEIVER_REVOKED) {
            SLOT.setRelease(this, SLOW); // ours to change; the lock holders see SLOW either way
            return null;
        }
        Object v = handoff; // s == GIVEN
        handoff = null;
        SLOT.setRelease(this, null); // open, and nobody waits: ours was the only wait
        return v;
    }

    /**
     * Hands {@code value} to the receiver that spins in {@link #WANT} (ADR 0055); false if the slot had
     * moved on (it was given, withdrawn, turned into a waiter): look again.
     */
    private boolean give(Object value) {
        if (!SLOT.compareAndSet(this, WANT, BUSY)) {
            return false;
        }
        handoff = value;
        SLOT.setRelease(this, GIVEN);
        return true;
    }

    private boolean send0(T value, long nanos) throws InterruptedException {
        return send0(value, nanos, false);
    }

    /**
     * Sends, waiting at most {@code nanos} ({@link #FOREVER}: no limit; <= 0: don't wait); a wait is
     * recorded as a select's if {@code select}. Two steps, so that a parked sender's frozen stack holds
     * only the small one (ADR 0059): {@link #sendOrQueue} does everything up to the park and returns,
     * and {@link #sendAwait} parks.
     */
    private boolean send0(T value, long nanos, boolean select) throws InterruptedException {
        Object r = sendOrQueue(value, nanos);
        if (r instanceof ChanWaiter w) {
            return sendAwait(w, nanos, select);
        }
        return r == SENT_MARK;
    }

    /**
     * {@link #send0} up to the park: {@link #SENT_MARK} when sent, {@link #NONE} when it would block
     * and may not wait, or the {@link ChanWaiter} now queued (or in the slot) that the caller parks on,
     * its spin before parking done.
     */
    private Object sendOrQueue(T value, long nanos) {
        Objects.requireNonNull(value, NULL_ELEMENT);
        if ((flags & F_BUBBLE) != 0) {
            checkBubble(OP_SEND);
        }
        if (ring != null || nanos <= 0) {
            int f = sendFast(value);
            if (f == WOULD_BLOCK && nanos > 0 && RING_PROBES > 0 && spinForBatch(false)) {
                f = sendFast(value);
            }
            for (int i = 0; f == WOULD_BLOCK && nanos > 0 && i < RING_YIELDS; i++) {
                Thread.yield(); // see RING_YIELDS
                f = sendFast(value);
            }
            if (f == SENT || (f == WOULD_BLOCK && nanos <= 0)) {
                return f == SENT ? SENT_MARK : NONE;
            }
        }
        ChanWaiter w = null;
        boolean waiting = false;
        boolean spun = false;
        int passing = TRANSIENT_FIRST;
        if (ring == null && nanos > 0) {
            // The slot (ADR 0051): meet a receiver waiting there, or wait there, without the lock.
            for (Object s; (s = slot) != SLOW && !(s instanceof Revoked); ) {
                if (s == null) {
                    int st = -1;
                    if (nanos == FOREVER && !spun && SPINS > 0 && (flags & F_BUBBLE) == 0) {
                        spun = true; // this wait's spin is decided here, once (spinStart counts a skip)
                        st = spinStart();
                    }
                    if (st >= 0) {
                        // ADR 0055: offer the value in the slot itself while we spin.
                        Object o = offer(value, spinBudget(st), spinNanos(st), OFFER_WAIT);
                        if (o == SENT_MARK) {
                            spinPaid(st);
                            return SENT_MARK;
                        }
                        if (o instanceof ChanWaiter parked) {
                            spinFailed(st);
                            w = parked; // our offer became a waiter in the slot
                            waiting = true;
                            break;
                        }
                        continue; // revoked, or lost the empty slot: look again
                    }
                    if (w == null) {
                        w = new ChanWaiter(value);
                    }
                    if (SLOT.compareAndSet(this, null, w)) {
                        waiting = true;
                        break;
                    }
                } else if (s == WANT) {
                    if (give(value)) {
                        return SENT_MARK; // a receiver spins there (ADR 0055)
                    }
                } else if (s == BUSY || s == CLAIMED || s == GIVEN) {
                    passing = pauseForPartner(passing); // a moment: see TRANSIENT_FIRST
                } else if (s instanceof ChanWaiter r && r.elem == null) {
                    if (SLOT.compareAndSet(this, r, null)) {
                        r.elem = value; // read by the receiver only if the CAS in wake wins
                        if (r.wake()) {
                            return SENT_MARK;
                        }
                        // it left (interrupt, timeout): look again
                    }
                } else {
                    break; // another sender waits there: queue behind it
                }
            }
        }
        if (!waiting) {
            lock();
            int r = sendLocked(value);
            if (r != WOULD_BLOCK || nanos <= 0) {
                unlock();
                if (r == IS_CLOSED) {
                    throw sendOnClosed();
                }
                return r == SENT ? SENT_MARK : NONE;
            }
            if (w == null) {
                w = new ChanWaiter(value);
            }
            enqueueSend(w);
            unlock();
        }
        if (ring == null && SPINS > 0 && !spun) {
            spinBeforePark(w);
        }
        return w;
    }

    /** {@link #send0}'s park on {@code w}, queued by {@link #sendOrQueue}: true once a receiver took the value. */
    private boolean sendAwait(ChanWaiter w, long nanos, boolean select) throws InterruptedException {
        // TH07: durable only on a channel of the caller's bubble (checked above); made outside the
        // bubble, a goroutine outside may end the wait, so the bubble's clock must not pass it.
        WaitReason reason = (flags & F_BUBBLE) != 0
                ? (select ? WaitReason.SELECT_DURABLE : WaitReason.CHAN_SEND_DURABLE)
                : (select ? WaitReason.SELECT : WaitReason.CHAN_SEND);
        int code;
        try {
            code = nanos == FOREVER
                    ? w.await(reason, this)
                    : w.awaitNanos(reason, this, Clock.current(), nanos);
        } catch (InterruptedException e) {
            lock();
            removeSend(w); // we won our own CAS: no receiver took the value
            unlock();
            throw e;
        }
        if (code == Waiter.TIMED_OUT) {
            lock();
            removeSend(w);
            unlock();
            return false;
        }
        if (w.elem == CLOSED_ELEM) {
            throw sendOnClosed(); // closed while we waited (CH05, CH09)
        }
        return true;
    }

    private Object recv0(long nanos) throws InterruptedException {
        return recv0(nanos, false);
    }

    /**
     * Receives: the element, {@link #CLOSED_ELEM}, or {@link #NONE} on timeout / would block; a wait is
     * recorded as a select's if {@code select}. Two steps, as in {@link #send0} (ADR 0059).
     */
    private Object recv0(long nanos, boolean select) throws InterruptedException {
        Object v = recvOrQueue(nanos);
        return v instanceof ChanWaiter w ? recvAwait(w, nanos, select) : v;
    }

    /**
     * {@link #recv0} up to the park: the element, {@link #CLOSED_ELEM}, {@link #NONE} when it would
     * block and may not wait, or the {@link ChanWaiter} now queued (or in the slot) that the caller
     * parks on, its spin before parking done. No element is a ChanWaiter: the class is this package's
     * own, and no channel of go4j ever carries one.
     */
    private Object recvOrQueue(long nanos) {
        if ((flags & F_BUBBLE) != 0) {
            checkBubble(OP_RECEIVE);
        }
        if (ring != null || nanos <= 0) {
            Object v = recvFast();
            if (v == NONE && nanos > 0 && RING_PROBES > 0 && spinForBatch(true)) {
                v = recvFast();
            }
            for (int i = 0; v == NONE && nanos > 0 && i < RING_YIELDS; i++) {
                Thread.yield(); // see RING_YIELDS
                v = recvFast();
            }
            if (v != null && (v != NONE || nanos <= 0)) {
                return v;
            }
        }
        ChanWaiter w = null;
        boolean waiting = false;
        boolean spun = false;
        int passing = TRANSIENT_FIRST;
        if (ring == null && nanos > 0) {
            // The slot (ADR 0051): meet a sender waiting there, or wait there, without the lock.
            for (Object s; (s = slot) != SLOW && !(s instanceof Revoked); ) {
                if (s == null) {
                    int st = -1;
                    if (nanos == FOREVER && !spun && SPINS > 0 && (flags & F_BUBBLE) == 0) {
                        spun = true; // this wait's spin is decided here, once (spinStart counts a skip)
                        st = spinStart();
                    }
                    if (st >= 0) {
                        // ADR 0055: wait for a sender's value in the slot itself while we spin.
                        Object o = want(spinBudget(st), spinNanos(st), OFFER_WAIT);
                        if (o instanceof ChanWaiter parked) {
                            spinFailed(st);
                            w = parked; // our wait became a waiter in the slot
                            waiting = true;
                            break;
                        }
                        if (o != null) {
                            spinPaid(st);
                            return o;
                        }
                        continue; // revoked, or lost the empty slot: look again
                    }
                    if (w == null) {
                        w = new ChanWaiter(null);
                    }
                    if (SLOT.compareAndSet(this, null, w)) {
                        waiting = true;
                        break;
                    }
                } else if (s instanceof Thread) {
                    Object v = claimOffer(s); // a sender offers its value there (ADR 0055)
                    if (v != null) {
                        return v;
                    }
                } else if (s == BUSY || s == CLAIMED || s == GIVEN) {
                    passing = pauseForPartner(passing); // a moment: see TRANSIENT_FIRST
                } else if (s instanceof ChanWaiter snd && snd.elem != null) {
                    if (SLOT.compareAndSet(this, snd, null)) {
                        Object v = snd.elem;
                        if (snd.wake()) {
                            return v;
                        }
                        // it left (interrupt, timeout): look again
                    }
                } else {
                    break; // another receiver waits there: queue behind it
                }
            }
        }
        if (!waiting) {
            lock();
            Object v = recvLocked();
            if (v != NONE || nanos <= 0) {
                unlock();
                return v;
            }
            if (w == null) {
                w = new ChanWaiter(null);
            }
            enqueueRecv(w);
            unlock();
        }
        if (ring == null && SPINS > 0 && !spun) {
            spinBeforePark(w);
        }
        return w;
    }

    /** {@link #recv0}'s park on {@code w}, queued by {@link #recvOrQueue}: the element, CLOSED_ELEM or NONE. */
    private Object recvAwait(ChanWaiter w, long nanos, boolean select) throws InterruptedException {
        WaitReason reason = (flags & F_BUBBLE) != 0
                ? (select ? WaitReason.SELECT_DURABLE : WaitReason.CHAN_RECEIVE_DURABLE)
                : (select ? WaitReason.SELECT : WaitReason.CHAN_RECEIVE);
        int code;
        try {
            code = nanos == FOREVER
                    ? w.await(reason, this)
                    : w.awaitNanos(reason, this, Clock.current(), nanos);
        } catch (InterruptedException e) {
            lock();
            removeRecv(w); // we won our own CAS: no sender handed us anything
            unlock();
            throw e;
        }
        if (code == Waiter.TIMED_OUT) {
            lock();
            removeRecv(w);
            unlock();
            return NONE;
        }
        return w.elem; // a value, or CLOSED_ELEM
    }

    @Override
    public void send(T value) throws InterruptedException {
        send0(value, FOREVER);
    }

    @Override
    public boolean trySend(T value) {
        try {
            return send0(value, 0);
        } catch (InterruptedException e) {
            throw new AssertionError("a non-blocking send does not wait", e);
        }
    }

    @Override
    public boolean send(T value, Duration timeout) throws InterruptedException {
        return send0(value, toNanos(timeout));
    }

    @Override
    @SuppressWarnings("unchecked")
    public T receive() throws InterruptedException {
        Object v = recv0(FOREVER);
        return v == CLOSED_ELEM ? null : (T) v;
    }

    @Override
    public Received<T> receiveOk() throws InterruptedException {
        return toReceived(recv0(FOREVER));
    }

    @Override
    @SuppressWarnings("unchecked")
    public T tryReceive() {
        Object v = tryRecv();
        return v == CLOSED_ELEM || v == NONE ? null : (T) v;
    }

    @Override
    public Received<T> tryReceiveOk() {
        Object v = tryRecv();
        return v == NONE ? null : toReceived(v);
    }

    private Object tryRecv() {
        if ((flags & F_BUBBLE) != 0) {
            checkBubble(OP_RECEIVE);
        }
        Object v = recvFast();
        return v != null ? v : recvUnderLock();
    }

    /**
     * {@link #recvLocked()} with the lock taken and released around it: the slow path of a non-blocking
     * receive, here and in a one-case select with a default (SelectImpl).
     */
    Object recvUnderLock() {
        lock();
        Object v = recvLocked();
        unlock();
        return v;
    }

    /** {@link #sendLocked} with the lock taken and released around it; see {@link #recvUnderLock()}. */
    int sendUnderLock(Object v) {
        lock();
        int r = sendLocked(v);
        unlock();
        return r;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T receive(Duration timeout) throws InterruptedException {
        Object v = recv0(toNanos(timeout));
        return v == CLOSED_ELEM || v == NONE ? null : (T) v;
    }

    @Override
    public Received<T> receiveOk(Duration timeout) throws InterruptedException {
        Object v = recv0(toNanos(timeout));
        return v == NONE ? null : toReceived(v);
    }

    @SuppressWarnings("unchecked")
    private static <T> Received<T> toReceived(Object v) {
        return v == CLOSED_ELEM ? Received.closed() : Received.of((T) v);
    }

    @Override
    public void close() {
        if ((flags & F_BUBBLE) != 0) {
            checkBubble(OP_CLOSE);
        }
        lock();
        if ((flags & F_CLOSED) != 0) {
            unlock();
            throw new ChannelClosedException("close of closed channel");
        }
        FLAGS.setRelease(this, flags | F_CLOSED); // see recvFast: publishes the buffer state with the flag
        ChanWaiter receivers = recvHead;
        ChanWaiter senders = sendHead;
        recvHead = recvTail = null;
        sendHead = sendTail = null;
        // Mark the nodes unqueued while we hold the lock, so that a waiter that removes itself
        // (interrupt, timeout, select clean-up) sees that and leaves the detached list alone.
        for (ChanWaiter w = receivers; w != null; w = w.next) {
            w.prev = null;
        }
        for (ChanWaiter w = senders; w != null; w = w.next) {
            w.prev = null;
        }
        unlock();
        // The detached nodes are ours alone now; wake them outside the lock (CH09). A node whose owner
        // has already completed (interrupt, timeout, another select case) just loses its CAS.
        wakeAllClosed(receivers);
        wakeAllClosed(senders);
    }

    private static void wakeAllClosed(ChanWaiter w) {
        while (w != null) {
            ChanWaiter n = w.next;
            w.next = null;
            w.elem = CLOSED_ELEM;
            w.wake();
            w = n;
        }
    }

    @Override
    public int len() {
        if ((flags & F_TIMER) != 0) {
            return 0;
        }
        ChanRing q = ring;
        if (q == null) {
            return 0;
        }
        int n = q.lengthRacy();
        if (n < 0) { // the positions kept moving: ask under the lock
            lock();
            n = q.countLocked();
            unlock();
        }
        return n;
    }

    @Override
    public int cap() {
        return (flags & F_TIMER) != 0 || ring == null ? 0 : ring.cap;
    }

    // ===================================================================================================
    // Iteration and select clauses
    // ===================================================================================================

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            /** The next element, received by hasNext and not yet returned by next. */
            private Object pending;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (pending != null) {
                    return true;
                }
                if (done) {
                    return false;
                }
                Object v;
                try {
                    v = recv0(FOREVER);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ChannelInterruptedException(e);
                }
                if (v == CLOSED_ELEM) {
                    done = true;
                    return false;
                }
                pending = v;
                return true;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("channel closed");
                }
                Object v = pending;
                pending = null;
                return (T) v;
            }
        };
    }

    @Override
    public Select.Clause<Void> onSend(T value, Select.Action body) {
        return SelectImpl.onSend(this, value, Objects.requireNonNull(body, "body"));
    }

    @Override
    public <R> Select.Clause<R> onSend(T value, Select.Supplier<R> body) {
        return SelectImpl.onSend(this, value, Objects.requireNonNull(body, "body"));
    }

    @Override
    public Select.Clause<Void> onSend(T value) {
        return SelectImpl.onSend(this, value, null);
    }

    @Override
    public Select.Clause<Void> onReceive(Select.Consumer<? super T> body) {
        return SelectImpl.onReceive(this, Objects.requireNonNull(body, "body"));
    }

    @Override
    public <R> Select.Clause<R> onReceive(Select.Function<? super T, ? extends R> body) {
        return SelectImpl.onReceive(this, Objects.requireNonNull(body, "body"));
    }

    @Override
    public Select.Clause<T> onReceive() {
        return SelectImpl.onReceive(this, null);
    }

    @Override
    public <R> Select.Clause<R> onReceiveOk(Select.BiFunction<? super T, Boolean, ? extends R> body) {
        return SelectImpl.onReceiveOk(this, Objects.requireNonNull(body, "body"));
    }

    @Override
    public Select.Clause<Void> onReceiveOk(Select.BiConsumer<? super T, Boolean> body) {
        return SelectImpl.onReceiveOk(this, Objects.requireNonNull(body, "body"));
    }

    @Override
    public String toString() {
        return "chan(cap " + cap() + ")@" + Integer.toHexString(System.identityHashCode(this));
    }
}
