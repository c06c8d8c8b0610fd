package io.github.go4j.internal;

/**
 * A goroutine parked on one channel operation: Go's {@code sudog}. It is at once the node of a
 * channel's wait queue (an intrusive doubly linked list, guarded by the channel's lock) and, for a
 * plain send or receive, the {@link Waiter} that parks.
 *
 * <p>A select queues one node per case (SE06): a {@link SelectNode}, whose {@link #wake} completes the
 * select's shared waiter with the code that names its case. Whoever wins that CAS decides the outcome,
 * so a waker that dequeues a node and loses it simply tries the next node: the operation it offered did
 * not happen.
 *
 * <p>{@link #elem} carries the value: a parked sender's value, or the value handed to a parked
 * receiver. It is written before the completing CAS and read by the owner after it has seen the
 * completed state, so the volatile state orders the two (CH14, CH16). A node woken by {@code close}
 * holds {@link Chan#CLOSED_ELEM}.
 */
class ChanWaiter extends Waiter {

    /** Queue links; both null when the node is not queued (and it is not the queue's only node). */
    ChanWaiter prev;
    /** Queue links; see {@link #prev}. */
    ChanWaiter next;
    /** The value offered (sender) or handed over (receiver), or {@link Chan#CLOSED_ELEM}. */
    Object elem;

    /** A node for a plain send ({@code elem} = the value) or receive ({@code elem} = null). */
    ChanWaiter(Object elem) {
        this.elem = elem;
    }

    /** Tries to complete the operation this node stands for; true if this call decided its outcome. */
    boolean wake() {
        return complete(DONE);
    }

    /**
     * {@link #wake} for the holder of the channel's lock: {@link Waiter#LOST}, {@link Waiter#WON}, or
     * {@link Waiter#WON_PARKED}, when the holder must unpark {@link #parked()} after unlocking.
     */
    int wakeLocked() {
        return completeLocked(DONE);
    }

    /** The thread to unpark after {@link #wakeLocked} returned {@link Waiter#WON_PARKED}. */
    Thread parked() {
        return thread;
    }
}
