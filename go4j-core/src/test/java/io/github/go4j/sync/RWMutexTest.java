package io.github.go4j.sync;

import static io.github.go4j.sync.SyncTesting.go;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.internal.WaitReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RWMutex: spec section 3, SY06-SY09 and SY11. */
class RWMutexTest {

    @Test
    @DisplayName("SY11: many readers at once; a writer excludes readers and writers")
    void readersShareWriterExcludes() throws Exception {
        RWMutex rw = new RWMutex();
        rw.rLock();
        rw.rLock();
        assertThat(rw.tryRLock()).isTrue();
        assertThat(rw.tryLock()).isFalse();
        rw.rUnlock();
        rw.rUnlock();
        rw.rUnlock();
        assertThat(rw.tryLock()).isTrue();
        assertThat(rw.tryRLock()).isFalse();
        assertThat(rw.tryLock()).isFalse();
        rw.unlock();
        assertThat(rw.toString()).isEqualTo("RWMutex[readers=0]");
    }

    @Test
    @DisplayName("SY11: once a Lock is pending, new RLocks block and TryRLock is false; the writer goes first")
    void sy11WriterPreference() throws Exception {
        RWMutex rw = new RWMutex();
        StringBuffer order = new StringBuffer();
        rw.rLock(); // reader 1 inside
        SyncTesting.Task writer = go(() -> {
            rw.lock();
            order.append("W");
            rw.unlock();
        });
        writer.awaitBlocked(WaitReason.RWMUTEX_LOCK);
        assertThat(rw.tryRLock()).as("TryRLock while a writer is pending").isFalse();
        SyncTesting.Task reader2 = go(() -> {
            rw.rLock();
            order.append("R");
            rw.rUnlock();
        });
        reader2.awaitBlocked(WaitReason.RWMUTEX_RLOCK);
        assertThat(order).isEmpty();
        rw.rUnlock(); // reader 1 leaves: the writer gets it, then reader 2
        writer.join();
        reader2.join();
        assertThat(order.toString()).isEqualTo("WR");
        assertThat(rw.toString()).isEqualTo("RWMutex[readers=0]");
    }

    @Test
    @DisplayName("SY11: recursive read locking deadlocks when a writer arrives in between")
    void sy11RecursiveReadLockBlocks() throws Exception {
        RWMutex rw = new RWMutex();
        AtomicBoolean inner = new AtomicBoolean();
        CountDownLatch readLocked = new CountDownLatch(1);
        CountDownLatch writerPending = new CountDownLatch(1);
        SyncTesting.Task reader = go(() -> {
            rw.rLock();
            readLocked.countDown();
            writerPending.await();
            rw.rLock(); // blocks behind the pending writer, which waits for our first read lock
            inner.set(true);
            rw.rUnlock();
        });
        readLocked.await();
        SyncTesting.Task writer = go(() -> {
            rw.lock();
            rw.unlock();
        });
        writer.awaitBlocked(WaitReason.RWMUTEX_LOCK);
        writerPending.countDown();
        reader.awaitBlocked(WaitReason.RWMUTEX_RLOCK);
        assertThat(inner).isFalse();
        // Break the deadlock from outside: any goroutine may rUnlock (not owned).
        rw.rUnlock();
        writer.join();
        reader.join();
        assertThat(inner).isTrue();
        assertThat(rw.toString()).isEqualTo("RWMutex[readers=0]");
    }

    @Test
    @DisplayName("SY07: RUnlock/Unlock of an unlocked RWMutex are fatal errors with Go's messages")
    void sy07Fatal() {
        RWMutex rw = new RWMutex();
        assertThatThrownBy(rw::rUnlock)
                .isInstanceOf(SyncFatalError.class)
                .hasMessage("fatal error: sync: RUnlock of unlocked RWMutex");
        assertThatThrownBy(rw::unlock)
                .isInstanceOf(SyncFatalError.class)
                .hasMessage("fatal error: sync: Unlock of unlocked RWMutex");
        rw.rLock();
        assertThatThrownBy(rw::unlock).hasMessage("fatal error: sync: Unlock of unlocked RWMutex");
        rw.rUnlock();
        rw.lock();
        assertThatThrownBy(rw::rUnlock).hasMessage("fatal error: sync: RUnlock of unlocked RWMutex");
        rw.unlock();
        assertThat(rw.tryLock()).isTrue();
        rw.unlock();
    }

    @Test
    @DisplayName("SY06: not owned: a writer's lock may be released by another goroutine")
    void sy06NotOwned() throws Exception {
        RWMutex rw = new RWMutex();
        rw.lock();
        go(rw::unlock).join();
        rw.rLock();
        go(rw::rUnlock).join();
        assertThat(rw.tryLock()).isTrue();
        rw.unlock();
    }

    @Test
    @DisplayName("SY09: writers see each other's writes; readers see a consistent snapshot")
    void sy09HappensBefore() throws Exception {
        RWMutex rw = new RWMutex();
        long[] xy = {0, 0};
        AtomicInteger torn = new AtomicInteger();
        SyncTesting.Task[] ts = new SyncTesting.Task[6];
        for (int i = 0; i < ts.length; i++) {
            boolean writer = i % 3 == 0;
            ts[i] = go(() -> {
                for (int r = 0; r < 2_000; r++) {
                    if (writer) {
                        rw.lock();
                        xy[0]++;
                        xy[1]++;
                        rw.unlock();
                    } else {
                        rw.rLock();
                        if (xy[0] != xy[1]) {
                            torn.incrementAndGet();
                        }
                        rw.rUnlock();
                    }
                }
            });
        }
        for (SyncTesting.Task t : ts) {
            t.join();
        }
        assertThat(torn).hasValue(0);
        assertThat(xy[0]).isEqualTo(2 * 2_000);
    }

    @Test
    @DisplayName("Lock views: readLock()/writeLock()/rLocker() plug into java.util.concurrent code")
    void views() throws Exception {
        RWMutex rw = new RWMutex();
        Lock r = rw.readLock();
        Lock w = rw.writeLock();
        assertThat(rw.rLocker()).isSameAs(r);
        assertThat(r).isInstanceOf(Locker.class);
        r.lock();
        assertThat(r.tryLock()).isTrue();
        assertThat(w.tryLock()).isFalse();
        assertThat(w.tryLock(1, TimeUnit.MILLISECONDS)).isFalse();
        r.unlock();
        r.unlock();
        w.lockInterruptibly();
        assertThat(r.tryLock(1, TimeUnit.MILLISECONDS)).isFalse();
        w.unlock();
        assertThatThrownBy(r::newCondition).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(w::newCondition).isInstanceOf(UnsupportedOperationException.class);
        assertThat(rw.toString()).isEqualTo("RWMutex[readers=0]");
    }

    @Test
    @DisplayName("a pending writer that times out lets the readers queued behind it in")
    void abandonedWriterReleasesReaders() throws Exception {
        RWMutex rw = new RWMutex();
        rw.rLock();
        AtomicBoolean got = new AtomicBoolean(true);
        SyncTesting.Task writer = go(() -> got.set(rw.writeLock().tryLock(200, TimeUnit.MILLISECONDS)));
        writer.awaitBlocked(WaitReason.RWMUTEX_LOCK);
        SyncTesting.Task reader = go(() -> {
            rw.rLock();
            rw.rUnlock();
        });
        writer.join();
        reader.join(); // would hang if the abandoned writer forgot the queued reader
        assertThat(got).isFalse();
        rw.rUnlock();
        assertThat(rw.toString()).isEqualTo("RWMutex[readers=0]");
        assertThat(rw.tryLock()).isTrue();
        rw.unlock();
    }

    @Test
    @DisplayName("interrupting a pending writer (lockInterruptibly) withdraws it; interrupting a queued reader too")
    void interruptibleViews() throws Exception {
        RWMutex rw = new RWMutex();
        rw.rLock();
        AtomicBoolean writerThrew = new AtomicBoolean();
        SyncTesting.Task writer = go(() -> {
            try {
                rw.writeLock().lockInterruptibly();
            } catch (InterruptedException e) {
                writerThrew.set(true);
            }
        });
        writer.awaitBlocked(WaitReason.RWMUTEX_LOCK);
        AtomicBoolean readerThrew = new AtomicBoolean();
        SyncTesting.Task reader = go(() -> {
            try {
                rw.readLock().lockInterruptibly();
            } catch (InterruptedException e) {
                readerThrew.set(true);
            }
        });
        reader.awaitBlocked(WaitReason.RWMUTEX_RLOCK);
        reader.thread.interrupt();
        reader.join();
        assertThat(readerThrew).isTrue();
        writer.thread.interrupt();
        writer.join();
        assertThat(writerThrew).isTrue();
        assertThat(rw.toString()).isEqualTo("RWMutex[readers=1]");
        rw.rUnlock();
        assertThat(rw.tryLock()).isTrue();
        rw.unlock();
    }

    @Test
    @DisplayName("SY11: a timed RLock granted by Unlock is counted before it can return (no RUnlock underflow)")
    void timedReaderGrantedByUnlockIsCountedFirst() throws Exception {
        // Regression: Unlock used to claim the queued readers' nodes first and add them to the reader
        // count after; a timed reader whose timer fired in between saw its claim, returned, and its
        // RUnlock failed with "RUnlock of unlocked RWMutex" (the late count then blocked writers forever).
        // Shape: many readers queue with timed RLocks behind a held write lock and their timers fire
        // around the Unlock, while it walks the queue.
        RWMutex rw = new RWMutex();
        Lock r = rw.readLock();
        for (int round = 0; round < 1_500; round++) {
            rw.lock();
            List<SyncTesting.Task> ts = new ArrayList<>();
            for (int g = 0; g < 32; g++) {
                long timeout = 20_000 + 2_000L * g;
                ts.add(go(() -> {
                    if (r.tryLock(timeout, TimeUnit.NANOSECONDS)) {
                        rw.rUnlock(); // threw SyncFatalError before the fix
                    }
                }));
            }
            long until = System.nanoTime() + 50_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // hold the write lock while the readers queue and time out
            }
            rw.unlock();
            for (SyncTesting.Task t : ts) {
                t.join();
            }
            assertThat(rw.toString()).as("round %d", round).isEqualTo("RWMutex[readers=0]");
        }
        assertThat(rw.toString()).isEqualTo("RWMutex[readers=0]");
    }
}
