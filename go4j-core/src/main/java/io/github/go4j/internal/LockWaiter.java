package io.github.go4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A thread parked waiting for a channel's lock (see {@link Chan}): a node of the channel's Treiber
 * stack of lock waiters. Its state goes from {@link #WAITING} to {@link #WOKEN} (an unlock popped it and
 * will unpark the thread) or to {@link #CANCELLED} (its thread saw the lock released before parking and
 * withdrew), exactly once, by CAS: so an unlock never spends its one wake-up on a thread that is not
 * going to park, and a popped cancelled node is simply dropped. A node is pushed once and never reused.
 */
final class LockWaiter {

    static final int WAITING = 0;
    static final int WOKEN = 1;
    static final int CANCELLED = 2;

    static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(LockWaiter.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread thread;
    /** The next older waiter; written before the push that publishes this node. */
    LockWaiter next;
    volatile int state;

    LockWaiter(Thread thread) {
        this.thread = thread;
    }
}
