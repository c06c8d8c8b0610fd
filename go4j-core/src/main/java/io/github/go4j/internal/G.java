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
 * <p>The blocked state is an int updated by CAS so that the {@link Bubble} hooks see exactly one
 * {@code readied} per {@code blocked}, whatever the order in which a goroutine parks and its waker
 * runs.
 */
public final class G {

    private static final ThreadLocal<G> CURRENT = new ThreadLocal<>();
    /** Goroutine ids; 1 is reserved for the program's main goroutine, as in Go. */
    private static final AtomicLong IDS = new AtomicLong(1);
    private static final ConcurrentHashMap<Long, G> LIVE = new ConcurrentHashMap<>();
    /** Observer of goroutines outside any bubble (the deadlock detector); null when off. */
    private static volatile Bubble observer;

    /** {@link #blockState}: running. */
    private static final int RUNNING = 0;
    /** {@link #blockState}: parked, hooks told. */
    private static final int BLOCKED = 1;

    private static final VarHandle BLOCK_STATE;

    static {
        try {
            BLOCK_STATE = MethodHandles.lookup().findVarHandle(G.class, "blockState", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long id;
    private final long parentId;
    private final String createdBy;
    private final Throwable creationTrace;
    private final Bubble bubble;
    private Thread thread;

    private volatile int blockState;
    private volatile WaitReason waitReason;
    private volatile long waitSince;
    private volatile Object blockedOn;

    private G(long id, long parentId, String createdBy, Throwable creationTrace, Bubble bubble) {
        this.id = id;
        this.parentId = parentId;
        this.createdBy = createdBy;
        this.creationTrace = creationTrace;
        this.bubble = bubble;
    }

    /** The calling thread's goroutine, or null when it was not started by go4j. */
    public static G current() {
        return CURRENT.get();
    }

    /** Installs or removes ({@code null}) the observer of goroutines that are in no bubble. */
    public static void setObserver(Bubble o) {
        observer = o;
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
    public static G create(String createdBy, Throwable creationTrace, Bubble bubble) {
        G parent = CURRENT.get();
        Bubble b = bubble != null ? bubble : parent != null ? parent.bubble : null;
        return new G(IDS.incrementAndGet(), parent != null ? parent.id : 1, createdBy, creationTrace, b);
    }

    /** Binds this record to its thread and registers it as live; call before starting the thread. */
    public void register(Thread t) {
        this.thread = t;
        LIVE.put(id, this);
        if (bubble != null) {
            bubble.started(this);
        }
    }

    /** Runs on the goroutine's own thread: makes this record current for the body's duration. */
    public void enter() {
        CURRENT.set(this);
    }

    /** Runs on the goroutine's own thread when its body has finished. */
    public void exit() {
        LIVE.remove(id);
        CURRENT.remove();
        if (bubble != null) {
            bubble.exited(this);
        }
    }

    /** Marks this goroutine as parked for {@code reason} on {@code on}; see {@link Waiter#await}. */
    void blocked(WaitReason reason, Object on, long since) {
        waitReason = reason;
        blockedOn = on;
        waitSince = since;
        if (BLOCK_STATE.compareAndSet(this, RUNNING, BLOCKED)) {
            Bubble b = bubble != null ? bubble : observer;
            if (b != null) {
                b.blocked(this, reason);
            }
        }
    }

    /** Ends the parked state; idempotent, so a waker and the goroutine itself may both call it. */
    void readied() {
        if (BLOCK_STATE.compareAndSet(this, BLOCKED, RUNNING)) {
            waitReason = null;
            blockedOn = null;
            Bubble b = bubble != null ? bubble : observer;
            if (b != null) {
                b.readied(this);
            }
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
        return createdBy;
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
