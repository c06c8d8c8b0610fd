package io.github.go4j.sync;

import static io.github.go4j.sync.SyncTesting.go;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.context.CancelContext;
import io.github.go4j.context.Context;
import io.github.go4j.context.ContextException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bounded stress: many goroutines hammer one primitive with every acquisition flavour at once
 * (blocking, try, timed, interruptible, context-bound), plus interrupts, and the test checks mutual
 * exclusion on every entry and conservation at the end: every successful acquisition is counted
 * exactly once and the primitive ends idle, with no ghost waiter. Each test runs a fixed number of
 * operations (a fraction of a second here).
 */
@Tag("slow")
class SyncStressTest {

    private static final int GOROUTINES = 16;
    private static final int OPS = 4_000;

    @Test
    @DisplayName("SY06-SY10 stress: Mutex with lock/tryLock/timed/interruptible/ctx and interrupts")
    void mutex() throws Exception {
        Mutex mu = new Mutex();
        AtomicInteger inside = new AtomicInteger();
        AtomicLong acquired = new AtomicLong();
        long[] plain = {0};
        List<SyncTesting.Task> ts = new ArrayList<>();
        for (int g = 0; g < GOROUTINES; g++) {
            ts.add(go(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < OPS; i++) {
                    boolean got;
                    switch (rnd.nextInt(5)) {
                        case 0 -> {
                            mu.lock();
                            got = true;
                        }
                        case 1 -> got = mu.tryLock();
                        case 2 -> {
                            try {
                                got = mu.tryLock(Duration.ofNanos(rnd.nextInt(200_000)));
                            } catch (InterruptedException e) {
                                got = false;
                            }
                        }
                        case 3 -> {
                            try {
                                mu.lockInterruptibly();
                                got = true;
                            } catch (InterruptedException e) {
                                got = false;
                            }
                        }
                        default -> {
                            try (CancelContext ctx = Context.withTimeout(Context.background(),
                                    Duration.ofNanos(rnd.nextInt(300_000)))) {
                                mu.lock(ctx);
                                got = true;
                            } catch (ContextException e) {
                                got = false;
                            }
                        }
                    }
                    Thread.interrupted(); // interrupts are noise here; clear before the next round
                    if (got) {
                        if (inside.incrementAndGet() != 1) {
                            throw new AssertionError("two goroutines inside the Mutex");
                        }
                        plain[0]++;
                        acquired.incrementAndGet();
                        if (rnd.nextInt(8) == 0) {
                            Thread.yield();
                        }
                        inside.decrementAndGet();
                        mu.unlock();
                    }
                }
            }));
        }
        SyncTesting.Task interrupter = go(() -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            for (int i = 0; i < 2_000; i++) {
                ts.get(rnd.nextInt(ts.size())).thread.interrupt();
                Thread.yield();
            }
        });
        for (SyncTesting.Task t : ts) {
            t.join();
        }
        interrupter.join();
        assertThat(plain[0]).isEqualTo(acquired.get());
        assertThat(acquired.get()).isPositive();
        assertThat(mu.toString()).isEqualTo("Mutex[unlocked]");
    }

    @Test
    @DisplayName("SY09, SY11 stress: RWMutex readers and writers with every flavour; no torn state")
    void rwMutex() throws Exception {
        RWMutex rw = new RWMutex();
        AtomicInteger writers = new AtomicInteger();
        AtomicInteger readers = new AtomicInteger();
        AtomicLong writes = new AtomicLong();
        long[] xy = {0, 0};
        List<SyncTesting.Task> ts = new ArrayList<>();
        for (int g = 0; g < GOROUTINES; g++) {
            ts.add(go(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < OPS; i++) {
                    boolean write = rnd.nextInt(4) == 0;
                    boolean got;
                    switch (rnd.nextInt(3)) {
                        case 0 -> {
                            if (write) {
                                rw.lock();
                            } else {
                                rw.rLock();
                            }
                            got = true;
                        }
                        case 1 -> got = write ? rw.tryLock() : rw.tryRLock();
                        default -> got = (write ? rw.writeLock() : rw.readLock())
                                .tryLock(rnd.nextInt(200_000), TimeUnit.NANOSECONDS);
                    }
                    if (!got) {
                        continue;
                    }
                    if (write) {
                        if (writers.incrementAndGet() != 1 || readers.get() != 0) {
                            throw new AssertionError("writer not alone");
                        }
                        xy[0]++;
                        xy[1]++;
                        writes.incrementAndGet();
                        writers.decrementAndGet();
                        rw.unlock();
                    } else {
                        readers.incrementAndGet();
                        if (writers.get() != 0 || xy[0] != xy[1]) {
                            throw new AssertionError("reader saw a writer or torn state");
                        }
                        readers.decrementAndGet();
                        rw.rUnlock();
                    }
                }
            }));
        }
        for (SyncTesting.Task t : ts) {
            t.join();
        }
        assertThat(xy[0]).isEqualTo(writes.get()).isEqualTo(xy[1]);
        assertThat(rw.toString()).isEqualTo("RWMutex[readers=0]");
    }

    @Test
    @DisplayName("SY02-SY05 stress: WaitGroup rounds with go(), timed and ctx waiters")
    void waitGroup() throws Exception {
        WaitGroup wg = new WaitGroup();
        for (int round = 0; round < 100; round++) {
            AtomicInteger ran = new AtomicInteger();
            int n = 1 + ThreadLocalRandom.current().nextInt(8);
            for (int i = 0; i < n; i++) {
                wg.go(() -> {
                    ran.incrementAndGet();
                    Thread.yield();
                });
            }
            List<SyncTesting.Task> waiters = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int kind = w;
                waiters.add(go(() -> {
                    switch (kind) {
                        case 0 -> {
                            wg.await();
                            assertThat(ran).hasValue(n);
                        }
                        case 1 -> {
                            if (wg.await(Duration.ofNanos(ThreadLocalRandom.current().nextInt(100_000)))) {
                                assertThat(ran).hasValue(n);
                            }
                        }
                        default -> {
                            try (CancelContext ctx = Context.withTimeout(Context.background(),
                                    Duration.ofNanos(ThreadLocalRandom.current().nextInt(100_000)))) {
                                wg.await(ctx);
                                assertThat(ran).hasValue(n);
                            } catch (ContextException e) {
                                // timed out first: fine
                            }
                        }
                    }
                }));
            }
            wg.await();
            assertThat(ran).hasValue(n);
            for (SyncTesting.Task t : waiters) {
                t.join();
            }
            assertThat(wg.toString()).isEqualTo("WaitGroup[counter=0, waiters=0]");
        }
    }

    @Test
    @DisplayName("SY15, SY16 stress: Cond-based bounded queue conserves every item")
    void condQueue() throws Exception {
        Mutex mu = new Mutex();
        Cond notEmpty = new Cond(mu);
        Cond notFull = new Cond(mu);
        int cap = 4;
        ArrayList<Integer> buf = new ArrayList<>();
        int producers = 4;
        int per = 2_000;
        AtomicLong sum = new AtomicLong();
        AtomicInteger count = new AtomicInteger();
        List<SyncTesting.Task> ts = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            ts.add(go(() -> {
                for (int i = 1; i <= per; i++) {
                    mu.lock();
                    while (buf.size() == cap) {
                        notFull.await();
                    }
                    buf.add(i);
                    mu.unlock();
                    notEmpty.signal();
                }
            }));
        }
        for (int c = 0; c < producers; c++) {
            ts.add(go(() -> {
                for (int i = 0; i < per; i++) {
                    mu.lock();
                    while (buf.isEmpty()) {
                        notEmpty.await();
                    }
                    int v = buf.remove(0);
                    mu.unlock();
                    notFull.signal();
                    sum.addAndGet(v);
                    count.incrementAndGet();
                }
            }));
        }
        for (SyncTesting.Task t : ts) {
            t.join();
        }
        assertThat(count).hasValue(producers * per);
        assertThat(sum).hasValue((long) producers * per * (per + 1) / 2);
    }
}
