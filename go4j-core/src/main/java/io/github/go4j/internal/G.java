package io.github.go4j.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The runtime's record of one goroutine: its id, who started it, what it waits for and since when.
 * One per goroutine started by {@code Go.go}; threads not started by go4j (a program's {@code main},
 * a test runner's threads) have none, and {@link #current()} returns {@code null} for them.
 *
 * <p>The blocked state is the {@link Waiter} the goroutine is parked on, set and cleared by CAS, so
 * that the {@link Bubble} hooks see exactly one {@code readied} per {@code blocked}, whatever the
 * order in which a goroutine parks and its waker runs, and so that a late {@code readied} from the
 * waker of an <em>earlier</em> wait cannot end the current one (it names a different waiter).
 *
 * <p>One window remains by design: a goroutine may publish {@code blocked} for a waiter that its
 * waker completed just before (the waker's {@code readied} found nothing to undo); the goroutine
 * undoes it itself right after. A {@link Bubble} that acts when nothing runs must therefore check,
 * under its own lock, that every goroutine it counts as blocked is still {@linkplain
 * #parkedAndWaiting() parked on a waiting waiter}.
 */
public final class G {

    /** Goroutine ids; 1 is reserved for the program's main goroutine, as in Go. */
    private static final AtomicLong IDS = new AtomicLong(1);
    /**
     * Live goroutines by thread: both the registry (dumps, leak checks, numGoroutine) and the way
     * {@link #current()} finds a thread's record. A ThreadLocal would cost every goroutine its own
     * ThreadLocalMap (about 140 bytes); keying by the Thread object costs nothing extra per goroutine.
     */
    private static final ConcurrentHashMap<Thread, G> LIVE = new ConcurrentHashMap<>();
    /** Observer of goroutines outside any bubble (the deadlock detector); null when off. */
    private static volatile Bubble observer;

    private static final VarHandle PARKED;

    static {
        try {
            PARKED = MethodHandles.lookup().findVarHandle(G.class, "parked", Waiter.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        if (Boolean.getBoolean(Dump.DUMP_ON_EXIT_PROPERTY)) {
            Dump.installDumpOnExit();
        }
        String detection = System.getProperty(DeadlockDetector.PROPERTY);
        if ("true".equalsIgnoreCase(detection) || "exit".equalsIgnoreCase(detection)) {
            DeadlockDetector.enable(true);
        }
    }

    private final long id;
    private final long parentId;
    /** The class of the task that started it; its name is computed only when printed. */
    private final Class<?> origin;
    private final Throwable creationTrace;
    private final Bubble bubble;
    private Thread thread;

    /** The waiter this goroutine is parked on, hooks told; null while it runs. */
    private volatile Waiter parked;
    private volatile WaitReason waitReason;
    private volatile long waitSince;
    private volatile Object blockedOn;

    private G(long id, long parentId, Class<?> origin, Throwable creationTrace, Bubble bubble) {
        this.id = id;
        this.parentId = parentId;
        this.origin = origin;
        this.creationTrace = creationTrace;
        this.bubble = bubble;
    }

    /** The calling thread's goroutine, or null when it was not started by go4j. */
    public static G current() {
        return LIVE.get(Thread.currentThread());
    }

    /** Installs or removes ({@code null}) the observer of goroutines that are in no bubble. */
    public static void setObserver(Bubble o) {
        observer = o;
    }

    /** The observer of goroutines that are in no bubble, or null. */
    public static Bubble observer() {
        return observer;
    }

    /** Every live goroutine, in no particular order; a weakly consistent view. */
    public static Collection<G> live() {
        return Collections.unmodifiableCollection(LIVE.values());
    }

    /** The number of live goroutines started by go4j. */
    public static int liveCount() {
        return LIVE.size();
    }

    /**
     * Creates the record of a goroutine about to start, as a child of the calling thread's goroutine
     * and in its bubble (or in {@code bubble}, when not null: a bubble's root).
     */
    public static G create(Object task, Throwable creationTrace, Bubble bubble) {
        G parent = current();
        Bubble b = bubble != null ? bubble : parent != null ? parent.bubble : null;
        return new G(IDS.incrementAndGet(), parent != null ? parent.id : 1, task.getClass(), creationTrace, b);
    }

    /** Binds this record to its thread and registers it as live; call before starting the thread. */
    public void register(Thread t) {
        this.thread = t;
        LIVE.put(t, this); // before start: the start is what publishes it to the goroutine
        if (bubble != null) {
            bubble.started(this);
        }
    }

    /** Runs on the goroutine's own thread when its body has finished. */
    public void exit() {
        LIVE.remove(thread);
        Bubble b = bubble != null ? bubble : observer;
        if (b != null) {
            b.exited(this);
        }
    }

    /** Marks this goroutine as parked on {@code w} for {@code reason}; see {@link Waiter#await}. */
    void blocked(Waiter w, WaitReason reason, Object on, long since) {
        waitReason = reason;
        blockedOn = on;
        waitSince = since;
        if (PARKED.compareAndSet(this, (Waiter) null, w)) {
            Bubble b = bubble != null ? bubble : observer;
            if (b != null) {
                b.blocked(this, reason);
            }
        }
    }

    /**
     * Ends the parked state on {@code w}; idempotent, so a waker and the goroutine itself may both call
     * it, and a no-op when the goroutine is no longer parked on {@code w}.
     */
    void readied(Waiter w) {
        if (parked == w && PARKED.compareAndSet(this, w, (Waiter) null)) {
            // The wait reason is not cleared here: a late waker would clear the reason of the
            // goroutine's next wait. Only the goroutine itself clears it (waitEnded).
            Bubble b = bubble != null ? bubble : observer;
            if (b != null) {
                b.readied(this);
            }
        }
    }

    /**
     * Clears the wait reason; called by the goroutine itself when its wait is over, so that it can
     * never erase the reason of a later wait (a waker's {@link #readied} may run arbitrarily late).
     */
    void waitEnded() {
        waitReason = null;
        blockedOn = null;
    }

    /** A thread without a goroutine record is about to park on {@code w}: tells the observer, if any. */
    static void foreignBlocked(Waiter w, WaitReason reason, Object on) {
        Bubble o = observer;
        if (o != null) {
            o.foreignBlocked(w, reason, on);
        }
    }

    /** The wait of a thread without a goroutine record on {@code w} has ended; idempotent. */
    static void foreignReadied(Waiter w) {
        Bubble o = observer;
        if (o != null) {
            o.foreignReadied(w);
        }
    }

    /** Goroutine id (Go's goid); 1 is the program's main goroutine. */
    public long id() {
        return id;
    }

    /** Id of the goroutine that started this one (1 for the main thread or a foreign thread). */
    public long parentId() {
        return parentId;
    }

    /** The function that started this goroutine, as {@code created by} prints it. */
    public String createdBy() {
        String n = origin.getName();
        int i = n.indexOf("$$Lambda");
        return i < 0 ? n : n.substring(0, i) + " (lambda)"; // Foo$$Lambda/0x1234 was written in Foo
    }

    /** Stack of the {@code go} call, when creation tracing is on ({@code -Dgo4j.traceCreation=true}); else null. */
    public Throwable creationTrace() {
        return creationTrace;
    }

    /** The bubble this goroutine belongs to, or null. */
    public Bubble bubble() {
        return bubble;
    }

    /** The goroutine's thread. */
    public Thread thread() {
        return thread;
    }

    /** The waiter this goroutine is parked on (hooks told), or null while it runs. */
    public Waiter parkedWaiter() {
        return parked;
    }

    /**
     * Whether this goroutine is parked on a waiter that nobody has completed yet: a bubble's check that
     * a goroutine it counts as blocked really is (see the class comment).
     */
    public boolean parkedAndWaiting() {
        Waiter w = parked;
        return w != null && w.isWaiting();
    }

    /** Why this goroutine is parked now, or null when it runs. */
    public WaitReason waitReason() {
        return waitReason;
    }

    /** What it is parked on (a channel, a mutex...), or null. */
    public Object blockedOn() {
        return blockedOn;
    }

    /** Clock reading ({@link Clock#nanoTime()} of its bubble's clock) when the current wait began. */
    public long waitSince() {
        return waitSince;
    }

    @Override
    public String toString() {
        WaitReason r = waitReason;
        return "goroutine " + id + " [" + (r == null ? "running" : r.text()) + "]";
    }
}
