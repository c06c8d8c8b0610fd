package io.github.go4j.internal;

import java.io.PrintStream;
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
 * interrupted, so that the blocked operations fail with their interrupt exception instead of hanging.
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
 * <p>Not done: Go-beyond "partial deadlock" cycles (go4j's channels and mutexes have no owner to
 * follow, so a wait-for graph would need more bookkeeping on the hot path).
 */
public final class DeadlockDetector implements Bubble {

    /** The system property that turns detection on: {@code true} (interrupt) or {@code exit}. */
    public static final String PROPERTY = "go4j.deadlockDetection";

    /** The first line of a report, as Go prints it. */
    public static final String MESSAGE = "fatal error: all goroutines are asleep - deadlock!";

    /** What the detector does once it has reported a deadlock. */
    public enum Action {
        /** Interrupt every participant: their blocked operations fail instead of hanging (the default). */
        INTERRUPT,
        /** Halt the JVM with status 2, as Go does. */
        EXIT
    }

    private static volatile DeadlockDetector instance;
    private static volatile Consumer<String> sink;

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

    private record ForeignWait(Thread thread, WaitReason reason, long since) {}

    private DeadlockDetector(Action action) {
        this.action = action;
    }

    /** Turns detection on (with the default action, or {@code exit} from the property) or off. */
    public static void enable(boolean on) {
        if (on) {
            Action a = "exit".equalsIgnoreCase(System.getProperty(PROPERTY)) ? Action.EXIT : Action.INTERRUPT;
            DeadlockDetector d = new DeadlockDetector(a);
            instance = d;
            G.setObserver(d);
        } else {
            instance = null;
            G.setObserver(null);
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
            foreignAsleep.put(w, new ForeignWait(w.thread, reason, Clock.system().nanoTime()));
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
        if (instance != this || foreignAsleep.isEmpty() || asleep.size() != G.liveCount()) {
            return;
        }
        Set<Thread> parked = new HashSet<>();
        for (Map.Entry<Waiter, ForeignWait> e : foreignAsleep.entrySet()) {
            if (!e.getKey().isWaiting()) {
                return; // completed: about to run
            }
            parked.add(e.getValue().thread());
        }
        for (Thread t : participants.keySet()) {
            if (t.isAlive() && !parked.contains(t)) {
                return;
            }
        }
        if (SystemClock.pending() != 0) {
            return;
        }
        for (G g : asleep) {
            if (!g.parkedAndWaiting() || g.bubble() != null) {
                return;
            }
        }
        if (asleep.size() != G.liveCount()) {
            return;
        }
        boolean fresh = false;
        for (Waiter w : foreignAsleep.keySet()) {
            fresh |= reported.put(w, Boolean.TRUE) == null;
        }
        for (G g : asleep) {
            fresh |= reported.put(g.parkedWaiter(), Boolean.TRUE) == null;
        }
        if (!fresh) {
            return; // reported already; the interrupted participants are on their way out
        }
        String report = report();
        // Report and act once: detection stays on for later deadlocks, but these waits are over.
        List<Thread> victims = new ArrayList<>(parked);
        for (G g : asleep) {
            victims.add(g.thread());
        }
        deliver(report);
        if (action == Action.EXIT) {
            Runtime.getRuntime().halt(2);
        }
        for (Thread t : victims) {
            t.interrupt();
        }
    }

    private String report() {
        StringBuilder sb = new StringBuilder(MESSAGE).append("\n\n");
        long now = Clock.system().nanoTime();
        for (ForeignWait f : foreignAsleep.values()) {
            Thread t = f.thread();
            String who = "main".equals(t.getName()) ? "goroutine 1" : "thread \"" + t.getName() + "\"";
            long minutes = (now - f.since()) / 60_000_000_000L;
            sb.append(who).append(" [").append(f.reason().text());
            if (minutes >= 1) {
                sb.append(", ").append(minutes).append(" minutes"); // Go prints "1 minutes" too
            }
            sb.append("]:\n");
            for (StackTraceElement e : t.getStackTrace()) {
                if (!Dump.hidden(e)) {
                    Dump.appendFrame(sb, e);
                }
            }
            sb.append('\n');
        }
        sb.append(Dump.of(asleep));
        return sb.toString();
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
