package io.github.go4j.synctest;

import io.github.go4j.Go;
import io.github.go4j.context.CancelContext;
import io.github.go4j.context.Context;
import io.github.go4j.internal.Bubble;
import io.github.go4j.internal.Bubbles;
import io.github.go4j.internal.Clock;
import io.github.go4j.internal.Dump;
import io.github.go4j.internal.G;
import io.github.go4j.internal.Panics;
import io.github.go4j.internal.WaitReason;
import io.github.go4j.internal.Waiter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One synctest bubble: its goroutines, its virtual clock and its timers (TH05-TH09, TH12).
 *
 * <h2>Implementation overview</h2>
 *
 * One lock guards everything. The runtime tells the bubble when a member starts, parks, is readied
 * and exits ({@link Bubble}); the bubble keeps the set of {@link #members} and the subset that is
 * {@link #asleep}: parked for a durable reason (TH07), or in {@link SyncTest#await()}. The bubble
 * is <em>idle</em> when every member is asleep. Each time a member parks or exits, the bubble checks
 * for idleness and then, in this order: wakes the goroutine in {@code await} (TH08); fails if the
 * root has exited (TH09); fails if no timer is pending (TH09); else moves the clock to the earliest
 * timer and runs every action due at that instant (TH06).
 *
 * <p><b>Why time never moves while a member can run.</b> Every notification takes the lock, so the
 * sets are stable during the check. A member counted as asleep may still be about to run: its waker
 * completed its waiter before the member published its parked state, and the member will undo that
 * itself (see {@link G}). The check therefore also requires every asleep member to be {@linkplain
 * G#parkedAndWaiting() parked on an uncompleted waiter}. Then no member can run, and a member can only
 * be woken by another member (none runs), by a timer (we are the ones who fire them), or by a thread
 * outside the bubble, which is a misuse (TH10) that the bubble cannot see. Wakers call
 * {@code readied} before they unpark, and running members are never asleep, so a member woken by a
 * running member is counted as running before the waker itself can park.
 *
 * <p><b>Firing timers.</b> The due actions are taken off the queue under the lock, and then run
 * outside it on the thread that found the bubble idle (the member that parked last, or the one that
 * exited), so that an action may take a timer's or a channel's lock without a lock-order cycle. While
 * they run, {@link #advancing} keeps other checks from concluding anything; afterwards the firing
 * thread checks again. Actions must not block (the {@link Clock#schedule} contract).
 *
 * <p><b>Timers that wake nobody.</b> A ticker whose channel nobody reads fires forever while every
 * goroutine stays blocked: the clock would run on and the test would spin. After
 * {@link #MAX_IDLE_FIRINGS} firings in a row that neither readied nor started a member, the bubble
 * reports the deadlock instead.
 *
 * <p><b>Channels and WaitGroups</b> (TH07, TH10). The bubble counts itself in {@link Bubbles} from
 * {@link #start} until its last member exits, so that channels and {@code WaitGroup}s made or used by
 * its goroutines learn that they belong to it; using them from outside fails in the core. Which waits
 * are durable is the wait reason's business ({@link WaitReason#durable()}): a wait on a channel made
 * outside the bubble records a non-durable reason and keeps the clock still. While timer actions run,
 * the firing thread {@linkplain Bubbles#actFor acts for} the bubble: it may be a member that has just
 * exited, and an action (a context deadline) closes the bubble's channels.
 *
 * <p><b>Panics.</b> An exception escaping a member other than the root ({@link #panicked}) ends the
 * bubble at once, as a panic ends a Go program: the first one is kept to be rethrown by
 * {@link SyncTest#run}, the other members are interrupted so that they unwind, and exceptions
 * escaping members after that (their interrupts, mostly) are dropped.
 */
final class SyncBubble implements Bubble {

    /**
     * Timer firings in a row that wake no goroutine before the bubble gives up: a ticker nobody reads
     * would otherwise move the clock forever while every goroutine stays blocked.
     */
    static final int MAX_IDLE_FIRINGS = 100_000;

    /** 2000-01-01T00:00:00Z in nanoseconds since the epoch: where every bubble's clock starts (TH06). */
    static final long START_EPOCH_NANOS = 946_684_800L * 1_000_000_000L;

    static {
        // TH10: a channel made inside a bubble belongs to it. The library's lazily made singletons
        // must therefore not be born in the first bubble that needs them: the closed done channel that
        // contexts cancelled early share is made here, outside any bubble (run and the extension
        // start bubbles from outside one).
        CancelContext c = Context.withCancel(Context.background());
        c.cancel();
        c.done();
    }

    /** The outcome of the bubble, from the caller's side. */
    private enum State {
        /** Members are alive. */
        RUNNING,
        /** Every member has exited. */
        DONE,
        /** A deadlock was found ({@link #failure} says which) or a member panicked ({@link #panic}). */
        FAILED
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final VirtualClock clock = new VirtualClock(this);
    /** Live goroutines of the bubble. Guarded by lock. */
    private final Set<G> members = new HashSet<>();
    /** Members parked for a durable reason or in await. Guarded by lock. */
    private final Set<G> asleep = new HashSet<>();
    /** Pending timers, earliest first, FIFO among equal instants. Guarded by lock. */
    private final PriorityQueue<VirtualClock.Timer> timers = new PriorityQueue<>();
    /** The caller of run, woken when the bubble is done or failed; may be null. */
    private final Waiter done;
    /** Completed when the bubble is done or failed, for callers that do not wait on {@link #done}. */
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    /** Virtual now, a {@link #START_EPOCH_NANOS}-based reading. Written under lock. */
    private volatile long now = START_EPOCH_NANOS;
    private long timerSeq;
    /** Members started or readied from a durable wait, ever: how fire() tells that timers woke someone. */
    private long wakes;
    /** Timer actions taken off the queue and running outside the lock. Guarded by lock. */
    private boolean advancing;
    private State state = State.RUNNING;
    /** Counted in {@link Bubbles} (from start until the last member exits). Guarded by lock. */
    private boolean counted;
    private G root;
    private boolean rootExited;
    /** What escaped the root's body, rethrown by run. */
    private volatile Throwable rootFailure;
    private DeadlockError failure;
    /** The first exception that escaped a member other than the root. Guarded by lock. */
    private Throwable panic;
    /** What had escaped the root when {@link #panic} happened, if the root had exited by then. */
    private Throwable rootFailureBeforePanic;
    /** The member in {@link SyncTest#await()} and its waiter, or null. Guarded by lock. */
    private G waitG;
    private Waiter waitW;

    /**
     * A bubble whose end completes {@code done} (a waiter of the calling thread, or null) and
     * {@link #ended()}.
     */
    SyncBubble(Waiter done) {
        this.done = done;
    }

    /**
     * Starts a new bubble with {@code task} as its root goroutine (named after {@code origin} in dumps);
     * {@code done} (may be null) is completed when the bubble ends.
     */
    static SyncBubble start(Object origin, Go.Task task, Waiter done) {
        SyncBubble bubble = new SyncBubble(done);
        Bubbles.opened();
        bubble.counted = true; // not yet shared
        Panics.Body body = () -> {
            try {
                task.run();
            } catch (Throwable t) {
                bubble.rootFailed(t);
            }
        };
        // The first goroutine started in a bubble is its root.
        try {
            Panics.start(origin, body, null, bubble);
        } catch (Throwable t) {
            bubble.uncount();
            throw t;
        }
        return bubble;
    }

    /** Completed when every member has exited or the bubble failed. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /**
     * After the bubble {@linkplain #ended() ended}: throws its outcome, the way {@link SyncTest#run}
     * reports it: a deadlock (with what had escaped the root suppressed), else the first of what escaped
     * the root and a member's panic (the other suppressed when the root failed first), else what escaped
     * the root; returns normally if nothing failed.
     */
    void throwOutcome() throws Exception {
        DeadlockError deadlock;
        Throwable p;
        Throwable rootBefore;
        lock.lock();
        try {
            deadlock = failure;
            p = panic;
            rootBefore = rootFailureBeforePanic;
        } finally {
            lock.unlock();
        }
        Throwable root = rootFailure;
        if (deadlock != null) {
            if (root != null) {
                deadlock.addSuppressed(root);
            }
            throw deadlock;
        }
        Throwable out = root;
        if (p != null && rootBefore != null) {
            rootBefore.addSuppressed(p); // the root failed first, then a member panicked
            out = rootBefore;
        } else if (p != null) {
            out = p; // what escapes the root after the panic is the teardown's interrupt: dropped
        }
        if (out instanceof Exception e) {
            throw e;
        }
        if (out instanceof Error e) {
            throw e;
        }
        if (out != null) {
            throw new IllegalStateException(out);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The caller's side

    void rootFailed(Throwable t) {
        rootFailure = t;
    }

    Throwable rootFailure() {
        return rootFailure;
    }

    /** The deadlock that ended the bubble, or null. */
    DeadlockError failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The bubble's state and a dump of its goroutines, for a caller of run that gives up (a JUnit
     * timeout): why the clock did not move.
     */
    String describe() {
        String scheduler = schedulerProbe();
        lock.lock();
        try {
            StringBuilder sb = new StringBuilder("synctest bubble: ").append(state).append(", now ")
                    .append(java.time.Instant.ofEpochSecond(0, now)).append(", ").append(members.size()).append(" goroutines, asleep (durably blocked):");
            for (G g : asleep) {
                sb.append(' ').append(g.id()).append(g.parkedAndWaiting() ? "" : " (being woken)");
            }
            sb.append("; ").append(timers.size()).append(" timers pending");
            if (advancing) {
                sb.append(", firing timers");
            }
            if (rootExited) {
                sb.append(", root exited");
            }
            sb.append("; ").append(scheduler);
            return sb.append("\n\n").append(Dump.of(members)).toString();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a fresh virtual thread still gets a carrier within a second. A bubble that seems to hang
     * with goroutines shown as running and its clock still may not have lost a wake-up at all: on this
     * JDK, as many virtual threads looping on {@code Thread.yield()} (or spinning) as there are carriers
     * keep every other virtual thread from running, in any bubble or none.
     */
    private static String schedulerProbe() {
        CountDownLatch ran = new CountDownLatch(1);
        Thread.ofVirtual().name("go4j synctest scheduler probe").start(ran::countDown);
        boolean interrupted = Thread.interrupted();
        try {
            return ran.await(1, TimeUnit.SECONDS)
                    ? "virtual threads are scheduled"
                    : "virtual threads are STARVED: a fresh one did not run within 1s (others spin without parking)";
        } catch (InterruptedException e) {
            interrupted = true;
            return "virtual-thread scheduling not probed (interrupted)";
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Interrupts every member (the caller of run was interrupted, or a deadlock was found). */
    void interruptAll() {
        List<G> gs;
        lock.lock();
        try {
            gs = new ArrayList<>(members);
        } finally {
            lock.unlock();
        }
        for (G g : gs) {
            g.thread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // SyncTest.await (TH08)

    /** Parks the calling member until every other member is durably blocked. */
    void await(G g) throws InterruptedException {
        Waiter w = new Waiter();
        lock.lock();
        try {
            if (waitW != null) {
                throw new IllegalStateException("wait already in progress");
            }
            waitG = g;
            waitW = w;
        } finally {
            lock.unlock();
        }
        try {
            w.await(WaitReason.SYNCTEST_WAIT, this);
        } finally {
            lock.lock();
            try {
                if (waitW == w) {
                    waitW = null;
                    waitG = null;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The clock's side

    long now() {
        return now;
    }

    VirtualClock.Timer addTimer(long delayNanos, Runnable action) {
        lock.lock();
        try {
            VirtualClock.Timer t = new VirtualClock.Timer(this, now + Math.max(0, delayNanos), timerSeq++, action);
            timers.add(t);
            return t;
        } finally {
            lock.unlock();
        }
    }

    boolean cancelTimer(VirtualClock.Timer t) {
        lock.lock();
        try {
            return timers.remove(t);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Bubble hooks

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void started(G g) {
        lock.lock();
        try {
            members.add(g);
            wakes++;
            if (root == null) {
                root = g; // SyncTest.run starts the root before anything else can start in the bubble
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void exited(G g) {
        List<VirtualClock.Timer> due;
        lock.lock();
        try {
            members.remove(g);
            asleep.remove(g);
            if (g == root) {
                rootExited = true;
            }
            if (members.isEmpty()) {
                uncountLocked();
                if (state == State.RUNNING) {
                    state = State.DONE;
                }
                signalEnd();
                return;
            }
            due = idleLocked();
        } finally {
            lock.unlock();
        }
        fire(due);
    }

    /**
     * {@code g} parks. The hooks of one goroutine may arrive out of order (see {@link Bubble}): a
     * {@code blocked} whose wait has already ended ({@code parkedWaiter} is null again) is ignored, and
     * a non-durable wait takes {@code g} out of {@link #asleep} in case a late {@code readied} of its
     * previous wait was ignored.
     */
    @Override
    public void blocked(G g, WaitReason reason) {
        List<VirtualClock.Timer> due;
        lock.lock();
        try {
            boolean durable = reason.durable() || reason == WaitReason.SYNCTEST_WAIT;
            if (!durable || g.parkedWaiter() == null) {
                // Not durable: still counts as running (TH07). Or woken already, its readied ahead of us.
                if (asleep.remove(g) || durable) {
                    wakes++;
                }
                return;
            }
            asleep.add(g);
            due = idleLocked();
        } finally {
            lock.unlock();
        }
        fire(due);
    }

    /**
     * A member's exception (a panic): the first one while the bubble runs ends it (see the class
     * comment); the bubble takes every one, so none is printed or goes to the panic handler.
     */
    @Override
    public boolean panicked(G g, Throwable t) {
        lock.lock();
        try {
            if (state != State.RUNNING) {
                return true; // the bubble has ended: most likely its teardown's interrupt unwinding g
            }
            panic = t;
            rootFailureBeforePanic = rootExited ? rootFailure : null;
            state = State.FAILED;
            signalEnd();
            for (G m : members) {
                if (m != g) {
                    m.thread().interrupt();
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** {@code g}'s wait ended; ignored when {@code g} has parked again since (a late hook, see {@link Bubble}). */
    @Override
    public void readied(G g) {
        lock.lock();
        try {
            if (g.parkedWaiter() == null && asleep.remove(g)) {
                wakes++;
            }
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Idleness

    /**
     * If the bubble is idle, acts on it (see the class comment) and returns the timer actions to run
     * outside the lock; else returns null.
     */
    private List<VirtualClock.Timer> idleLocked() {
        if (advancing || state != State.RUNNING || asleep.size() != members.size()) {
            return null;
        }
        for (G g : asleep) {
            if (!g.parkedAndWaiting()) {
                return null; // about to run; it will check again when it parks
            }
        }
        if (waitW != null) {
            Waiter w = waitW;
            waitW = null;
            waitG = null;
            w.complete(Waiter.DONE);
            return null;
        }
        if (rootExited) {
            fail("deadlock: main bubble goroutine has exited but blocked goroutines remain");
            return null;
        }
        if (timers.isEmpty()) {
            fail("deadlock: all goroutines in bubble are blocked");
            return null;
        }
        long next = timers.peek().when;
        if (next > now) {
            now = next;
        }
        List<VirtualClock.Timer> due = new ArrayList<>();
        while (!timers.isEmpty() && timers.peek().when <= now) {
            due.add(timers.poll());
        }
        advancing = true;
        return due;
    }

    /** Runs due timer actions outside the lock, then checks for idleness again, until it is not idle. */
    private void fire(List<VirtualClock.Timer> due) {
        int idleFirings = 0;
        while (due != null) {
            long before;
            lock.lock();
            try {
                before = wakes;
            } finally {
                lock.unlock();
            }
            Bubbles.actFor(this); // the firing thread may have exited the bubble already (see the class comment)
            try {
                for (VirtualClock.Timer t : due) {
                    try {
                        t.action.run();
                    } catch (Throwable e) {
                        System.err.println("go4j synctest: timer action failed: " + e);
                    }
                }
            } finally {
                Bubbles.actFor(null);
            }
            lock.lock();
            try {
                advancing = false;
                idleFirings = wakes == before ? idleFirings + 1 : 0;
                if (idleFirings >= MAX_IDLE_FIRINGS && state == State.RUNNING) {
                    fail("deadlock: all goroutines in bubble are blocked\ngo4j: " + MAX_IDLE_FIRINGS
                            + " timers fired in a row without waking any goroutine (a Ticker nobody reads?)");
                    due = null;
                } else {
                    due = idleLocked();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void fail(String message) {
        StringBuilder sb = new StringBuilder(message).append("\n\n");
        sb.append(Dump.of(members));
        failure = new DeadlockError(sb.toString());
        state = State.FAILED;
        signalEnd();
        // Unwind the members: their blocked operations fail with their interrupt exception.
        for (G g : members) {
            g.thread().interrupt();
        }
    }

    private void uncount() {
        lock.lock();
        try {
            uncountLocked();
        } finally {
            lock.unlock();
        }
    }

    private void uncountLocked() {
        if (counted) {
            counted = false;
            Bubbles.closed();
        }
    }

    private void signalEnd() {
        if (done != null) {
            done.complete(Waiter.DONE);
        }
        ended.complete(null);
    }

    @Override
    public String toString() {
        return "synctest bubble";
    }
}
