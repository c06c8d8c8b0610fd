package io.github.go4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One parked thread waiting for one event: the building block of every blocking primitive.
 *
 * <p>The state starts at {@link #WAITING} and is completed exactly once, by CAS, to a code that the
 * primitive gives meaning to ({@link #DONE}, {@link #CLOSED}, {@link #TIMED_OUT},
 * {@link #INTERRUPTED}, or its own codes above {@link #FIRST_USER_CODE}). Whoever wins the CAS owns
 * the outcome: a waker that loses knows the waiter has left (timed out or was interrupted) and must
 * try the next one; a waiter interrupted after it was completed keeps the completed outcome and its
 * interrupt flag. That single CAS is what makes "no value is lost or duplicated" hold under
 * interrupts and timeouts.
 *
 * <p>Primitives subclass it to carry their payload (a channel's element, a select's chosen case).
 */
public class Waiter {

    /** Not completed yet. */
    public static final int WAITING = 0;
    /** The event happened (a value was handed over, a lock was granted...). */
    public static final int DONE = 1;
    /** The primitive was closed while waiting. */
    public static final int CLOSED = 2;
    /** A deadline passed first. */
    public static final int TIMED_OUT = 3;
    /** The thread was interrupted first. */
    public static final int INTERRUPTED = 4;
    /** The waiter gave up for another reason (a context was done, a select chose another case). */
    public static final int CANCELLED = 5;
    /** Codes from here up are for primitives to define (a select stores its chosen case index + this). */
    public static final int FIRST_USER_CODE = 16;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * {@link #WAITING}, possibly with {@link #PARKING} (the thread is about to park or parked) and
     * {@link #HOOKED} set, or the completion code: a waiter is still waiting while no bit outside those
     * two is set.
     */
    private volatile int state;
    /**
     * Still waiting, and the owner has announced that it parks: only then must a completer unpark it.
     * A completer that finds plain {@link #WAITING} skips the unpark: the owner has not parked (it is
     * spinning, or between publishing its wait and parking) and will see the completed state when it
     * tries to announce. The announce is a CAS from WAITING, and the completion a CAS from either, so
     * exactly one of the two sees the other. Skipping the unpark saves a CAS on the owner's thread and
     * a spurious return from its next park. Never returned by {@link #state()}.
     */
    private static final int PARKING = 1 << 30;
    /**
     * Set from the start, while waiting, when the end of this wait must be told ({@link #readied}): the
     * wait of a goroutine that {@linkplain G#hooked() is hooked} (a bubble's, or the deadlock detector
     * is on), or of a thread that is not a goroutine (the detector may watch it). Kept in the state, not
     * in a field of its own, so that the completer learns it from the value its CAS replaces, and a
     * channel's waiter stays at 32 bytes (ADR 0059). Never returned by {@link #state()}.
     */
    private static final int HOOKED = 1 << 29;
    /** The bits a waiting state may have. */
    private static final int WAITING_BITS = PARKING | HOOKED;
    /** The parked thread. */
    public final Thread thread;

    /** A waiter for the calling thread. */
    @SuppressWarnings("this-escape") // STATE.set: a plain store into our own field, nothing escapes
    public Waiter() {
        this.thread = Thread.currentThread();
        G me = Panics.BOOKKEEPING ? G.current() : null;
        if (me == null || me.hooked()) {
            STATE.set(this, HOOKED); // a plain store: whoever completes it reads it after its publication
        }
    }

    /**
     * Its goroutine record, or null for a thread not started by go4j (and always null with the internal,
     * benchmark-only {@link Panics#BOOKKEEPING} switch off): found from the thread, not kept here.
     */
    public final G g() {
        return Panics.BOOKKEEPING ? G.of(thread) : null;
    }

    private static boolean waiting(int s) {
        return (s & ~WAITING_BITS) == 0;
    }

    /** The current state: {@link #WAITING} or the completion code. */
    public final int state() {
        int s = state;
        return waiting(s) ? WAITING : s;
    }

    /** Whether it is still waiting. */
    public final boolean isWaiting() {
        return waiting(state);
    }

    /**
     * Completes this waiter with {@code code} and unparks its thread, if it was still waiting.
     *
     * @return true if this call completed it; false if it was already completed
     */
    public final boolean complete(int code) {
        int r = completeLocked(code);
        if (r == WON_PARKED) {
            LockSupport.unpark(thread);
        }
        return r != LOST;
    }

    /** {@link #completeLocked}: another call completed it first. */
    static final int LOST = 0;
    /** {@link #completeLocked}: completed, and its thread had not parked yet (it will see the code). */
    static final int WON = 1;
    /** {@link #completeLocked}: completed; its thread parked or is parking, and needs an unpark. */
    static final int WON_PARKED = 2;

    /**
     * {@link #complete} without the unpark, for a caller that holds a channel's lock (and for complete
     * itself): on {@link #WON_PARKED} the caller unparks {@link #thread} once it has released the lock
     * (Chan#unlock does).
     * Unparking a virtual thread submits it to the scheduler and may wake an idle carrier thread (a
     * system call); inside the lock, every other user of the channel waited for that.
     */
    final int completeLocked(int code) {
        int s = state;
        if (s == WAITING && STATE.compareAndSet(this, WAITING, code)) {
            return WON; // not parked, not hooked: it sees the code when it tries to announce PARKING
        }
        while (waiting(s)) {
            if (STATE.compareAndSet(this, s, code)) {
                if ((s & HOOKED) != 0) {
                    readied();
                }
                return (s & PARKING) != 0 ? WON_PARKED : WON;
            }
            s = state;
        }
        return LOST;
    }

    /** Tells the end of a {@link #HOOKED} wait: to its goroutine's record, or to the observer. */
    private void readied() {
        G g = g();
        if (g == null) {
            G.foreignReadied(this);
        } else {
            g.readied(this);
        }
    }

    /**
     * Parks until completed; returns the completion code. On interrupt it tries to complete itself with
     * {@link #INTERRUPTED}: if that wins, the interrupt flag is cleared and InterruptedException thrown
     * (the caller must then undo its enqueueing); if it loses, the real outcome is returned and the
     * interrupt flag stays set.
     */
    public final int await(WaitReason reason, Object blocker) throws InterruptedException {
        int s = state;
        if (!waiting(s)) {
            return s;
        }
        boolean hooked = (s & HOOKED) != 0; // set before we were published, and only completion clears it
        G me = g(); // our own record: the owner awaits
        if (me != null && !hooked) {
            me.waiting(reason, blocker, Clock.system().nanoTime()); // for dumps; no bubble, no observer
        } else if (me != null) {
            Bubble b = me.bubble();
            me.blocked(this, reason, blocker, (b != null ? b.clock() : Clock.system()).nanoTime());
            if (!isWaiting()) {
                // Completed before we published the blocked state: the waker's readied() may have run
                // first and found nothing to undo, so undo ours.
                me.readied(this);
            }
        } else {
            G.foreignBlocked(this, reason, blocker);
            if (!isWaiting()) {
                G.foreignReadied(this);
            }
        }
        boolean interrupted = false;
        // Announce the park; fails only if completed meanwhile, and then the loop ends at once.
        int announced = (hooked ? HOOKED : WAITING) | PARKING;
        STATE.compareAndSet(this, announced & ~PARKING, announced);
        while ((s = state) == announced) {
            if (Thread.interrupted()) {
                if (complete(INTERRUPTED)) {
                    if (me != null) {
                        me.waitEnded();
                    }
                    throw new InterruptedException();
                }
                interrupted = true; // lost the race: keep the outcome and the flag
                continue;
            }
            LockSupport.park(blocker);
        }
        // The waker normally ends the parked state before unparking us; if it has not got there yet,
        // do it now, so that our next wait is not mistaken for this one (idempotent, one read when done).
        if (hooked) {
            readied();
        }
        if (me != null) {
            me.waitEnded();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return s;
    }

    /**
     * Like {@link #await} but completes itself with {@link #TIMED_OUT} once {@code nanos} have passed on
     * {@code clock}. A non-positive timeout completes it at once unless it is already completed.
     */
    public final int awaitNanos(WaitReason reason, Object blocker, Clock clock, long nanos) throws InterruptedException {
        if (!isWaiting()) {
            return state();
        }
        if (nanos <= 0) {
            complete(TIMED_OUT);
            return state();
        }
        Clock.Scheduled timeout = clock.schedule(nanos, () -> complete(TIMED_OUT));
        try {
            return await(reason, blocker);
        } finally {
            timeout.cancel();
        }
    }
}
