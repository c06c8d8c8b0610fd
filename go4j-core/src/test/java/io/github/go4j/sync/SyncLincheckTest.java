package io.github.go4j.sync;

import java.time.Duration;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lincheck model checking of Mutex, RWMutex, WaitGroup and Once: Lincheck explores (a bounded number
 * of) interleavings of a few operations on several threads, switching threads at every shared-memory
 * access, park and unpark, and checks that the results are linearizable against the same operations
 * run one after another, and that no interleaving deadlocks (a lost wake-up leaves a thread parked
 * forever, which Lincheck reports with the interleaving).
 *
 * <p>What this can and cannot check. A sequential specification cannot block, so every operation
 * here releases what it takes: {@code lock; update; unlock} operations park for real when they
 * contend (covering the slow paths, the hand-off and the queue), and their results prove mutual
 * exclusion. A failed {@code tryLock} has no sequential counterpart (run alone it always succeeds),
 * so try-operations return nothing and instead assert the protected invariant, which would surface
 * as an exception. WaitGroup's blocking {@code await} cannot have a sequential specification (run
 * alone with a positive counter it never returns); here it is checked through {@code await(ZERO)},
 * and its blocking path by {@link WaitGroupTest} and {@link SyncStressTest}.
 *
 * <p>Planted bugs these checks catch: a Mutex unlock that forgets to wake, one that clears the
 * waiters bit too early, a non-atomic lock fast path, an RWMutex rUnlock that forgets the pending
 * writer. Not reached: the Mutex's starvation hand-off (it needs a woken waiter to lose a race and
 * re-queue before the next unlock; even 20,000 invocations with the threshold at zero did not get
 * there), so planted hand-off bugs are caught by {@link MutexTest} and {@link SyncStressTest} instead.
 *
 * <p>Lincheck 3.7's general-purpose {@code Lincheck.runConcurrentTest} was tried first: on JDK 25 it
 * ran but missed even a plain data race ({@code counter++} from two threads), so it is not used.
 */
@Tag("lincheck")
class SyncLincheckTest {

    private static int savedSpins;

    /** Spinning before queueing would let Lincheck's bounded search skip the parking paths. */
    @BeforeAll
    static void noSpinning() {
        savedSpins = Mutex.spins;
        Mutex.spins = 0;
    }

    @AfterAll
    static void restoreSpinning() {
        Mutex.spins = savedSpins;
    }

    private static ModelCheckingOptions options() {
        return new ModelCheckingOptions()
                .iterations(3)
                .invocationsPerIteration(100)
                .threads(3)
                .actorsPerThread(2)
                .minimizeFailedScenario(false);
    }

    /**
     * Two fields that writers bump together under the exclusive lock: a lock holder that sees them
     * differ has caught the exclusion broken.
     */
    abstract static class GuardedPair {
        private int x;
        private int y;

        /** Bumps both fields (the caller holds the exclusive lock); returns the new value. */
        final int bump() {
            x++;
            return ++y;
        }

        /** Throws {@code broken} if the fields differ (the caller holds a lock); returns their value. */
        final int check(String broken) {
            if (x != y) {
                throw new IllegalStateException(broken);
            }
            return x;
        }

        /** If {@code acquired} (a try-lock's result), checks the fields, then releases through {@code release}. */
        final void probe(boolean acquired, Runnable release, String broken) {
            if (acquired) {
                try {
                    check(broken);
                } finally {
                    release.run();
                }
            }
        }
    }

    /** Mutex: a lock-protected counter plus a tryLock probe of the invariant (SY06, SY08, SY09, SY10). */
    public static class MutexScenario extends GuardedPair {
        private final Mutex m = new Mutex();

        @Operation
        public int inc() {
            m.lock();
            try {
                return bump();
            } finally {
                m.unlock();
            }
        }

        @Operation
        public int incInterruptibly() throws InterruptedException {
            m.lockInterruptibly();
            try {
                return bump();
            } finally {
                m.unlock();
            }
        }

        @Operation
        public void tryProbe() {
            probe(m.tryLock(), m::unlock, "mutual exclusion broken");
        }
    }

    @Test
    @DisplayName("SY06, SY08, SY09: Mutex is linearizable and never loses a wake-up (Lincheck model checking)")
    void mutex() {
        options().check(MutexScenario.class);
    }

    /** RWMutex: writers update two fields, readers check them, try-variants probe (SY09, SY11). */
    public static class RWMutexScenario extends GuardedPair {
        private final RWMutex rw = new RWMutex();

        @Operation
        public int write() {
            rw.lock();
            try {
                return bump();
            } finally {
                rw.unlock();
            }
        }

        @Operation
        public int read() {
            rw.rLock();
            try {
                return check("torn read");
            } finally {
                rw.rUnlock();
            }
        }

        @Operation
        public void tryProbe() {
            probe(rw.tryRLock(), rw::rUnlock, "torn read (tryRLock)");
            probe(rw.tryLock(), rw::unlock, "torn state (tryLock)");
        }
    }

    @Test
    @DisplayName("SY09, SY11: RWMutex is linearizable and never loses a wake-up (Lincheck model checking)")
    void rwMutex() {
        options().check(RWMutexScenario.class);
    }

    /** Once: the task runs once; every run returns after it (SY12). */
    public static class OnceScenario {
        private final Once once = new Once();
        private int runs;

        @Operation
        public int run() {
            once.run(() -> runs++);
            return runs;
        }
    }

    @Test
    @DisplayName("SY12: Once runs its task once and every caller returns after it (Lincheck model checking)")
    void once() {
        options().check(OnceScenario.class);
    }

    /** WaitGroup's counter: add, done (negative -> exception), and a non-blocking await (SY01, SY02). */
    public static class WaitGroupScenario {
        private final WaitGroup wg = new WaitGroup();

        @Operation
        public void add() {
            wg.add(1);
        }

        @Operation
        public String done() {
            try {
                wg.done();
                return "ok";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        }

        @Operation
        public boolean awaitNow() throws InterruptedException {
            return wg.await(Duration.ZERO);
        }
    }

    @Test
    @DisplayName("SY01, SY02: WaitGroup's counter is linearizable (Lincheck model checking)")
    void waitGroup() {
        options().check(WaitGroupScenario.class);
    }
}
