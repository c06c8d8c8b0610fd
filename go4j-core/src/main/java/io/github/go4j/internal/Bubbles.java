package io.github.go4j.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the core's primitives need to know about synctest bubbles (TH07, TH10): whether any bubble
 * is live at all, the calling goroutine's bubble, and which bubble a channel belongs to.
 *
 * <p><b>Cost outside bubbles.</b> Bubbles are a testing tool, so everything here is paid by bubble
 * code only. {@link #any()} is one volatile read of a static counter: a primitive asks for the
 * caller's bubble (a look-up in the goroutine registry) only when it says true. A channel records
 * that it belongs to a bubble in a bit of its own flags, set before it is published (see
 * {@link Chan}), and its bubble here, in a map with weak keys: channels made outside bubbles never
 * enter it, and a bubble's channels leave it when they are collected.
 *
 * <p><b>Acting for a bubble.</b> A bubble fires its timers on whatever thread finds it idle: a member
 * that has just parked, or one that has just exited and is no longer a goroutine. A timer action
 * (a context deadline closing its done channel) works on the bubble's channels, so a bubble marks
 * the thread as acting for it while its actions run ({@link #actFor}); {@link #current()} then
 * answers that bubble.
 */
public final class Bubbles {

    /** Bubbles started and not yet ended. */
    private static final AtomicInteger LIVE = new AtomicInteger();
    /** Bubble channels (weakly) to their bubble. */
    private static final ConcurrentHashMap<Key, Bubble> OWNERS = new ConcurrentHashMap<>();
    /** Where the collector puts the keys of collected channels, for {@link #expunge()}. */
    private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();
    /** Threads running a bubble's timer actions, and that bubble. Almost always empty. */
    private static final ConcurrentHashMap<Thread, Bubble> ACTING = new ConcurrentHashMap<>();

    private Bubbles() {}

    /** A bubble has started; a {@link Bubble} implementation calls it once, before its first goroutine. */
    public static void opened() {
        LIVE.incrementAndGet();
    }

    /** A bubble has ended (its goroutines have all exited); called once per {@link #opened()}. */
    public static void closed() {
        LIVE.decrementAndGet();
        expunge(); // collected channels would otherwise keep their ended bubble reachable until the next own
    }

    /** Whether any bubble is live: when false, no goroutine is in a bubble. One volatile read. */
    public static boolean any() {
        return LIVE.get() != 0;
    }

    /**
     * The bubble of the calling goroutine, or the bubble whose timers the calling thread is firing,
     * or null.
     */
    public static Bubble current() {
        G g = G.current();
        Bubble b = g != null ? g.bubble() : null;
        if (b == null && !ACTING.isEmpty()) {
            b = ACTING.get(Thread.currentThread());
        }
        return b;
    }

    /**
     * Marks the calling thread as acting for {@code b} (it fires {@code b}'s timers), or clears the mark
     * ({@code null}). Pair every mark with a clear in a {@code finally}.
     */
    public static void actFor(Bubble b) {
        if (b == null) {
            ACTING.remove(Thread.currentThread());
        } else {
            ACTING.put(Thread.currentThread(), b);
        }
    }

    /** Records that channel {@code c}, not yet published, belongs to bubble {@code b}. */
    static void own(Object c, Bubble b) {
        expunge();
        OWNERS.put(new Key(c, COLLECTED), b);
    }

    /**
     * The bubble that channel {@code c} belongs to, or null if it was not recorded (made outside bubbles,
     * or null). go4j-patterns asks it of a context's done channel: a wait that a context can end is durable
     * only if that channel is the waiter's bubble's (TH07).
     */
    public static Bubble owner(Object c) {
        if (c == null) {
            return null;
        }
        return OWNERS.get(new Key(c, null));
    }

    /** Drops the entries of collected channels. */
    private static void expunge() {
        for (Object k; (k = COLLECTED.poll()) != null; ) {
            OWNERS.remove(k);
        }
    }

    /** A weak, identity-based map key. */
    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object referent, ReferenceQueue<Object> q) {
            super(referent, q);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof Key k) || k.hash != hash) {
                return false;
            }
            Object r = get();
            return r != null && r == k.get();
        }
    }
}
