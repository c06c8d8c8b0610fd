package io.github.go4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.BooleanSupplier;

/**
 * A buffered channel's ring buffer, which senders and receivers use without the channel lock while no
 * goroutine waits on the channel (ADR 0050).
 *
 * <h2>Positions and slots</h2>
 * {@link #sendPos} counts the values ever put in, {@link #recvPos} the values ever taken out; the value
 * of position {@code p} lives in slot {@code p % cap}. Each slot has a sequence number that says whose
 * turn it is: {@code 2p} when the slot is free for the value of position {@code p}, {@code 2p + 1} when
 * that value is in it (the sequence-numbered bounded queue described by Dmitry Vyukov, which numbers
 * them {@code p} and {@code p + 1} and so cannot tell them apart when the capacity is 1). A sender
 * claims position {@code p} by a CAS of {@code sendPos} from {@code p} to {@code p + 1}, made only when
 * the slot's sequence says it is free; it then stores its value and publishes the slot (release). A
 * receiver claims a position the same way on {@code recvPos} when the slot says it is full, reads the
 * value, clears the slot and frees it for position {@code p + cap}. A send or receive takes effect at
 * its claiming CAS. The two positions sit on separate cache lines, so a sender and a receiver running
 * on two cores share only the slots, not a lock word: a locked ring moved that word between the cores
 * on every operation.
 *
 * <h2>Slow mode</h2>
 * Go's channel semantics need the lock as soon as somebody waits: a parked receiver must get the next
 * value before it reaches the buffer (CH11), a parked sender's value must enter the buffer in the slot
 * a receive frees (CH10), and close must be seen by every operation after it. So each position word
 * carries a {@link #SLOW} bit. Whoever holds the channel lock sets both bits first
 * ({@link #enterSlow}): from then on every claiming CAS fails, every operation takes the lock, and the
 * lock holder alone moves the positions ({@code *Locked} methods, with volatile stores that keep the
 * bit). Claims that won their CAS before the bit was set may still be storing or reading their slot;
 * the lock holder waits for that slot's sequence number (a few instructions of the other thread). The
 * channel's {@code unlock} clears both bits ({@link #exitSlow}) when no goroutine waits and the channel
 * is open; a closed channel stays slow for good. So while anybody waits, the channel runs exactly the
 * locked algorithm of ADR 0001, and while nobody waits, senders and receivers meet in the ring alone.
 *
 * <h2>Answers without the lock</h2>
 * "Full" and "empty" may only be reported from one instant's state. The positions never decrease and
 * {@code recvPos <= sendPos} always holds (a receiver claims only a published position; the lock holder
 * takes only from a non-empty ring and, moving a parked sender's value in, advances {@code sendPos}
 * first). Reading {@code recvPos = r} and then {@code sendPos = r} therefore means the ring was empty
 * when {@code sendPos} was read; reading {@code sendPos = p} and then {@code recvPos = r} with
 * {@code p - r >= cap} means it was full when {@code recvPos} was read. A slot that is not ready while
 * the positions say it should be belongs to a claim still in progress: spin until it is.
 */
final class ChanRing extends ChanRingPad2 {

    /** The slow-mode bit of both position words; positions themselves stay far below it. */
    static final long SLOW = 1L << 62;
    /** {@link #poll}: the ring was empty at one instant. */
    static final Object EMPTY = new Object() {
        @Override
        public String toString() {
            return "<empty>";
        }
    };
    /** {@link #offer}: stored. */
    static final int OK = 0;
    /** {@link #offer}: the ring was full at one instant. */
    static final int FULL = 1;
    /** {@link #offer} and {@link #poll}'s null: the channel is in slow mode; take the lock. */
    static final int LOCKED = 2;

    private static final VarHandle SEND_POS;
    private static final VarHandle RECV_POS;
    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(int[].class);

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SEND_POS = l.findVarHandle(ChanRingSend.class, "sendPos", long.class);
            RECV_POS = l.findVarHandle(ChanRingRecv.class, "recvPos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    ChanRing(int capacity) {
        super(capacity);
    }

    /**
     * A spinning sender goes on once this many slots are free (a receiver once this many values wait):
     * the whole ring up to {@code -Dgo4j.ring.batch} slots (default 32), so that on a small ring the
     * two sides take turns instead of meeting on every cache line, while on a large one they work
     * apart, at least two cache lines of slots between them (ADR 0052).
     */
    private static final int BATCH = Integer.getInteger("go4j.ring.batch", 32);

    private int index(long p) {
        return mask >= 0 ? (int) p & mask : (int) (p % cap);
    }

    /** A slot's sequence number while it is free for position {@code p}'s value (it wraps harmlessly). */
    static int freeFor(long p) {
        return (int) (2 * p);
    }

    /** A slot's sequence number while it holds position {@code p}'s value. */
    private static int holding(long p) {
        return (int) (2 * p + 1);
    }

    // ---------------------------------------------------------------------------------------------------
    // Without the lock
    // ---------------------------------------------------------------------------------------------------

    /**
     * Puts {@code v} in a free slot without the lock: {@link #OK}; {@link #FULL} if the ring was full at
     * one instant (the channel may be closed meanwhile: the caller checks); {@link #LOCKED} in slow mode.
     */
    int offer(Object v) {
        for (int lost = 0; ; ) {
            long p = sendPos;
            if (p >= SLOW) {
                return LOCKED;
            }
            int i = index(p);
            if ((int) SEQ.getAcquire(seqs, i) == freeFor(p)) {
                if (SEND_POS.compareAndSet(this, p, p + 1)) {
                    items[i] = v;
                    SEQ.setRelease(seqs, i, holding(p));
                    return OK;
                }
                backOff(lost++);
            } else if (sendPos == p) {
                // The slot still holds position p - cap's value: full, or its receiver is still reading.
                if (p - (recvPos & ~SLOW) >= cap) {
                    return FULL;
                }
                Thread.onSpinWait();
            }
            // else other senders moved on: read sendPos again
        }
    }

    /**
     * Takes the oldest value without the lock: the value; {@link #EMPTY} if the ring was empty at one
     * instant; null in slow mode.
     */
    Object poll() {
        for (int lost = 0; ; ) {
            long p = recvPos;
            if (p >= SLOW) {
                return null;
            }
            int i = index(p);
            if ((int) SEQ.getAcquire(seqs, i) == holding(p)) {
                if (RECV_POS.compareAndSet(this, p, p + 1)) {
                    Object v = items[i];
                    items[i] = null;
                    SEQ.setRelease(seqs, i, freeFor(p + cap));
                    return v;
                }
                backOff(lost++);
            } else if (recvPos == p) {
                // Position p's value is not published: empty, or its sender is still storing it.
                if ((sendPos & ~SLOW) == p) {
                    return EMPTY;
                }
                Thread.onSpinWait();
            }
        }
    }

    /**
     * After a receive ({@code receive}) saw the ring empty, or a send saw it full: while the partners
     * visibly move (senders add values, receivers take them), waits one {@code pause} at a time, at most
     * {@code probes} times, until a batch is ready: {@link #BATCH} values or free slots, or the whole
     * ring if smaller, so that the two sides take turns instead of meeting on every slot. Also ends when
     * the partners stop. True if something is ready (or slow mode began: the caller's next try takes
     * the lock); false if no partner moved during a pause, or none did enough in time: parking pays then
     * (ADR 0052). Each pause may end early, once the batch's last slot shows that the batch is ready
     * ({@link #batchMark}, ADR 0060). It changes nothing: the caller tries its operation again.
     */
    boolean awaitBatch(boolean receive, int probes, Pause pause) {
        long before = partnerPosition(receive);
        int batch = Math.min(cap, BATCH);
        boolean watching = watchOn(receive);
        BooleanSupplier marked = NEVER;
        if (watching) {
            long mark = batchMark(receive);
            marked = () -> reached(mark);
        }
        for (int k = 0; k < probes; k++) {
            boolean early = pause.await(marked);
            long p = partnerPosition(receive);
            if (p < 0) {
                return true;
            }
            long ready = ready(receive);
            if (watching && p != before) {
                watching = watchPaid(receive, early);
                if (!watching) {
                    marked = NEVER;
                }
            }
            if (p == before || ready >= batch) {
                return ready > 0;
            }
            before = p;
        }
        return ready(receive) > 0;
    }

    /** A mark that never shows: the pause lasts its full length. */
    static final BooleanSupplier NEVER = () -> false;

    /** How many waits of a side skip the watch after it stopped paying (ADR 0060); then it is tried again. */
    private static final int WATCH_REST = Integer.getInteger("go4j.ring.watchRest", 256);
    /** The most credit a side's watch saves up: the run of late pauses that turns it off is 1 + this / 4. */
    private static final int WATCH_CREDIT = 16;

    /**
     * Whether this wait of a receive ({@code receive}) or send watches its batch mark: not while its
     * side rests from a watch that did not pay (counts this wait of the rest).
     */
    boolean watchOn(boolean receive) {
        long s = receive ? recvWatch : sendWatch;
        if (s >= 0) {
            return true;
        }
        if (receive) {
            recvWatch = s + 1;
        } else {
            sendWatch = s + 1;
        }
        return false;
    }

    /**
     * A watched pause ended while the partners moved: early, at the mark (credit), or only at its full
     * length (debit: the partner's batch took longer than a look, which is how a watch that slows its
     * partner down shows). Out of credit, the side rests {@link #WATCH_REST} waits. Returns whether to
     * go on watching. Plain fields, each on its side's position line: a lost update changes only when
     * the watch rests.
     */
    private boolean watchPaid(boolean receive, boolean early) {
        long s = receive ? recvWatch : sendWatch;
        s = early ? Math.min(s + 1, WATCH_CREDIT) : s - 4;
        if (s < 0) {
            s = -WATCH_REST;
        }
        if (receive) {
            recvWatch = s;
        } else {
            sendWatch = s;
        }
        return s >= 0;
    }

    /**
     * What a spin does between two looks at the partners' position: waits, and may end early once
     * {@code ready} says that a batch is there (the channels' is {@link Spin#watch}; tests play the partner).
     */
    @FunctionalInterface
    interface Pause {
        /** Pauses; true if it ended early because {@code ready} said so. */
        boolean await(BooleanSupplier ready);
    }

    /**
     * Where a receive ({@code receive}) or a send that waits for a batch ({@link #awaitBatch}) can see it
     * arrive without reading a position that moves at every message (ADR 0060): the slot of the batch's
     * last value for a receive, the slot whose receive frees the batch's last slot for a send, with the
     * sequence number that slot then shows; packed as {@code slot << 32 | sequence}. Read it with
     * {@link #reached}. That slot changes once per lap, at the end of the partner's batch; its cache line
     * holds a few of the batch's other slots, so each reading costs a partner still at work there at most
     * one cache miss ({@link Spin#watch} reads it at most every 130 ns).
     */
    long batchMark(boolean receive) {
        int batch = Math.min(cap, BATCH);
        long q;
        int seq;
        if (receive) {
            q = (recvPos & ~SLOW) + batch - 1;
            seq = holding(q);
        } else {
            // a send waits on a full ring, so sendPos >= cap; max() only keeps the slot's index valid
            q = Math.max((sendPos & ~SLOW) - cap + batch - 1, 0);
            seq = freeFor(q + cap);
        }
        return (long) index(q) << 32 | (seq & 0xFFFF_FFFFL);
    }

    /**
     * Whether the slot of {@code mark} ({@link #batchMark}) shows its sequence number or a later one: the
     * batch is ready, or was and has been taken already (by another operation on the same side). One racy read.
     */
    boolean reached(long mark) {
        return (int) SEQ.getAcquire(seqs, (int) (mark >>> 32)) - (int) mark >= 0;
    }

    /** The position the partners of a receive ({@code receive}) or of a send move; -1 in slow mode. */
    long partnerPosition(boolean receive) {
        long p = receive ? sendPos : recvPos;
        return p >= SLOW ? -1 : p;
    }

    /** Whether a batch (see {@link #awaitBatch}) is ready for a receive ({@code receive}) or a send, at one racy look. */
    boolean batchReady(boolean receive) {
        return ready(receive) >= Math.min(cap, BATCH);
    }

    /** Buffered values ({@code receive}) or free slots, at one racy look. */
    private long ready(boolean receive) {
        long n = (sendPos & ~SLOW) - (recvPos & ~SLOW);
        return receive ? n : cap - n;
    }

    /**
     * Nanoseconds of real time to pause after the first lost claim of an operation (ADR 0056):
     * {@link Spin#DEFAULT_NANOS}, the 64 pauses that ADR 0050 tuned on the Xeon; {@code -Dgo4j.ring.backoffNanos}.
     */
    private static final long BACKOFF_NANOS = Long.getLong("go4j.ring.backoffNanos", Spin.DEFAULT_NANOS);
    /** Each further lost claim doubles the pause, at most this many times; {@code -Dgo4j.ring.backoffMax}. */
    private static final int BACKOFF_MAX = Integer.getInteger("go4j.ring.backoffMax", 1);
    /** The most {@link Thread#onSpinWait()} calls in one back-off, whatever the clock says (see {@link Spin}). */
    private static final int BACKOFF_PAUSES = 1 << 15;

    /**
     * After a lost claim: let the winner finish before reading the contended line again. Two goroutines
     * using a channel as a semaphore (a send then a receive each, ContendedBench.sem) otherwise take the
     * position's cache line from each other on every try: 64 pauses (~600 ns) cut that shape from ~200 to
     * ~25 ns per pair on 2 cores (ADR 0050). {@code -Dgo4j.ring.backoffNanos=0} turns it off (the Lincheck
     * run does: the model checker takes a delay loop for a livelock).
     */
    private static void backOff(int lost) {
        Spin.pause(BACKOFF_NANOS << Math.min(lost, BACKOFF_MAX), BACKOFF_PAUSES);
    }

    /** The number of buffered values at one instant, or -1 if the positions kept moving. */
    int lengthRacy() {
        for (int tries = 0; tries < 4; tries++) {
            long r = recvPos & ~SLOW;
            long s = sendPos & ~SLOW;
            if ((recvPos & ~SLOW) == r) {
                long n = s - r; // above cap only while a parked sender's value moves in: still full
                return (int) Math.min(n, cap);
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------------------------------------------
    // Under the channel lock
    // ---------------------------------------------------------------------------------------------------

    /** Sets both slow bits (the caller holds the channel lock); from then on no claim succeeds. */
    void enterSlow() {
        long p;
        while ((p = sendPos) < SLOW && !SEND_POS.compareAndSet(this, p, p | SLOW)) {
            // a sender claimed meanwhile; its claim stands
        }
        while ((p = recvPos) < SLOW && !RECV_POS.compareAndSet(this, p, p | SLOW)) {
            // a receiver claimed meanwhile
        }
    }

    /** Clears both slow bits (channel lock held, nobody waits, open): senders and receivers go lock-free. */
    void exitSlow() {
        long r = recvPos;
        if (r >= SLOW) {
            recvPos = r & ~SLOW;
        }
        long s = sendPos;
        if (s >= SLOW) {
            sendPos = s & ~SLOW;
        }
    }

    /** Buffered values; slow mode. */
    int countLocked() {
        return (int) ((sendPos & ~SLOW) - (recvPos & ~SLOW));
    }

    /** Appends {@code v}; slow mode, not full. */
    void putLocked(Object v) {
        long s = sendPos & ~SLOW;
        int i = index(s);
        awaitSeq(i, freeFor(s));
        items[i] = v;
        SEQ.setRelease(seqs, i, holding(s));
        sendPos = (s + 1) | SLOW;
    }

    /** Removes and returns the oldest value; slow mode, not empty. */
    Object takeLocked() {
        long r = recvPos & ~SLOW;
        int i = index(r);
        awaitSeq(i, holding(r));
        Object v = items[i];
        items[i] = null;
        SEQ.setRelease(seqs, i, freeFor(r + cap));
        recvPos = (r + 1) | SLOW;
        return v;
    }

    /**
     * Removes the oldest value of a full ring and appends {@code in} in the slot it frees (a parked
     * sender's value, CH10); slow mode. {@code sendPos} moves first, so that nobody ever sees the ring
     * less than full meanwhile.
     */
    Object rotateLocked(Object in) {
        long r = recvPos & ~SLOW;
        long s = sendPos & ~SLOW;
        assert s - r == cap : "a sender waits only while the ring is full";
        int i = index(r);
        awaitSeq(i, holding(r));
        Object v = items[i];
        items[i] = in;
        SEQ.setRelease(seqs, i, holding(s));
        sendPos = (s + 1) | SLOW;
        recvPos = (r + 1) | SLOW;
        return v;
    }

    /**
     * Waits until slot {@code i} has sequence number {@code seq}: a sender or receiver that claimed its
     * position just before slow mode began is still storing or reading the slot. That takes a few
     * instructions of a running thread; only an operating system preempting its carrier makes it
     * longer, and then this goroutine yields its carrier.
     */
    private void awaitSeq(int i, int seq) {
        for (int spins = 0; (int) SEQ.getAcquire(seqs, i) != seq; spins++) {
            if (spins < 128) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }
}

/** The ring's read-only part, first in the object so that it shares no cache line with a position. */
abstract class ChanRingBase {
    /** The values; null in a free slot. */
    final Object[] items;
    /** Each slot's sequence number (see {@link ChanRing}); wraps around harmlessly. */
    final int[] seqs;
    final int cap;
    /** {@code cap - 1} when cap is a power of two, else -1 (then slots are found by division). */
    final int mask;

    ChanRingBase(int capacity) {
        items = new Object[capacity];
        seqs = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            seqs[i] = ChanRing.freeFor(i);
        }
        cap = capacity;
        mask = Integer.bitCount(capacity) == 1 ? capacity - 1 : -1;
    }
}

/** Padding: keeps {@code sendPos} off the read-only fields' cache line. */
abstract class ChanRingPad0 extends ChanRingBase {
    long p01, p02, p03, p04, p05, p06, p07;

    ChanRingPad0(int capacity) {
        super(capacity);
    }
}

abstract class ChanRingSend extends ChanRingPad0 {
    /** Values ever put in, plus {@link ChanRing#SLOW} in slow mode. */
    volatile long sendPos;
    /**
     * Whether the senders' batch watch pays (ADR 0060): credit, or minus the waits it still rests. A long,
     * so that the field layout cannot put it in the 4-byte gap on the read-only fields' line.
     */
    long sendWatch;

    ChanRingSend(int capacity) {
        super(capacity);
    }
}

/** Padding: keeps the two positions on separate cache lines. */
abstract class ChanRingPad1 extends ChanRingSend {
    long p11, p12, p13, p14, p15, p16, p17;

    ChanRingPad1(int capacity) {
        super(capacity);
    }
}

abstract class ChanRingRecv extends ChanRingPad1 {
    /** Values ever taken out, plus {@link ChanRing#SLOW} in slow mode. */
    volatile long recvPos;
    /** As {@link ChanRingSend#sendWatch}, for the receivers. */
    long recvWatch;

    ChanRingRecv(int capacity) {
        super(capacity);
    }
}

/** Padding: keeps {@code recvPos} off whatever the heap puts next (the ring's arrays). */
abstract class ChanRingPad2 extends ChanRingRecv {
    long p21, p22, p23, p24, p25, p26, p27;

    ChanRingPad2(int capacity) {
        super(capacity);
    }
}
