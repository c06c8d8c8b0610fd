package io.github.go4j.internal;

import io.github.go4j.Go;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
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
public final class G implements Runnable, Thread.UncaughtExceptionHandler {

    /** Goroutine ids; 1 is reserved for the program's main goroutine, as in Go. */
    private static final AtomicLong IDS = new AtomicLong(1);
    /**
     * Live goroutines, for dumps, leak checks and numGoroutine: intrusive singly linked lists (the
     * records' own {@link #next}), one per stripe, chosen by thread id. The goroutine that registers a
     * record (the spawner) links it under the stripe's spin lock; the goroutine itself, when it ends,
     * only marks its own record dead (clears its {@link #body}) and counts itself in {@link #EXITED}: it
     * does not touch the list, which the spawner, on another core, wrote last. Dead records are unlinked
     * in sweeps, by the registering side, whenever a stripe's list has doubled since its last sweep
     * (amortized: about two records visited per registration). Nothing is allocated per goroutine (a
     * ConcurrentHashMap entry cost about 40 bytes). How a thread finds its own record: see
     * {@link #current()}. ADR 0007.
     */
    private static final Stripe[] STRIPES = new Stripe[64];
    /** Goroutines that have ended; numGoroutine is the stripes' registrations minus this. */
    private static final LongAdder EXITED = new LongAdder();
    /**
     * Dead records not swept yet, per stripe, each counter on its own cache line (index stripe * 16),
     * away from the stripe's fields that the spawner writes. An ending goroutine that makes its
     * stripe's count reach half the list sweeps the stripe itself, so dead records never outnumber
     * live ones by much even when no goroutine starts any more (after a burst of a million, say).
     */
    private static final AtomicIntegerArray DEAD = new AtomicIntegerArray(64 * 16);

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new Stripe();
        }
    }

    /** Observer of goroutines outside any bubble (the deadlock detector); null when off. */
    private static volatile Bubble observer;

    private static final VarHandle PARKED;
    private static final VarHandle STRIPE_LOCK;
    private static final VarHandle WAIT;
    private static final VarHandle BLOCKED_ON;
    private static final WaitReason[] REASONS = WaitReason.values();
    /** The low bits of {@link #wait} that hold the reason (its ordinal + 1; 0 while running). */
    private static final long REASON_BITS = 0xFF;

    static {
        try {
            PARKED = MethodHandles.lookup().findVarHandle(G.class, "parked", Waiter.class);
            STRIPE_LOCK = MethodHandles.lookup().findVarHandle(Stripe.class, "lock", int.class);
            WAIT = MethodHandles.lookup().findVarHandle(G.class, "wait", long.class);
            BLOCKED_ON = MethodHandles.lookup().findVarHandle(G.class, "blockedOn", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        if (REASONS.length >= REASON_BITS) {
            throw new ExceptionInInitializerError("more wait reasons than the low bits of G.wait hold");
        }
        if (Boolean.getBoolean(Dump.DUMP_ON_EXIT_PROPERTY)) {
            Dump.installDumpOnExit();
        }
        Diagnostics.install(); // live dumps from outside: a JFR event, an opt-in MBean (ADR 0049)
        String detection = System.getProperty(DeadlockDetector.PROPERTY);
        if ("true".equalsIgnoreCase(detection) || "exit".equalsIgnoreCase(detection)) {
            DeadlockDetector.enable(true);
        }
    }

    private final long id;
    private final long parentId;
    /**
     * The class of the task that started it (its name is computed only when printed), or, with creation
     * tracing on, a {@link Traced} that also holds the stack of the {@code go} call: one field, so that
     * the record stays at 72 bytes.
     */
    private final Object origin;
    private final Bubble bubble;
    /**
     * What the goroutine runs: a {@code Go.Task} or a {@link Panics.Body} (see {@link Panics}), or, when
     * something must run after it (WaitGroup.go's done), a {@link ThenRun} of the two: one field, so that
     * the record stays at 64 bytes (ADR 0059). Never null while the goroutine runs; cleared when it ends,
     * which marks the record dead (it then waits in its stripe's list for a sweep, holding no task).
     */
    volatile Object body;
    private Thread thread;
    /** The next record in its stripe's list; guarded by the stripe's lock. */
    private G next;

    /** The waiter this goroutine is parked on, hooks told; null while it runs. */
    private volatile Waiter parked;
    /**
     * Why it waits and since when, in one word (ADR 0059): the reason's ordinal + 1 in the low 8 bits
     * ({@link #REASON_BITS}; 0 while it runs), and above them the clock reading when the wait began,
     * rounded down to 256 ns (dumps print whole minutes). One store publishes both together.
     */
    private volatile long wait;
    private volatile Object blockedOn;

    /** {@link #origin} with creation tracing on. */
    private record Traced(Class<?> origin, Throwable trace) {}

    /** {@link #body} for a goroutine that runs {@code afterExit} after its body and any panic report. */
    private record ThenRun(Object body, Runnable afterExit) {}

    private G(long id, long parentId, Class<?> origin, Throwable creationTrace, Bubble bubble, Object body,
            Runnable afterExit) {
        this.id = id;
        this.parentId = parentId;
        this.origin = creationTrace == null ? origin : new Traced(origin, creationTrace);
        this.bubble = bubble;
        Objects.requireNonNull(body, "body");
        this.body = afterExit == null ? body : new ThenRun(body, afterExit);
    }

    private boolean dead() {
        return body == null;
    }

    /**
     * The calling thread's goroutine, or null when it was not started by go4j.
     *
     * <p>A goroutine's record is its thread's uncaught-exception handler: no exception ever reaches that
     * handler (the goroutine's body catches and reports everything as a panic), so the slot is free,
     * and reading it is two field loads, where a map lookup per wait and per {@code go} cost more and a
     * ThreadLocal would give every goroutine its own map (ADR 0007). If the goroutine's code replaces
     * the handler, the record is found in its stripe's list instead (slower, still correct).
     */
    public static G current() {
        return of(Thread.currentThread());
    }

    /** {@code t}'s goroutine record (see {@link #current()}), or null when go4j did not start it or it ended. */
    static G of(Thread t) {
        Thread.UncaughtExceptionHandler h = t.getUncaughtExceptionHandler();
        if (h instanceof G g) {
            return g;
        }
        if (h == null || h instanceof ThreadGroup) {
            return null; // not a goroutine: the JDK's default handler is the thread's group
        }
        return find(t);
    }

    /** Looks {@code t}'s record up in its stripe: for a goroutine whose code replaced its handler. */
    private static G find(Thread t) {
        Stripe s = stripe(t);
        s.lock();
        try {
            for (G g = s.head; g != null; g = g.next) {
                if (g.thread == t && !g.dead()) {
                    return g;
                }
            }
            return null;
        } finally {
            s.unlock();
        }
    }

    private static Stripe stripe(Thread t) {
        return STRIPES[stripeIndex(t)];
    }

    private static int stripeIndex(Thread t) {
        return (int) t.threadId() & (STRIPES.length - 1);
    }

    /** One list of live records with its spin lock (held for a few stores, never across a wait). */
    private static final class Stripe {
        volatile int lock;
        G head;
        /** Records ever registered here; guarded by lock. */
        long registered;
        /** Records in the list, dead ones not swept yet included; guarded by lock. */
        int length;
        /** The length at which the next registration sweeps; guarded by lock. */
        int sweepAt = 64;

        /** Unlinks the dead records; the lock is held. */
        void sweep(int index) {
            G prev = null;
            int n = 0;
            for (G g = head; g != null; g = g.next) {
                if (g.dead()) {
                    if (prev == null) {
                        head = g.next;
                    } else {
                        prev.next = g.next;
                    }
                } else {
                    prev = g;
                    n++;
                }
            }
            DEAD.addAndGet(index * 16, -(length - n));
            length = n;
            sweepAt = Math.max(64, 2 * n);
        }

        void lock() {
            int spins = 0;
            while (!STRIPE_LOCK.compareAndSet(this, 0, 1)) {
                if (++spins < 64) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield(); // the holder's carrier was descheduled; it holds the lock for nanoseconds
                }
            }
        }

        void unlock() {
            lock = 0;
        }
    }

    /** Installs or removes ({@code null}) the observer of goroutines that are in no bubble. */
    public static void setObserver(Bubble o) {
        observer = o;
    }

    /** The observer of goroutines that are in no bubble, or null. */
    public static Bubble observer() {
        return observer;
    }

    /** Every live goroutine, in no particular order: a snapshot taken one stripe at a time. */
    public static Collection<G> live() {
        List<G> all = new ArrayList<>();
        for (Stripe s : STRIPES) {
            s.lock();
            try {
                for (G g = s.head; g != null; g = g.next) {
                    if (!g.dead()) {
                        all.add(g);
                    }
                }
            } finally {
                s.unlock();
            }
        }
        return Collections.unmodifiableList(all);
    }

    /** Records in the stripes' lists, dead ones not swept yet included: for tests of the sweeps. */
    static int listedRecords() {
        int n = 0;
        for (Stripe s : STRIPES) {
            s.lock();
            n += s.length;
            s.unlock();
        }
        return n;
    }

    /**
     * The number of live goroutines started by go4j (as racy as Go's): the ended ones are read first,
     * so a goroutine that starts and ends meanwhile is not subtracted without being added.
     */
    public static int liveCount() {
        long n = -EXITED.sum();
        for (Stripe s : STRIPES) {
            s.lock();
            n += s.registered;
            s.unlock();
        }
        return (int) Math.max(0, n);
    }

    /**
     * Creates the record of a goroutine about to start, as a child of the calling thread's goroutine
     * and in its bubble (or in {@code bubble}, when not null: a bubble's root).
     */
    public static G create(Object origin, Object body, Runnable afterExit, Throwable creationTrace, Bubble bubble) {
        G parent = current();
        Bubble b = bubble != null ? bubble : parent != null ? parent.bubble : null;
        return new G(IDS.incrementAndGet(), parent != null ? parent.id : 1, origin.getClass(), creationTrace, b,
                body, afterExit);
    }

    /**
     * Binds this record to its thread (as the thread's handler, see {@link #current()}) and registers it
     * as live; call before starting the thread, whose start publishes both to the goroutine.
     */
    public void register(Thread t) {
        this.thread = t;
        t.setUncaughtExceptionHandler(this);
        int i = stripeIndex(t);
        Stripe s = STRIPES[i];
        s.lock();
        next = s.head;
        s.head = this;
        s.registered++;
        if (++s.length >= s.sweepAt) {
            s.sweep(i);
        }
        s.unlock();
        if (bubble != null) {
            bubble.started(this);
        }
    }

    /**
     * What the goroutine's virtual thread runs: the body, then the panic report if it threw, then
     * afterExit, then {@link #exit}. The body is called from here, with no helper in between: C2 inlines
     * at most 15 calls deep from the virtual thread's entry, and every level spent here is one less for
     * the goroutine's own code (see SelectImpl#select).
     */
    @Override
    public void run() {
        try {
            Object b = body;
            if (b instanceof ThenRun t) {
                b = t.body();
            }
            if (b instanceof Go.Task task) {
                task.run();
            } else {
                ((Panics.Body) b).run();
            }
        } catch (Throwable e) {
            Panics.report(this, e);
        } finally {
            try {
                // Read again, not kept from above: a local live across the body is one more slot in
                // every frozen stack of a parked goroutine. Only exit() clears the field.
                if (body instanceof ThenRun t) {
                    t.afterExit().run();
                }
            } finally {
                exit();
            }
        }
    }

    /**
     * Only reached if something escapes the goroutine's own panic handling (an error in the report
     * itself): does what the JDK does for a thread without a handler.
     */
    @Override
    public void uncaughtException(Thread t, Throwable e) {
        ThreadGroup group = t.getThreadGroup();
        if (group != null) {
            group.uncaughtException(t, e);
        } else {
            e.printStackTrace();
        }
    }

    /** Runs on the goroutine's own thread when its body has finished. */
    public void exit() {
        body = null; // dead: the record waits in its stripe's list for a sweep
        EXITED.increment();
        int i = stripeIndex(thread);
        int d = DEAD.incrementAndGet(i * 16);
        if (d >= 64) {
            Stripe s = STRIPES[i];
            if (2 * d >= s.length) { // a racy read: at worst one sweep too early or late
                s.lock();
                if (2 * DEAD.get(i * 16) >= s.length) {
                    s.sweep(i);
                }
                s.unlock();
            }
        }
        Bubble b = bubble != null ? bubble : observer;
        if (b != null) {
            b.exited(this);
        }
    }

    /**
     * Whether this goroutine's waits are told to a bubble or the deadlock detector (the observer): only
     * then do they publish the parked state and call the hooks. A wait that starts while nobody
     * listens records its reason for dumps and nothing else (no CAS, and its waker does not touch this
     * record), so that the bookkeeping costs next to nothing outside bubbles (issue 7, ADR 0047); a
     * detector turned on meanwhile does not see that one wait, as it does not see waits that began
     * before it was on.
     */
    public boolean hooked() {
        return bubble != null || observer != null;
    }

    /**
     * Records why this goroutine waits: all an unhooked wait does (see {@link #hooked()}), for dumps only;
     * {@link #blocked} starts with it. Release stores, here and in {@link #waitEnded}: a dump on another
     * thread reads a snapshot that may lag by a store-buffer drain either way, and full volatile stores on
     * these fields cost about 5% of a hand-off that parks every time (ADR 0047, session 5 follow-up). The
     * reason and the time go last, in one store, so whoever reads a reason also sees what it waits on.
     */
    void waiting(WaitReason reason, Object on, long since) {
        BLOCKED_ON.setRelease(this, on);
        WAIT.setRelease(this, (since & ~REASON_BITS) | (reason.ordinal() + 1));
    }

    /**
     * Marks this goroutine as parked on {@code w} for {@code reason}; see {@link Waiter#await}. The CAS
     * on {@link #parked} that follows the release stores publishes them to whoever reads the parked
     * state first.
     */
    void blocked(Waiter w, WaitReason reason, Object on, long since) {
        waiting(reason, on, since);
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
        WAIT.setRelease(this, wait & ~REASON_BITS); // only this goroutine writes it; the time stays
        BLOCKED_ON.setRelease(this, (Object) null);
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
        String n = (origin instanceof Traced t ? t.origin() : (Class<?>) origin).getName();
        int i = n.indexOf("$$Lambda");
        return i < 0 ? n : n.substring(0, i) + " (lambda)"; // Foo$$Lambda/0x1234 was written in Foo
    }

    /** Stack of the {@code go} call, when creation tracing is on ({@code -Dgo4j.traceCreation=true}); else null. */
    public Throwable creationTrace() {
        return origin instanceof Traced t ? t.trace() : null;
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
        return reasonOf(wait);
    }

    private static WaitReason reasonOf(long word) {
        int r = (int) (word & REASON_BITS);
        return r == 0 ? null : REASONS[r - 1];
    }

    /** What it is parked on (a channel, a mutex...), or null. */
    public Object blockedOn() {
        return blockedOn;
    }

    /**
     * Clock reading ({@link Clock#nanoTime()} of its bubble's clock) when the current (or last) wait began,
     * rounded down to 256 ns.
     */
    public long waitSince() {
        return wait & ~REASON_BITS;
    }

    @Override
    public String toString() {
        WaitReason r = waitReason();
        return "goroutine " + id + " [" + (r == null ? "running" : r.text()) + "]";
    }
}
