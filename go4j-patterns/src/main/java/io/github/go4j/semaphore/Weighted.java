package io.github.go4j.semaphore;

import io.github.go4j.context.Context;
import io.github.go4j.context.ContextException;
import io.github.go4j.internal.Bubble;
import io.github.go4j.internal.WaitReason;
import io.github.go4j.internal.Waiter;
import io.github.go4j.patterns.internal.Durability;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Weighted is a counting semaphore whose acquisitions have weights: Go's
 * {@code golang.org/x/sync/semaphore.Weighted}. It holds {@code size} tokens; {@link #acquire(Context, long)}
 * takes n of them, waiting if needed, and {@link #release(long)} gives them back.
 *
 * <p><b>Strict FIFO</b> (XS05, XS06). Waiters are served in arrival order, and a caller takes tokens at
 * once only when enough are free <em>and nobody is waiting</em>: no barging. A large request at the head
 * of the queue therefore blocks later small ones until it can be served, so it is never starved. A
 * request for more than {@code size} tokens can never succeed: it never joins the queue (blocking nobody)
 * and just waits for its context to be done (XS07).
 *
 * <p><b>Blocking, cancellation and interrupts.</b> {@code acquire} blocks until the tokens are granted,
 * the context is done (then it throws the context's {@link Context#err() err}), or the thread is
 * interrupted ({@link InterruptedException}). If the context is already done it throws even when tokens
 * are free. A waiter that gives up leaves the queue, waking those behind it if it was blocking them; if
 * it was granted the tokens at the same moment it gave up, it gives them back (XS08). Internal locks are
 * never held while blocking. A blocked goroutine shows wait reason {@code select}, as Go's
 * {@code Acquire} selects on its context and its turn.
 *
 * <p><b>Test bubbles (TH07).</b> A semaphore made inside a go4j-test synctest bubble belongs to it: a
 * goroutine of that bubble waiting in {@code acquire} is durably blocked ({@code select (durable)}), so
 * the bubble's clock moves past it while the holders sleep. A semaphore made outside a bubble (a static,
 * a test class's field) may be released from outside, so a wait on it inside a bubble is not durable:
 * time stands still until it returns. Make the semaphore inside the bubble.
 *
 * <p><b>Misuse.</b> Releasing more than is held throws
 * {@code IllegalStateException("semaphore: released more than held")} (XS09) and leaves the count as it
 * was. Negative weights throw IllegalArgumentException.
 *
 * <p><b>Memory consistency.</b> Actions before a {@code release} happen-before the {@code acquire}s
 * that the released tokens let through. A null context throws NullPointerException.
 *
 * {@snippet :
 * Weighted memory = new Weighted(512);           // MiB of working memory
 * for (Job job : jobs) {
 *     memory.acquire(ctx, job.mib());            // big jobs wait their turn, never starved
 *     Go.go(() -> {
 *         try {
 *             job.run();
 *         } finally {
 *             memory.release(job.mib());
 *         }
 *     });
 * }
 * }
 */
public final class Weighted {

    /** A queued acquirer. */
    private static final class Node {
        final long n;
        final Waiter waiter = new Waiter();

        Node(long n) {
            this.n = n;
        }
    }

    private final long size;
    /** The synctest bubble it was made in, or null. */
    private final Bubble bubble = Durability.here();
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    private long cur;
    private final ArrayDeque<Node> waiters = new ArrayDeque<>();

    /**
     * Creates a semaphore with {@code size} tokens (Go's {@code NewWeighted}).
     *
     * @throws IllegalArgumentException if size is negative
     */
    public Weighted(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("semaphore: negative size " + size);
        }
        this.size = size;
    }

    /** The number of tokens. */
    public long size() {
        return size;
    }

    /** Tokens held now (a snapshot). */
    public long held() {
        lock.lock();
        try {
            return cur;
        } finally {
            lock.unlock();
        }
    }

    /** Acquirers queued now (a snapshot). */
    public int queued() {
        lock.lock();
        try {
            return waiters.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Acquires {@code n} tokens, blocking until they are granted, without a context. A request for more
     * than {@code size} blocks until interrupted.
     *
     * @throws InterruptedException if interrupted while waiting; nothing is held then
     */
    public void acquire(long n) throws InterruptedException {
        try {
            acquire(Context.background(), n);
        } catch (ContextException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /**
     * Acquires {@code n} tokens, blocking until they are granted or {@code ctx} is done (Go's
     * {@code Acquire}).
     *
     * @throws ContextException the context's err if it is done first (or was done on entry); nothing is
     *         held then
     * @throws InterruptedException if interrupted while waiting; nothing is held then
     */
    public void acquire(Context ctx, long n) throws ContextException, InterruptedException {
        Objects.requireNonNull(ctx, "ctx");
        checkWeight(n);
        ContextException err = ctx.err();
        if (err != null) {
            throw err; // XS05: a done context fails even when tokens are free
        }
        Node node;
        lock.lock();
        try {
            if (size - cur >= n && waiters.isEmpty()) {
                cur += n;
                return;
            }
            node = new Node(n);
            if (n <= size) {
                waiters.addLast(node);
            } // else XS07: never queued, only waits for ctx
        } finally {
            lock.unlock();
        }
        Context.Stop stop = ctx.done() == null ? null
                : Context.afterFunc(ctx, () -> node.waiter.complete(Waiter.CANCELLED));
        int outcome;
        try {
            outcome = node.waiter.await(Durability.reason(WaitReason.SELECT, bubble, ctx), this);
        } catch (InterruptedException e) {
            leave(node);
            throw e;
        } finally {
            if (stop != null) {
                stop.stop();
            }
        }
        if (outcome == Waiter.DONE) {
            err = ctx.err();
            if (err != null) {
                release(n); // granted at the same moment as the cancel: give them back (XS08)
                throw err;
            }
            return;
        }
        leave(node);
        throw ctx.err();
    }

    /** A waiter that gave up leaves the queue, waking the next ones if it was blocking them (XS08). */
    private void leave(Node node) {
        lock.lock();
        try {
            boolean front = waiters.peekFirst() == node;
            if (waiters.remove(node) && front && size > cur) {
                notifyWaiters();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes {@code n} tokens if they are free and nobody is waiting; never blocks (XS09).
     *
     * @return whether the tokens were taken
     */
    public boolean tryAcquire(long n) {
        checkWeight(n);
        lock.lock();
        try {
            if (size - cur >= n && waiters.isEmpty()) {
                cur += n;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Gives back {@code n} tokens and grants waiters in FIFO order while the head fits.
     *
     * @throws IllegalStateException "semaphore: released more than held" (XS09)
     */
    public void release(long n) {
        checkWeight(n);
        lock.lock();
        try {
            if (n > cur) {
                throw new IllegalStateException("semaphore: released more than held");
            }
            cur -= n;
            notifyWaiters();
        } finally {
            lock.unlock();
        }
    }

    /** Grants the head of the queue while it fits; a head that does not fit blocks everyone (XS06). */
    private void notifyWaiters() {
        Node head;
        while ((head = waiters.peekFirst()) != null) {
            if (size - cur < head.n) {
                break;
            }
            waiters.removeFirst();
            if (head.waiter.complete(Waiter.DONE)) {
                cur += head.n;
            } // else it gave up at this moment; leave() will find it gone
        }
    }

    private static void checkWeight(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("semaphore: negative weight " + n);
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "Weighted[size=" + size + ", held=" + cur + ", queued=" + waiters.size() + "]";
        } finally {
            lock.unlock();
        }
    }
}
