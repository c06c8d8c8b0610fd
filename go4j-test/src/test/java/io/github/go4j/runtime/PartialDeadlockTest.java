package io.github.go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.context.CancelContext;
import io.github.go4j.context.Context;
import io.github.go4j.context.ContextException;
import io.github.go4j.goleak.GoLeak;
import io.github.go4j.internal.DeadlockDetector;
import io.github.go4j.internal.G;
import io.github.go4j.internal.WaitReason;
import io.github.go4j.sync.Mutex;
import io.github.go4j.sync.Once;
import io.github.go4j.sync.RWMutex;
import io.github.go4j.sync.SyncFatalError;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, "beyond Go": partial deadlocks, cycles of goroutines waiting on each other through owned
 * primitives (Mutex, RWMutex's writer, Once), reported with the wait-for chain (RU04; ADR 0034).
 *
 * <p>Every situation is built with latches and channels, never with sleeps. A cycle stays, so the
 * confirmation delay only makes a test slower; it is short here. The tests that must show that
 * something is <em>not</em> reported set an hour-long delay and then run the pending confirmations
 * by hand ({@link DeadlockDetector#confirmNow()}), which also says how many candidates there were.
 */
@Timeout(30)
class PartialDeadlockTest {

    private static final String PARTIAL = DeadlockDetector.PARTIAL_MESSAGE;
    private static final String MUTEX_LOCK = WaitReason.MUTEX_LOCK.text();

    private final List<String> reports = new CopyOnWriteArrayList<>();

    @BeforeEach
    void on() throws InterruptedException {
        GoLeak.verifyNone(); // no goroutine left over from other tests
        DeadlockDetector.setReportSink(reports::add);
        DeadlockDetector.setConfirmDelay(Duration.ofMillis(10));
        Go.setDeadlockDetection(true);
    }

    @AfterEach
    void off() {
        Go.setDeadlockDetection(false);
        DeadlockDetector.setConfirmDelay(null);
        DeadlockDetector.setReportSink(null);
    }

    /** {@code goroutine 7 [sync.Mutex.Lock] waits for goroutine 9 (holds sync.Mutex@1b2c3d)}. */
    private static String edge(long from, String reason, long to, String verb, Object primitive) {
        String type = primitive.getClass().getName().substring("io.github.go4j.".length());
        return "goroutine " + from + " [" + reason + "] waits for goroutine " + to + " (" + verb + " " + type
                + "@" + Integer.toHexString(System.identityHashCode(primitive)) + ")";
    }

    /** The part of a report between its first line and the dump: one line per wait-for edge. */
    private static List<String> chain(String report) {
        String[] parts = report.split("\n\n");
        return List.of(parts[1].split("\n"));
    }

    @Test
    @DisplayName("Issue 7 / RU04 beyond Go: ABBA lock order with a third goroutine running: the cycle is reported with both edges, both locks fail, the third goroutine runs on")
    void abba() throws InterruptedException {
        Mutex a = new Mutex();
        Mutex b = new Mutex();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong spins = new AtomicLong();
        Thread spinner = Go.go(() -> {
            while (!stop.get()) {
                spins.incrementAndGet();
                Go.gosched();
            }
        });
        CountDownLatch bothHold = new CountDownLatch(2);
        AtomicLong id1 = new AtomicLong();
        AtomicLong id2 = new AtomicLong();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread g1 = Go.go(() -> lockInOrder(a, b, bothHold, id1, failures));
        Thread g2 = Go.go(() -> lockInOrder(b, a, bothHold, id2, failures));
        g1.join();
        g2.join();
        assertThat(spinner.isAlive()).as("the goroutine outside the cycle runs on").isTrue();
        long before = spins.get();
        while (spins.get() == before) {
            Thread.onSpinWait();
        }
        stop.set(true);
        spinner.join();

        assertThat(failures).hasSize(2).allSatisfy(t -> assertThat(t)
                .isInstanceOf(SyncFatalError.class).hasMessage(PARTIAL));
        assertThat(reports).hasSize(1);
        String r = reports.get(0);
        assertThat(r).startsWith(PARTIAL + "\n\n");
        long lo = Math.min(id1.get(), id2.get());
        assertThat(chain(r)).containsExactly(lo == id1.get()
                ? new String[] {edge(id1.get(), MUTEX_LOCK, id2.get(), "holds", b), edge(id2.get(), MUTEX_LOCK, id1.get(), "holds", a)}
                : new String[] {edge(id2.get(), MUTEX_LOCK, id1.get(), "holds", a), edge(id1.get(), MUTEX_LOCK, id2.get(), "holds", b)});
        assertThat(r).contains("goroutine " + id1.get() + " [sync.Mutex.Lock]:\n")
                .contains("goroutine " + id2.get() + " [sync.Mutex.Lock]:\n")
                .contains("PartialDeadlockTest.lockInOrder")
                .doesNotContain("[running]");
        // No state was lost: both mutexes were unlocked by their holders and are free.
        assertThat(a.tryLock()).isTrue();
        assertThat(b.tryLock()).isTrue();
    }

    /** Locks {@code first}, waits until every party holds its first lock, then locks {@code second}. */
    private static void lockInOrder(Mutex first, Mutex second, CountDownLatch allHold, AtomicLong id,
            List<Throwable> failures) throws InterruptedException {
        id.set(G.current().id());
        first.lock();
        try {
            allHold.countDown();
            allHold.await();
            second.lock();
            second.unlock();
        } catch (SyncFatalError e) {
            failures.add(e);
        } finally {
            first.unlock();
        }
    }

    @Test
    @DisplayName("Issue 7 / RU04 beyond Go: locking a Mutex you hold is a cycle of one; the second lock fails, the first is kept")
    void recursiveLock() throws InterruptedException {
        Mutex m = new Mutex();
        AtomicLong id = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Go.go(() -> {
            id.set(G.current().id());
            m.lock();
            try {
                m.lock();
            } catch (SyncFatalError e) {
                failure.set(e);
            }
        });
        t.join();
        assertThat(failure.get()).isInstanceOf(SyncFatalError.class).hasMessage(PARTIAL);
        assertThat(reports).hasSize(1);
        assertThat(chain(reports.get(0))).containsExactly(edge(id.get(), MUTEX_LOCK, id.get(), "holds", m));
        assertThat(m.isLocked()).as("the first lock is still held").isTrue();
        m.unlock(); // any goroutine may unlock it
        assertThat(m.tryLock()).as("nothing left queued").isTrue();
        m.unlock();
    }

    @Test
    @DisplayName("Issue 7 / RU04 beyond Go: Once.run inside its own task waits for itself: reported, the inner run fails, the Once is done")
    void onceInsideItsOwnTask() throws InterruptedException {
        Once once = new Once();
        AtomicLong id = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Go.go(() -> {
            id.set(G.current().id());
            try {
                once.run(() -> once.run(() -> {}));
            } catch (SyncFatalError e) {
                failure.set(e);
            }
        });
        t.join();
        assertThat(failure.get()).isInstanceOf(SyncFatalError.class).hasMessage(PARTIAL);
        assertThat(reports).hasSize(1);
        assertThat(chain(reports.get(0)))
                .containsExactly(edge(id.get(), WaitReason.SEMACQUIRE.text(), id.get(), "runs", once));
        assertThat(once.isDone()).isTrue();
        AtomicBoolean ran = new AtomicBoolean();
        once.run(() -> ran.set(true));
        assertThat(ran).isFalse();
    }

    @Test
    @DisplayName("Issue 7 / RU04 beyond Go: a cycle of three (lock, lockInterruptibly, lock): three edges, all three waits fail")
    void threeGoroutines() throws InterruptedException {
        Mutex a = new Mutex();
        Mutex b = new Mutex();
        Mutex c = new Mutex();
        CountDownLatch allHold = new CountDownLatch(3);
        long[] ids = new long[3];
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread g1 = Go.go(() -> {
            ids[0] = G.current().id();
            lockThen(a, allHold, failures, b::lock);
        });
        Thread g2 = Go.go(() -> {
            ids[1] = G.current().id();
            lockThen(b, allHold, failures, c::lockInterruptibly);
        });
        Thread g3 = Go.go(() -> {
            ids[2] = G.current().id();
            lockThen(c, allHold, failures, a::lock);
        });
        g1.join();
        g2.join();
        g3.join();
        assertThat(failures).hasSize(3).allSatisfy(t -> assertThat(t)
                .isInstanceOf(SyncFatalError.class).hasMessage(PARTIAL));
        assertThat(reports).hasSize(1);
        // The chain starts at the lowest id, g1, and follows the waits.
        assertThat(chain(reports.get(0))).containsExactly(
                edge(ids[0], MUTEX_LOCK, ids[1], "holds", b),
                edge(ids[1], MUTEX_LOCK, ids[2], "holds", c),
                edge(ids[2], MUTEX_LOCK, ids[0], "holds", a));
        for (Mutex m : List.of(a, b, c)) {
            assertThat(m.tryLock()).isTrue();
        }
    }

    @Test
    @DisplayName("Issue 7 / RU04: a cycle closed by a timed tryLock or a lock(ctx) is no deadlock: the timeout or the context ends it")
    void timedOrContextWaitIsNoMember() throws Exception {
        DeadlockDetector.setConfirmDelay(Duration.ofHours(1));
        for (boolean timed : new boolean[] {true, false}) {
            Mutex a = new Mutex();
            Mutex b = new Mutex();
            CountDownLatch allHold = new CountDownLatch(2);
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            CancelContext ctx = Context.withCancel(Context.background());
            Thread g1 = Go.go(() -> {
                a.lock();
                allHold.countDown();
                allHold.await();
                b.lock(); // granted once g2 gives up
                b.unlock();
                a.unlock();
            });
            Thread g2 = Go.go(() -> lockThen(b, allHold, failures,
                    timed ? () -> a.tryLock(Duration.ofHours(1)) : () -> a.lock(ctx)));
            DumpTest.waitFor(g1, WaitReason.MUTEX_LOCK);
            DumpTest.waitFor(g2, WaitReason.MUTEX_LOCK);
            assertThat(DeadlockDetector.confirmNow()).as("cycle candidates, timed = " + timed).isZero();
            if (timed) {
                g2.interrupt();
            } else {
                ctx.cancel();
            }
            g1.join();
            g2.join();
            assertThat(failures).as("timed = " + timed).singleElement()
                    .isInstanceOf(timed ? InterruptedException.class : ContextException.class);
        }
        assertThat(reports).isEmpty();
    }

    /** A lock attempt that may throw. */
    private interface Attempt {
        void run() throws Exception;
    }

    private static void lockThen(Mutex held, CountDownLatch allHold, List<Throwable> failures, Attempt next)
            throws InterruptedException {
        held.lock();
        try {
            allHold.countDown();
            allHold.await();
            next.run();
            throw new AssertionError("the lock was granted");
        } catch (SyncFatalError e) {
            failures.add(e);
        } catch (Exception e) {
            failures.add(e);
        } finally {
            held.unlock();
        }
    }

    @Test
    @DisplayName("Issue 7 / RU04 beyond Go: a cycle through an RWMutex's writer (a reader and a writer waiting for it) names the RWMutex")
    void rwMutex() throws InterruptedException {
        for (boolean reader : new boolean[] {true, false}) {
            reports.clear();
            RWMutex rw = new RWMutex();
            Mutex m = new Mutex();
            CountDownLatch bothHold = new CountDownLatch(2);
            long[] ids = new long[2];
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            Thread writer = Go.go(() -> {
                ids[0] = G.current().id();
                rw.lock();
                try {
                    bothHold.countDown();
                    bothHold.await();
                    m.lock();
                } catch (SyncFatalError e) {
                    failures.add(e);
                } finally {
                    rw.unlock();
                }
            });
            Thread other = Go.go(() -> {
                ids[1] = G.current().id();
                m.lock();
                try {
                    bothHold.countDown();
                    bothHold.await();
                    if (reader) {
                        rw.rLock();
                    } else {
                        rw.lock();
                    }
                } catch (SyncFatalError e) {
                    failures.add(e);
                } finally {
                    m.unlock();
                }
            });
            writer.join();
            other.join();
            assertThat(failures).hasSize(2).allSatisfy(t -> assertThat(t).hasMessage(PARTIAL));
            assertThat(reports).hasSize(1);
            String otherReason = (reader ? WaitReason.RWMUTEX_RLOCK : WaitReason.RWMUTEX_LOCK).text();
            assertThat(chain(reports.get(0))).containsExactly(
                    edge(ids[0], MUTEX_LOCK, ids[1], "holds", m),
                    edge(ids[1], otherReason, ids[0], "holds", rw));
            assertThat(rw.tryLock()).as("reader = " + reader + ": no lost state").isTrue();
            rw.unlock();
            assertThat(rw.tryRLock()).isTrue();
            rw.rUnlock();
        }
    }

    @Test
    @DisplayName("Issue 7 / RU04: a chain that ends on a channel (B waits for A's Mutex, A waits to receive) is not a cycle: nothing found")
    void chainEndingOnAChannel() throws InterruptedException {
        DeadlockDetector.setConfirmDelay(Duration.ofHours(1));
        Mutex m = new Mutex();
        Channel<Integer> c = Channel.make();
        CountDownLatch holds = new CountDownLatch(1);
        Thread a = Go.go(() -> {
            m.lock();
            holds.countDown();
            c.receive();
            m.unlock();
        });
        holds.await();
        Thread b = Go.go(() -> {
            m.lock();
            m.unlock();
        });
        DumpTest.waitFor(a, WaitReason.CHAN_RECEIVE);
        DumpTest.waitFor(b, WaitReason.MUTEX_LOCK);
        assertThat(DeadlockDetector.confirmNow()).as("cycle candidates").isZero();
        c.send(1);
        a.join();
        b.join();
        assertThat(reports).isEmpty();
    }

    @Test
    @DisplayName("Issue 7 / RU04: A locks twice and B, merely slow, unlocks for it (Go allows it): a candidate, dropped by the confirmation")
    void unlockedByAnotherGoroutine() throws InterruptedException {
        DeadlockDetector.setConfirmDelay(Duration.ofHours(1));
        Mutex m = new Mutex();
        Channel<Integer> go = Channel.make();
        Thread a = Go.go(() -> {
            m.lock();
            m.lock(); // waits for B to unlock the first lock
            m.unlock();
        });
        DumpTest.waitFor(a, WaitReason.MUTEX_LOCK);
        Thread b = Go.go(() -> {
            go.receive();
            m.unlock();
        });
        go.send(1);
        a.join();
        b.join();
        assertThat(DeadlockDetector.confirmNow()).as("the cycle of one was a candidate").isEqualTo(1);
        assertThat(reports).isEmpty();
        assertThat(m.isLocked()).isFalse();
    }

    @Test
    @DisplayName("Issue 7 / RU04: with detection off nothing is recorded: a Mutex locked then has no known holder once detection is on")
    void offRecordsNothing() throws InterruptedException {
        Go.setDeadlockDetection(false);
        DeadlockDetector.setConfirmDelay(Duration.ofHours(1));
        Mutex m = new Mutex();
        CountDownLatch holds = new CountDownLatch(1);
        CountDownLatch relock = new CountDownLatch(1);
        Thread a = Go.go(() -> {
            m.lock();
            holds.countDown();
            relock.await();
            m.lock(); // a cycle of one, but the first lock was taken with detection off
            m.unlock();
        });
        holds.await();
        Go.setDeadlockDetection(true);
        relock.countDown();
        DumpTest.waitFor(a, WaitReason.MUTEX_LOCK);
        assertThat(DeadlockDetector.confirmNow()).as("cycle candidates").isZero();
        m.unlock();
        a.join();
        assertThat(reports).isEmpty();
    }

    @Test
    @DisplayName("Issue 7 / RU04: main and a goroutine in ABBA is the whole program: Go's report once (no partial one too), both locks fail")
    void wholeProgramCycle() throws InterruptedException {
        Mutex a = new Mutex();
        Mutex b = new Mutex();
        a.lock();
        Channel<Integer> held = Channel.make();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread g = Go.go(() -> {
            b.lock();
            held.send(1);
            try {
                a.lock();
            } catch (SyncFatalError e) {
                failure.set(e);
            }
            b.unlock();
        });
        held.receive();
        DumpTest.waitFor(g, WaitReason.MUTEX_LOCK);
        assertThatThrownBy(b::lock).isInstanceOf(SyncFatalError.class).hasMessage(DeadlockDetector.MESSAGE);
        g.join();
        assertThat(failure.get()).isInstanceOf(SyncFatalError.class).hasMessage(DeadlockDetector.MESSAGE);
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0)).startsWith(DeadlockDetector.MESSAGE + "\n\n").contains(" [sync.Mutex.Lock]:");
        a.unlock();
    }

    @Test
    @DisplayName("Issue 7 / RU04 beyond Go: main (not a goroutine) in an ABBA cycle while another goroutine runs: partial report, main named as in Go")
    void mainInACycle() throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        Thread spinner = Go.go(() -> {
            while (!stop.get()) {
                Go.gosched();
            }
        });
        Mutex a = new Mutex();
        Mutex b = new Mutex();
        a.lock();
        Channel<Long> held = Channel.make();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread g = Go.go(() -> {
            b.lock();
            held.send(G.current().id());
            try {
                a.lock();
            } catch (SyncFatalError e) {
                failure.set(e);
            }
            b.unlock();
        });
        long id = held.receive();
        DumpTest.waitFor(g, WaitReason.MUTEX_LOCK);
        assertThatThrownBy(b::lock).isInstanceOf(SyncFatalError.class).hasMessage(PARTIAL);
        g.join();
        stop.set(true);
        spinner.join();
        a.unlock();
        assertThat(failure.get()).isInstanceOf(SyncFatalError.class).hasMessage(PARTIAL);
        assertThat(reports).hasSize(1);
        String me = Thread.currentThread().getName();
        String main = "main".equals(me) ? "goroutine 1" : "thread \"" + me + "\"";
        String r = reports.get(0);
        assertThat(chain(r)).containsExactly(
                main + " [sync.Mutex.Lock] waits for goroutine " + id + " (holds sync.Mutex@"
                        + Integer.toHexString(System.identityHashCode(b)) + ")",
                edge(id, MUTEX_LOCK, 0, "holds", a).replace("goroutine 0 ", main + " "));
        assertThat(r).contains(main + " [sync.Mutex.Lock]:\n").contains("PartialDeadlockTest.mainInACycle")
                .contains("goroutine " + id + " [sync.Mutex.Lock]:\n");
    }

    @Test
    @DisplayName("RU04: main locking a Mutex it holds, alone: Go's 'all goroutines are asleep', and the lock fails instead of hanging")
    void mainRecursiveLock() {
        Mutex m = new Mutex();
        m.lock();
        assertThatThrownBy(m::lock).isInstanceOf(SyncFatalError.class).hasMessage(DeadlockDetector.MESSAGE);
        assertThat(reports).hasSize(1);
        m.unlock();
    }

    @Test
    @DisplayName("Issue 7 / RU04: Mutex, RWMutex and Once contended but used in one lock order, confirmed at once: no false report")
    void noFalseAlarms() throws InterruptedException {
        DeadlockDetector.setConfirmDelay(Duration.ZERO); // the most eager confirmation
        Mutex a = new Mutex();
        Mutex b = new Mutex();
        RWMutex rw = new RWMutex();
        long[] counter = {0};
        List<Thread> ts = new java.util.ArrayList<>();
        for (int w = 0; w < 6; w++) {
            ts.add(Go.go(() -> {
                for (int i = 0; i < 3_000; i++) {
                    switch (i % 4) {
                        case 0 -> {
                            a.lock();
                            b.lock();
                            counter[0]++;
                            b.unlock();
                            a.unlock();
                        }
                        case 1 -> {
                            rw.rLock();
                            rw.rUnlock();
                        }
                        case 2 -> {
                            rw.lock();
                            a.lock();
                            counter[0]++;
                            a.unlock();
                            rw.unlock();
                        }
                        default -> {
                            Once once = new Once();
                            once.run(() -> {
                                b.lock();
                                b.unlock();
                            });
                        }
                    }
                }
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
        assertThat(counter[0]).isEqualTo(6 * 1_500);
        assertThat(reports).isEmpty();
    }

    @Test
    @Timeout(60)
    @DisplayName("Issue 7 / RU04: -Dgo4j.deadlockDetection=exit prints the partial report and exits with status 2")
    void exitsWithStatus2(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("out.txt");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-Dgo4j.deadlockDetection=exit", "-cp",
                System.getProperty("java.class.path"), PartialDeadlockMain.class.getName()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(50, TimeUnit.SECONDS)).as("the child JVM exits").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out).startsWith(PARTIAL + "\n\n")
                .containsPattern("goroutine (\\d+) \\[sync\\.Mutex\\.Lock\\] waits for goroutine \\1 \\(holds sync\\.Mutex@[0-9a-f]+\\)\n\n")
                .containsPattern("goroutine \\d+ \\[sync\\.Mutex\\.Lock\\]:\n")
                .contains("io.github.go4j.runtime.PartialDeadlockMain.lambda$main$0(...)\n\tPartialDeadlockMain.java:")
                .doesNotContain("unreachable");
    }
}
