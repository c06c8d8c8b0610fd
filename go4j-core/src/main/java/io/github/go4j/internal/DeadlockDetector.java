package io.github.go4j.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Go's "all goroutines are asleep" detector (RU04), opt-in: {@code -Dgo4j.deadlockDetection=true}
 * (or {@code =exit}), or {@code Go.setDeadlockDetection(true)}. See ADR 0030.
 *
 * <p><b>Who takes part.</b> Every live goroutine, and every thread not started by go4j (a program's
 * {@code main}, a test runner's thread) that has blocked in a go4j primitive since detection was
 * turned on and is still alive: such a "foreign participant" counts as asleep only while it is parked
 * in a go4j primitive. A deadlock is declared when
 * <ol>
 * <li>every live goroutine is parked in a go4j primitive (any wait reason: a goroutine parked on a
 *     {@code Mutex} cannot run either),</li>
 * <li>at least one foreign participant is parked in a go4j primitive and every live foreign
 *     participant is (the JVM analogue of Go's {@code main}: a program whose main thread is busy, or
 *     parked in something go4j cannot see, is not deadlocked),</li>
 * <li>no action is pending on the system clock (a timer, a sleep, a timeout: RU04), and</li>
 * <li>no goroutine lives in a synctest bubble (bubbles detect their own deadlocks, TH09).</li>
 * </ol>
 * Threads that never block in go4j are invisible: a program in which such a thread (an HTTP server's,
 * a message consumer's) wakes goroutines must not turn detection on. This is Go's "a goroutine in a
 * syscall or netpoll stops detection" without the netpoll.
 *
 * <p><b>What happens.</b> The report, {@code fatal error: all goroutines are asleep - deadlock!}, a
 * blank line and a dump of every participant, goes to standard error (or to the sink a test sets).
 * Then, with {@code =exit}, the JVM halts with status 2 like Go; by default every participant is
 * interrupted, so that the blocked operations fail with their interrupt exception instead of hanging,
 * except that a wait in a {@code Mutex}, {@code RWMutex} or {@code Once} (which ignore interrupts, as
 * in Go) is failed through its {@link WaitFor.Edge} and throws {@code SyncFatalError} with the report's
 * first line.
 *
 * <p><b>Why the check cannot misfire.</b> The check runs under {@link #lock}, which every
 * blocked/readied/exited notification also takes, so the sets cannot change while it runs. A
 * goroutine counted as parked may still be about to run: its waker completed its waiter before the
 * goroutine published its parked state (see {@link G}). So the check also requires every counted
 * waiter to be still uncompleted: then nobody in the set can run, and the only ones that could wake
 * them, running goroutines, running participants and pending clock actions, do not exist. The clock's
 * pending count drops only after an action has run, so a check that reads zero sees every waiter
 * those actions completed.
 *
 * <p><b>Partial deadlocks (beyond Go, ADR 0034).</b> While detection is on, {@code Mutex},
 * {@code RWMutex} (write side) and {@code Once} record their owner and register each wait as a
 * {@link WaitFor.Edge}. Whenever a goroutine or participant parks (its hook runs under {@link #lock},
 * after it published its parked state), the detector walks from it: the primitive it waits on, that
 * primitive's owner, what the owner is parked on, its owner... A walk that comes back to where it
 * started is a cycle of waits; of several members closing a cycle at once, the last hook to take the
 * lock sees all the others parked, so each cycle is found. Because Go lets any goroutine unlock a
 * mutex, a cycle is only a candidate: it is confirmed after {@linkplain #setConfirmDelay a delay} on
 * the system clock by walking again and finding the same members parked on the same waiters. Then it
 * is reported once ({@link #PARTIAL_MESSAGE}, the wait-for chain, a dump of the members) and every
 * member's wait is failed through its edge (the blocked call throws {@code SyncFatalError}), or the
 * JVM halts with {@code exit}. When the whole program is deadlocked at confirmation time the
 * whole-program report is given instead, not both. Walks and confirmations skip bubble goroutines.
 */
public final class DeadlockDetector implements Bubble {

    /** The system property that turns detection on: {@code true} (interrupt) or {@code exit}. */
    public static final String PROPERTY = "go4j.deadlockDetection";

    /** The first line of a report, as Go prints it. */
    public static final String MESSAGE = "fatal error: all goroutines are asleep - deadlock!";

    /** The first line of a partial-deadlock report (a cycle of goroutines waiting on each other). */
    public static final String PARTIAL_MESSAGE = "fatal error: partial deadlock: goroutines waiting on each other";

    /** Go's "fatal error: " prefix, which {@code SyncFatalError} adds to a failed wait's verdict. */
    private static final String FATAL = "fatal error: ";

    /** How long a cycle must stay before it is reported, unless a test set another delay. */
    private static final long DEFAULT_CONFIRM_NANOS = Duration.ofSeconds(1).toNanos();

    /** What the detector does once it has reported a deadlock. */
    public enum Action {
        /** Interrupt every participant: their blocked operations fail instead of hanging (the default). */
        INTERRUPT,
        /** Halt the JVM with status 2, as Go does. */
        EXIT
    }

    private static volatile DeadlockDetector instance;
    private static volatile Consumer<String> sink;
    private static volatile long confirmNanos = DEFAULT_CONFIRM_NANOS;

    private final Action action;
    private final ReentrantLock lock = new ReentrantLock();
    /** Goroutines (outside bubbles) parked in a go4j primitive, hooks told. Guarded by lock. */
    private final Set<G> asleep = new HashSet<>();
    /** Foreign threads parked in a go4j primitive, by waiter. Guarded by lock. */
    private final Map<Waiter, ForeignWait> foreignAsleep = new HashMap<>();
    /** Foreign threads that have blocked in go4j since detection was turned on. Guarded by lock. */
    private final Map<Thread, Boolean> participants = new WeakHashMap<>();
    /** Waiters of deadlocks already reported, so that one deadlock is reported once. Guarded by lock. */
    private final Map<Waiter, Boolean> reported = new WeakHashMap<>();
    /** Waiters of cycles waiting for confirmation, so that one cycle is confirmed once. Guarded by lock. */
    private final Map<Waiter, Boolean> suspected = new WeakHashMap<>();
    /** Cycles waiting for confirmation. Guarded by lock. */
    private final List<Candidate> candidates = new ArrayList<>();

    private record ForeignWait(Thread thread, WaitReason reason, long since, Object on) {}

    /** One step of a wait-for walk: {@code thread}, parked on {@code waiter}, waits for {@code owner}. */
    private record Link(Thread thread, G g, Waiter waiter, WaitReason reason, WaitFor.Edge edge, Thread owner) {}

    /** A cycle found by a walk from {@code start}, to be confirmed by {@link #confirm}. */
    private static final class Candidate {
        final Thread start;
        final List<Link> cycle;
        Clock.Scheduled timer;

        Candidate(Thread start, List<Link> cycle) {
            this.start = start;
            this.cycle = cycle;
        }
    }

    private DeadlockDetector(Action action) {
        this.action = action;
    }

    /** Turns detection on (with the default action, or {@code exit} from the property) or off. */
    public static void enable(boolean on) {
        DeadlockDetector old = instance;
        if (on) {
            Action a = "exit".equalsIgnoreCase(System.getProperty(PROPERTY)) ? Action.EXIT : Action.INTERRUPT;
            DeadlockDetector d = new DeadlockDetector(a);
            WaitFor.setOn(true);
            instance = d;
            G.setObserver(d);
        } else {
            instance = null;
            G.setObserver(null);
            WaitFor.setOn(false);
        }
        if (old != null) {
            old.dropCandidates();
        }
    }

    /** Whether detection is on. */
    public static boolean enabled() {
        return instance != null;
    }

    /** Sends reports to {@code s} instead of standard error (tests); null restores standard error. */
    public static void setReportSink(Consumer<String> s) {
        sink = s;
    }

    /**
     * Sets how long a wait-for cycle must stay before it is reported (tests); null restores the default,
     * one second. Applies to cycles found from then on.
     */
    public static void setConfirmDelay(Duration d) {
        Duration max = Duration.ofDays(365); // toNanos overflows past 292 years
        confirmNanos = d == null ? DEFAULT_CONFIRM_NANOS
                : d.isNegative() ? 0 : d.compareTo(max) > 0 ? max.toNanos() : d.toNanos();
    }

    /**
     * Confirms now, on the calling thread, every cycle still waiting for its delay, as if the delay had
     * passed (tests: a long delay plus this call makes a confirmation deterministic). Returns how many
     * candidates were examined, reported or not.
     */
    public static int confirmNow() {
        DeadlockDetector d = instance;
        if (d == null) {
            return 0;
        }
        d.lock.lock();
        try {
            List<Candidate> all = new ArrayList<>(d.candidates);
            int n = 0;
            for (Candidate c : all) {
                if (c.timer.cancel()) { // not started: ours to run
                    d.candidates.remove(c);
                    d.confirmLocked(c, 0);
                    n++;
                }
            }
            return n;
        } finally {
            d.lock.unlock();
        }
    }

    /** Called by the system clock when its last pending action has finished or was cancelled. */
    static void timersIdle() {
        DeadlockDetector d = instance;
        if (d != null) {
            d.lock.lock();
            try {
                d.checkLocked();
            } finally {
                d.lock.unlock();
            }
        }
    }

    @Override
    public Clock clock() {
        return Clock.system();
    }

    @Override
    public void started(G g) {
        // Goroutines outside bubbles are not announced; G.liveCount() counts them.
    }

    @Override
    public void exited(G g) {
        lock.lock();
        try {
            asleep.remove(g);
            checkLocked();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void blocked(G g, WaitReason reason) {
        lock.lock();
        try {
            if (g.parkedWaiter() == null) {
                return; // already readied: its hook overtook ours (see Bubble)
            }
            asleep.add(g);
            findCycle(g.thread());
            checkLocked();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void readied(G g) {
        lock.lock();
        try {
            if (g.parkedWaiter() != null) {
                return; // a late hook: g has parked again since, and its blocked hook counts it (see Bubble)
            }
            asleep.remove(g);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void foreignBlocked(Waiter w, WaitReason reason, Object on) {
        lock.lock();
        try {
            participants.put(w.thread, Boolean.TRUE);
            foreignAsleep.put(w, new ForeignWait(w.thread, reason, Clock.system().nanoTime(), on));
            findCycle(w.thread);
            checkLocked();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void foreignReadied(Waiter w) {
        lock.lock();
        try {
            foreignAsleep.remove(w);
        } finally {
            lock.unlock();
        }
    }

    /** Checks the four conditions of the class comment; reports and acts on a deadlock. */
    private void checkLocked() {
        checkLocked(0);
    }

    /**
     * {@link #checkLocked()}, counting {@code ownTimers} pending clock actions as not pending (a
     * confirmation that runs as a clock action counts itself). Returns whether it reported.
     */
    private boolean checkLocked(long ownTimers) {
        if (instance != this || foreignAsleep.isEmpty() || asleep.size() != G.liveCount()) {
            return false;
        }
        Set<Thread> parked = new HashSet<>();
        for (Map.Entry<Waiter, ForeignWait> e : foreignAsleep.entrySet()) {
            if (!e.getKey().isWaiting()) {
                return false; // completed: about to run
            }
            parked.add(e.getValue().thread());
        }
        for (Thread t : participants.keySet()) {
            if (t.isAlive() && !parked.contains(t)) {
                return false;
            }
        }
        if (SystemClock.pending() > ownTimers) {
            return false;
        }
        for (G g : asleep) {
            if (!g.parkedAndWaiting() || g.bubble() != null) {
                return false;
            }
        }
        if (asleep.size() != G.liveCount()) {
            return false;
        }
        boolean fresh = false;
        for (Waiter w : foreignAsleep.keySet()) {
            fresh |= reported.put(w, Boolean.TRUE) == null;
        }
        for (G g : asleep) {
            fresh |= reported.put(g.parkedWaiter(), Boolean.TRUE) == null;
        }
        if (!fresh) {
            return false; // reported already; the interrupted participants are on their way out
        }
        String report = report();
        // Report and act once: detection stays on for later deadlocks, but these waits are over. A wait
        // with an edge (a Mutex, RWMutex or Once) is failed through it: Mutex.lock ignores interrupts.
        List<Thread> victims = new ArrayList<>();
        List<WaitFor.Edge> failed = new ArrayList<>();
        for (ForeignWait f : foreignAsleep.values()) {
            WaitFor.Edge e = WaitFor.of(f.thread());
            if (e != null && e.g == null && e.blocker == f.on()) {
                failed.add(e);
            } else {
                victims.add(f.thread());
            }
        }
        for (G g : asleep) {
            WaitFor.Edge e = WaitFor.of(g.thread());
            if (e != null && e.g == g && e.blocker == g.blockedOn()) {
                failed.add(e);
            } else {
                victims.add(g.thread());
            }
        }
        deliver(report);
        if (action == Action.EXIT) {
            Runtime.getRuntime().halt(2);
        }
        fail(failed, MESSAGE);
        for (Thread t : victims) {
            t.interrupt();
        }
        return true;
    }

    private String report() {
        StringBuilder sb = new StringBuilder(MESSAGE).append("\n\n");
        long now = Clock.system().nanoTime();
        for (ForeignWait f : foreignAsleep.values()) {
            appendForeign(sb, f, now);
            sb.append('\n');
        }
        sb.append(Dump.of(asleep));
        return sb.toString();
    }

    /** A foreign thread's entry in a dump: {@code goroutine 1 [chan receive]:} and its frames. */
    private static void appendForeign(StringBuilder sb, ForeignWait f, long now) {
        Thread t = f.thread();
        long minutes = (now - f.since()) / 60_000_000_000L;
        sb.append(foreignName(t)).append(" [").append(f.reason().text());
        if (minutes >= 1) {
            sb.append(", ").append(minutes).append(" minutes"); // Go prints "1 minutes" too
        }
        sb.append("]:\n");
        for (StackTraceElement e : t.getStackTrace()) {
            if (!Dump.hidden(e)) {
                Dump.appendFrame(sb, e);
            }
        }
    }

    /** How a report names a thread that go4j did not start: {@code main} is Go's goroutine 1. */
    private static String foreignName(Thread t) {
        return "main".equals(t.getName()) ? "goroutine 1" : "thread \"" + t.getName() + "\"";
    }

    // ---------------------------------------------------------------------------------------------
    // Partial deadlocks: wait-for cycles (ADR 0034)
    // ---------------------------------------------------------------------------------------------

    /**
     * Walks the wait-for chain from {@code start}, which has just parked, and schedules the
     * confirmation of the cycle it closes, if any.
     */
    private void findCycle(Thread start) {
        if (instance != this || WaitFor.of(start) == null) {
            return; // not waiting on an owned primitive: cheap exit for every other park
        }
        List<Link> cycle = walk(start);
        if (cycle == null) {
            return;
        }
        boolean fresh = false;
        for (Link l : cycle) {
            if (reported.containsKey(l.waiter())) {
                return;
            }
            fresh |= !suspected.containsKey(l.waiter());
        }
        if (!fresh) {
            return; // this very cycle is being confirmed already
        }
        for (Link l : cycle) {
            suspected.put(l.waiter(), Boolean.TRUE);
        }
        Candidate c = new Candidate(start, cycle);
        candidates.add(c);
        c.timer = Clock.system().schedule(confirmNanos, () -> confirmScheduled(c));
    }

    /**
     * The wait-for chain from {@code start}: each member parked on an owned primitive, waiting for its
     * owner, until the chain comes back to {@code start}. Returns the cycle, or null when the chain
     * ends (no edge, no known owner, an owner that is not parked) or runs into a cycle that does not
     * include {@code start} (the last of its members to park reports that one).
     */
    private List<Link> walk(Thread start) {
        List<Link> chain = new ArrayList<>();
        Set<Thread> seen = new HashSet<>();
        Thread t = start;
        for (;;) {
            WaitFor.Edge e = WaitFor.of(t);
            if (e == null || !seen.add(t)) {
                return null;
            }
            Link l = parkedLink(t, e);
            if (l == null) {
                return null;
            }
            chain.add(l);
            if (l.owner() == start) {
                return chain;
            }
            t = l.owner();
        }
    }

    /** {@code t}'s link if it is parked, not yet woken, on {@code e}'s primitive with a known owner. */
    private Link parkedLink(Thread t, WaitFor.Edge e) {
        Waiter w = null;
        WaitReason reason = null;
        if (e.g != null) {
            G g = e.g;
            Waiter p = g.parkedWaiter();
            if (g.bubble() == null && p != null && p.isWaiting() && g.blockedOn() == e.blocker) {
                w = p;
                reason = g.waitReason();
            }
        } else {
            for (Map.Entry<Waiter, ForeignWait> f : foreignAsleep.entrySet()) {
                if (f.getValue().thread() == t && f.getValue().on() == e.blocker && f.getKey().isWaiting()) {
                    w = f.getKey();
                    reason = f.getValue().reason();
                }
            }
        }
        if (w == null || reason == null) {
            return null;
        }
        Thread owner = e.owner();
        return owner == null ? null : new Link(t, e.g, w, reason, e, owner);
    }

    /** The confirmation of {@code c}, run by the system clock after the delay. */
    private void confirmScheduled(Candidate c) {
        lock.lock();
        try {
            if (candidates.remove(c)) {
                confirmLocked(c, 1); // this action is pending on the clock while it runs
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reports {@code c} if it still stands: the same members, parked on the same waiters, waiting for
     * the same owners. Gives way to the whole-program report when everything is asleep.
     */
    private void confirmLocked(Candidate c, long ownTimers) {
        for (Link l : c.cycle) {
            suspected.remove(l.waiter());
        }
        if (instance != this) {
            return;
        }
        List<Link> now = walk(c.start);
        if (now == null || now.size() != c.cycle.size()) {
            return;
        }
        for (int i = 0; i < now.size(); i++) {
            Link a = now.get(i);
            Link b = c.cycle.get(i);
            if (a.waiter() != b.waiter() || a.owner() != b.owner() || reported.containsKey(a.waiter())) {
                return;
            }
        }
        if (checkLocked(ownTimers)) {
            return; // the whole program is asleep: Go's report covers the cycle too
        }
        for (Link l : now) {
            reported.put(l.waiter(), Boolean.TRUE);
        }
        deliver(partialReport(now));
        if (action == Action.EXIT) {
            Runtime.getRuntime().halt(2);
        }
        List<WaitFor.Edge> edges = new ArrayList<>();
        for (Link l : now) {
            edges.add(l.edge());
        }
        fail(edges, PARTIAL_MESSAGE);
    }

    /**
     * Fails the waits of {@code edges}, reported under {@code message}: decides every one before waking
     * any, so that a member woken first, unlocking what it holds, cannot grant a lock to another member
     * (its node is decided already and the unlock skips it). Waking completes the waiters: their
     * readied hooks run here, re-entering the lock.
     */
    private static void fail(List<WaitFor.Edge> edges, String message) {
        String verdict = message.substring(FATAL.length());
        List<WaitFor.Edge> decided = new ArrayList<>();
        for (WaitFor.Edge e : edges) {
            if (e.decide(verdict)) {
                decided.add(e);
            }
        }
        for (WaitFor.Edge e : decided) {
            e.wake();
        }
    }

    /** The first line, the chain (from the member with the lowest id), then a dump of the members. */
    private String partialReport(List<Link> cycle) {
        int first = 0;
        for (int i = 1; i < cycle.size(); i++) {
            if (order(cycle.get(i)) < order(cycle.get(first))) {
                first = i;
            }
        }
        Map<Thread, String> names = new HashMap<>();
        for (Link l : cycle) {
            names.put(l.thread(), l.g() != null ? "goroutine " + l.g().id() : foreignName(l.thread()));
        }
        StringBuilder sb = new StringBuilder(PARTIAL_MESSAGE).append("\n\n");
        for (int k = 0; k < cycle.size(); k++) {
            Link l = cycle.get((first + k) % cycle.size());
            sb.append(names.get(l.thread())).append(" [").append(l.reason().text()).append("] waits for ")
                    .append(names.get(l.owner())).append(" (").append(l.edge().describe()).append(")\n");
        }
        sb.append('\n');
        long now = Clock.system().nanoTime();
        List<G> gs = new ArrayList<>();
        for (Link l : cycle) {
            if (l.g() != null) {
                gs.add(l.g());
            } else {
                ForeignWait f = foreignAsleep.get(l.waiter()); // there: the walk just found it parked
                if (f != null) {
                    appendForeign(sb, f, now);
                    sb.append('\n');
                }
            }
        }
        sb.append(Dump.of(gs));
        return sb.toString();
    }

    /** Sort key of a member in a report: its goroutine id; other threads before goroutines. */
    private static long order(Link l) {
        return l.g() != null ? l.g().id() : "main".equals(l.thread().getName()) ? 1 : 0;
    }

    /** Cancels the confirmations of a detector that was turned off or replaced. */
    private void dropCandidates() {
        lock.lock();
        try {
            for (Candidate c : candidates) {
                c.timer.cancel();
            }
            candidates.clear();
            suspected.clear();
        } finally {
            lock.unlock();
        }
    }

    private static void deliver(String report) {
        Consumer<String> s = sink;
        if (s != null) {
            try {
                s.accept(report);
                return;
            } catch (RuntimeException e) {
                // fall back to standard error
            }
        }
        PrintStream err = System.err;
        err.print(report);
        err.flush();
    }
}
