package io.github.go4j.sync;

import static io.github.go4j.sync.SyncTesting.go;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.internal.WaitReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Cond: spec section 3, SY15 and SY16. */
class CondTest {

    @Test
    @DisplayName("SY16: TestCondSignalGenerations: Signal wakes waiters in FIFO wait order")
    void sy16SignalGenerations() throws Exception {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        int n = 100;
        BlockingQueue<Boolean> running = new ArrayBlockingQueue<>(n);
        BlockingQueue<Integer> awake = new ArrayBlockingQueue<>(n);
        for (int i = 0; i < n; i++) {
            int k = i;
            Go.go(() -> {
                m.lock();
                running.add(true);
                c.await();
                awake.add(k);
                m.unlock();
            });
            // Wait for it to run (it holds m; the next one cannot lock before this one waits).
            assertThat(running.poll(30, TimeUnit.SECONDS)).isTrue();
        }
        for (int i = 0; i < n; i++) {
            c.signal();
            Integer g = awake.poll(30, TimeUnit.SECONDS);
            assertThat(g).as("Signal() woke up goroutine %s; want %s", g, i).isEqualTo(i);
        }
    }

    @Test
    @DisplayName("SY15: await unlocks L while waiting, relocks before returning; wait reason sync.Cond.Wait")
    void sy15AtomicUnlockRelock() throws Exception {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        assertThat(c.locker()).isSameAs(m);
        boolean[] ready = {false};
        AtomicBoolean heldOnReturn = new AtomicBoolean();
        SyncTesting.Task t = go(() -> {
            m.lock();
            while (!ready[0]) {
                c.await();
            }
            heldOnReturn.set(m.isLocked());
            m.unlock();
        });
        t.awaitBlocked(WaitReason.COND_WAIT);
        assertThat(m.tryLock()).as("L is released while waiting").isTrue();
        ready[0] = true;
        c.signal(); // signalling while holding L: the waiter wakes but must wait to relock
        t.awaitBlocked(WaitReason.MUTEX_LOCK);
        m.unlock();
        t.join();
        assertThat(heldOnReturn).isTrue();
    }

    @Test
    @DisplayName("SY15: no spurious wake-ups: without signal/broadcast, a waiter stays parked")
    void sy15NoSpuriousWakeups() throws Exception {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        AtomicInteger returns = new AtomicInteger();
        List<SyncTesting.Task> ts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ts.add(go(() -> {
                m.lock();
                c.await(); // no loop: any return is a wake-up we can count
                returns.incrementAndGet();
                m.unlock();
            }));
        }
        for (SyncTesting.Task t : ts) {
            t.awaitBlocked(WaitReason.COND_WAIT);
        }
        // Disturb them every way that could cause a spurious return: lock traffic, unpark.
        for (int i = 0; i < 50; i++) {
            m.lock();
            m.unlock();
            for (SyncTesting.Task t : ts) {
                LockSupport.unpark(t.thread);
            }
            LockSupport.parkNanos(100_000);
        }
        assertThat(returns).hasValue(0);
        for (SyncTesting.Task t : ts) {
            assertThat(SyncTesting.waitReasonOf(t.thread)).isEqualTo(WaitReason.COND_WAIT);
        }
        c.broadcast(); // SY16: wakes them all
        for (SyncTesting.Task t : ts) {
            t.join();
        }
        assertThat(returns).hasValue(4);
    }

    @Test
    @DisplayName("SY16: signal/broadcast need not hold L; a signal with no waiter is lost")
    void sy16SignalWithoutWaiterIsLost() throws Exception {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        c.signal();
        c.broadcast();
        AtomicBoolean woke = new AtomicBoolean();
        SyncTesting.Task t = go(() -> {
            m.lock();
            c.await();
            woke.set(true);
            m.unlock();
        });
        t.awaitBlocked(WaitReason.COND_WAIT);
        assertThat(woke).isFalse();
        c.signal();
        t.join();
        assertThat(woke).isTrue();
    }

    @Test
    @DisplayName("await is interruptible: InterruptedException with L held again; the next signal goes to another waiter")
    void interruptedWaiterIsSkipped() throws Exception {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        AtomicBoolean heldInCatch = new AtomicBoolean();
        SyncTesting.Task a = go(() -> {
            m.lock();
            try {
                c.await();
            } catch (InterruptedException e) {
                heldInCatch.set(m.isLocked());
            } finally {
                m.unlock();
            }
        });
        a.awaitBlocked(WaitReason.COND_WAIT);
        AtomicBoolean bWoke = new AtomicBoolean();
        SyncTesting.Task b = go(() -> {
            m.lock();
            c.await();
            bWoke.set(true);
            m.unlock();
        });
        b.awaitBlocked(WaitReason.COND_WAIT);
        a.thread.interrupt();
        a.join();
        assertThat(heldInCatch).isTrue();
        c.signal(); // must reach b, not the departed a
        b.join();
        assertThat(bWoke).isTrue();
    }

    @Test
    @DisplayName("awaitUninterruptibly: like Go's Wait, an interrupt does not end it")
    void awaitUninterruptibly() throws Exception {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        AtomicBoolean flag = new AtomicBoolean();
        SyncTesting.Task t = go(() -> {
            m.lock();
            c.awaitUninterruptibly();
            flag.set(Thread.currentThread().isInterrupted());
            m.unlock();
        });
        t.awaitBlocked(WaitReason.COND_WAIT);
        t.thread.interrupt();
        t.awaitBlocked(WaitReason.COND_WAIT);
        c.signal();
        t.join();
        assertThat(flag).isTrue();
    }

    @Test
    @DisplayName("Cond over an RWMutex read view (Go's NewCond(rw.RLocker()))")
    void condWithReadLocker() throws Exception {
        RWMutex rw = new RWMutex();
        Cond c = new Cond(rw.rLocker());
        SyncTesting.Task t = go(() -> {
            rw.rLock();
            c.await();
            rw.rUnlock();
        });
        t.awaitBlocked(WaitReason.COND_WAIT);
        assertThat(rw.tryLock()).isTrue(); // the read lock was released by await
        rw.unlock();
        c.broadcast();
        t.join();
        assertThat(rw.toString()).isEqualTo("RWMutex[readers=0]");
    }

    @Test
    @DisplayName("await without holding L fails (the Locker's error) and leaves no ghost waiter")
    void awaitWithoutHoldingL() {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        assertThatThrownBy(c::await).isInstanceOf(SyncFatalError.class);
        assertThatThrownBy(() -> new Cond(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("SY16: TestCondBroadcast (n=50): every broadcast wakes each waiter exactly once")
    void sy16CondBroadcast() throws Exception {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        int n = 50;
        BlockingQueue<Integer> running = new ArrayBlockingQueue<>(n);
        BlockingQueue<Integer> awake = new ArrayBlockingQueue<>(n);
        boolean[] exit = {false};
        for (int i = 0; i < n; i++) {
            int g = i;
            Go.go(() -> {
                m.lock();
                while (!exit[0]) {
                    running.add(g);
                    c.await();
                    awake.add(g);
                }
                m.unlock();
            });
        }
        for (int round = 0; round < n; round++) {
            for (int i = 0; i < n; i++) {
                assertThat(running.poll(30, TimeUnit.SECONDS)).as("not all %s are running", n).isNotNull();
            }
            if (round == n - 1) {
                m.lock();
                exit[0] = true;
                m.unlock();
            }
            assertThat(awake.poll()).as("goroutine not asleep").isNull();
            m.lock();
            c.broadcast();
            m.unlock();
            boolean[] seen = new boolean[n];
            for (int i = 0; i < n; i++) {
                Integer g = awake.poll(30, TimeUnit.SECONDS);
                assertThat(g).isNotNull();
                assertThat(seen[g]).as("goroutine woke up twice").isFalse();
                seen[g] = true;
            }
        }
        assertThat(running.poll()).as("goroutine did not exit").isNull();
        c.broadcast();
    }
}
