package io.github.go4j.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Wait-for edges: the bookkeeping behind the deadlock detector's partial-deadlock check (ADR 0034).
 *
 * <p>Only primitives with an owner make an edge: a {@code Mutex} (the goroutine that locked it), the
 * write side of an {@code RWMutex} (the writer) and a {@code Once} (the goroutine running its
 * function). A channel, a {@code WaitGroup} or a {@code Cond} has no owner, so a goroutine waiting on
 * one waits for nobody in particular and the walk stops there.
 *
 * <p>All of it exists only while detection is {@linkplain #on() on}: the sync primitives read that
 * one static volatile flag on their lock path and, when it is off, record nothing. When it is on, a
 * primitive records its owner when it is acquired and, around each wait, registers an {@link Edge}
 * for the waiting thread here; the edge also carries the way to fail that wait, which is how the
 * detector ends the blocked operations of a deadlock it reported (an uninterruptible
 * {@code Mutex.lock} ignores the interrupt the detector uses for other waits).
 *
 * <p>An edge is registered before its thread parks and removed after the wait ends, so while the
 * thread is parked with an edge registered, it is parked for that edge's wait.
 */
public final class WaitFor {

    private static volatile boolean on;
    /** The registered wait of each thread that waits on an owned primitive while detection is on. */
    private static final ConcurrentHashMap<Thread, Edge> WAITING = new ConcurrentHashMap<>();

    private WaitFor() {}

    /** Whether owners and edges are being recorded: deadlock detection is on. Read on lock paths. */
    public static boolean on() {
        return on;
    }

    /** Turned on and off with the deadlock detector. */
    static void setOn(boolean b) {
        on = b;
    }

    /**
     * Registers the calling thread's coming wait; pass the result to {@link #done} when the wait is
     * over, whatever its outcome.
     *
     * @param blocker what the thread parks on (the object its goroutine record shows as blocked on)
     * @param primitive the primitive as the program sees it (an RWMutex rather than its inner Mutex)
     * @param verb how the owner relates to it in a report: {@code holds}, {@code runs}
     * @param owner reads the thread that owns {@code primitive} now, or null when unknown; a null
     *     supplier says the wait has no owner to follow (it can still be failed)
     * @param fail ends the wait early; the waiting code must then see {@link Edge#verdict()} and throw
     */
    public static Edge waiting(Object blocker, Object primitive, String verb, Supplier<Thread> owner, Failer fail) {
        Edge e = new Edge(blocker, primitive, verb, owner, fail);
        WAITING.put(e.thread, e);
        return e;
    }

    /** Ends the registration of {@code e}; called by the thread that registered it. */
    public static void done(Edge e) {
        WAITING.remove(e.thread, e);
    }

    /** The wait that {@code t} has registered, or null. */
    static Edge of(Thread t) {
        return WAITING.get(t);
    }

    /**
     * How the detector ends a wait, in two steps, so that it can decide every wait of a deadlock before
     * it wakes any: a member woken early would unlock what it holds and could grant the lock to a
     * member not failed yet.
     */
    public interface Failer {
        /**
         * Decides the wait's outcome as failed, by the same CAS a waker or a timeout uses; false if
         * something else decided first (then the wait ends as that decided, and nothing is failed).
         */
        boolean decide();

        /** Wakes the waiter after a successful {@link #decide()}. */
        void wake();
    }

    /** One thread's wait on an owned primitive. */
    public static final class Edge {
        final Thread thread;
        /** The waiting thread's goroutine record, or null for a thread that go4j did not start. */
        final G g;
        final Object blocker;
        private final Object primitive;
        private final String verb;
        private final Supplier<Thread> owner;
        private final Failer fail;
        private volatile String verdict;

        private Edge(Object blocker, Object primitive, String verb, Supplier<Thread> owner, Failer fail) {
            this.thread = Thread.currentThread();
            this.g = G.current();
            this.blocker = blocker;
            this.primitive = primitive;
            this.verb = verb;
            this.owner = owner;
            this.fail = fail;
        }

        /**
         * Why the detector failed this wait (Go's fatal error text without {@code "fatal error: "}), or
         * null when it did not. Read by the waiting code after its wait was given up.
         */
        public String verdict() {
            return verdict;
        }

        /** The thread that owns the primitive now, or null. */
        Thread owner() {
            return owner == null ? null : owner.get();
        }

        /**
         * Decides that the wait fails, for {@code why}; then call {@link #wake()}. The reason is written
         * before the deciding CAS, so that a waiter that sees its wait decided also sees why. (If the
         * waiter itself gave up at that very moment, by a timeout or a context, it may report this
         * reason instead of its own.)
         */
        boolean decide(String why) {
            verdict = why;
            return fail.decide();
        }

        /** Wakes the waiter of a wait that {@link #decide} failed. */
        void wake() {
            fail.wake();
        }

        /** {@code holds sync.Mutex@1b2c3d}: the owner's relation to the primitive, for a report. */
        String describe() {
            String n = primitive.getClass().getName();
            String prefix = "io.github.go4j.";
            if (n.startsWith(prefix)) {
                n = n.substring(prefix.length());
            }
            return verb + " " + n + "@" + Integer.toHexString(System.identityHashCode(primitive));
        }
    }
}
