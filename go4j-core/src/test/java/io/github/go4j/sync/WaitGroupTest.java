package io.github.go4j.sync;

import static io.github.go4j.sync.SyncTesting.go;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.internal.WaitReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** WaitGroup: spec section 3, SY01-SY05; section 10 items 19 and 20. */
class WaitGroupTest {

    /** Go's testWaitGroup: a two-WaitGroup barrier; nobody gets past wg2.Wait early. */
    private static void testWaitGroup(WaitGroup wg1, WaitGroup wg2) throws Exception {
        int n = 16;
        wg1.add(n);
        wg2.add(n);
        BlockingQueue<Boolean> exited = new ArrayBlockingQueue<>(n);
        for (int i = 0; i != n; i++) {
            Go.go(() -> {
                wg1.done();
                wg2.await();
                exited.add(true);
            });
        }
        wg1.await();
        for (int i = 0; i != n; i++) {
            assertThat(exited.poll()).as("WaitGroup released group too soon").isNull();
            wg2.done();
        }
        for (int i = 0; i != n; i++) {
            assertThat(exited.poll(30, TimeUnit.SECONDS)).as("barrier failed to unlock someone").isTrue();
        }
    }

    @Test
    @DisplayName("SY02, SY03 (section 10 #19): TestWaitGroup: 16 goroutines, two WaitGroups, reused 8 times")
    void testWaitGroup() throws Exception {
        WaitGroup wg1 = new WaitGroup();
        WaitGroup wg2 = new WaitGroup();
        for (int i = 0; i != 8; i++) {
            testWaitGroup(wg1, wg2);
        }
    }

    @Test
    @DisplayName("SY01 (section 10 #20): TestWaitGroupMisuse: Add(1); Done(); Done() -> negative counter")
    void testWaitGroupMisuse() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        wg.done();
        assertThatThrownBy(wg::done)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("sync: negative WaitGroup counter");
        // The counter is left at zero: the group is still usable.
        wg.await();
        assertThatThrownBy(() -> wg.add(-5)).hasMessage("sync: negative WaitGroup counter");
        wg.add(2);
        wg.add(-2);
        assertThat(wg.await(Duration.ZERO)).isTrue();
    }

    @Test
    @DisplayName("SY02: await on a zero counter returns at once")
    void sy02ZeroReturnsAtOnce() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.await();
        assertThat(wg.await(Duration.ZERO)).isTrue();
        assertThat(wg.toString()).isEqualTo("WaitGroup[counter=0, waiters=0]");
    }

    @Test
    @DisplayName("SY02: all concurrent waiters are released when the counter reaches zero; wait reason sync.WaitGroup.Wait")
    void sy02AllWaitersReleased() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(2);
        List<SyncTesting.Task> waiters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiters.add(go(wg::await));
        }
        for (SyncTesting.Task t : waiters) {
            t.awaitBlocked(WaitReason.WAITGROUP_WAIT);
        }
        assertThat(wg.toString()).isEqualTo("WaitGroup[counter=2, waiters=5]");
        wg.done();
        for (SyncTesting.Task t : waiters) {
            assertThat(SyncTesting.waitReasonOf(t.thread)).isEqualTo(WaitReason.WAITGROUP_WAIT);
        }
        wg.done();
        for (SyncTesting.Task t : waiters) {
            t.join();
        }
        assertThat(wg.toString()).isEqualTo("WaitGroup[counter=0, waiters=0]");
    }

    @Test
    @DisplayName("SY04: done() happens-before the return of the await it unblocks (plain fields)")
    void sy04HappensBefore() throws Exception {
        for (int round = 0; round < 200; round++) {
            WaitGroup wg = new WaitGroup();
            int n = 4;
            int[] slots = new int[n];
            wg.add(n);
            for (int i = 0; i < n; i++) {
                int k = i;
                Go.go(() -> {
                    slots[k] = k + 1; // plain write
                    wg.done();
                });
            }
            wg.await();
            for (int i = 0; i < n; i++) {
                assertThat(slots[i]).isEqualTo(i + 1);
            }
        }
    }

    @Test
    @DisplayName("SY05: go(task) = add(1), goroutine, done when it returns; tasks may call go themselves")
    void sy05Go() throws Exception {
        WaitGroup wg = new WaitGroup();
        AtomicInteger ran = new AtomicInteger();
        int[] plain = {0};
        for (int i = 0; i < 10; i++) {
            wg.go(() -> {
                ran.incrementAndGet();
                wg.go(() -> {
                    plain[0] = 1; // return of f is synchronized before Wait returns
                    ran.incrementAndGet();
                });
            });
        }
        wg.await();
        assertThat(ran).hasValue(20);
        assertThat(plain[0]).isEqualTo(1);
        assertThatThrownBy(() -> wg.go(null)).isInstanceOf(NullPointerException.class);
        assertThat(wg.await(Duration.ZERO)).isTrue(); // the null task left the counter alone
    }

    @Test
    @DisplayName("SY05 (go.dev/issue/76126): a panicking task is reported before await can return")
    void sy05PanicReportedBeforeAwaitReturns() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch mayReturn = new CountDownLatch(1);
        AtomicReference<String> report = new AtomicReference<>();
        Go.setPanicHandler((panic, text) -> {
            report.set(text);
            inHandler.countDown();
            try {
                mayReturn.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            WaitGroup wg = new WaitGroup();
            wg.go(() -> {
                throw new IllegalStateException("boom");
            });
            AtomicBoolean awaitReturned = new AtomicBoolean();
            SyncTesting.Task waiter = go(() -> {
                wg.await();
                awaitReturned.set(true);
            });
            assertThat(inHandler.await(30, TimeUnit.SECONDS)).isTrue();
            waiter.awaitBlocked(WaitReason.WAITGROUP_WAIT);
            assertThat(awaitReturned).as("await returned while the panic was being reported").isFalse();
            mayReturn.countDown();
            waiter.join();
            assertThat(awaitReturned).isTrue();
            assertThat(report.get()).startsWith("panic: java.lang.IllegalStateException: boom");
        } finally {
            mayReturn.countDown();
            Go.setPanicHandler(null);
        }
    }

    @Test
    @DisplayName("await(Duration): false on timeout, leaving no waiter behind; true once the counter is zero")
    void timedAwait() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        assertThat(wg.await(Duration.ofMillis(10))).isFalse();
        assertThat(wg.await(Duration.ZERO)).isFalse();
        assertThat(wg.toString()).isEqualTo("WaitGroup[counter=1, waiters=0]");
        AtomicBoolean got = new AtomicBoolean();
        SyncTesting.Task t = go(() -> got.set(wg.await(Duration.ofSeconds(30))));
        t.awaitBlocked(WaitReason.WAITGROUP_WAIT);
        wg.done();
        t.join();
        assertThat(got).isTrue();
    }

    @Test
    @DisplayName("await() is interruptible: InterruptedException, and the group forgets the waiter")
    void awaitInterrupted() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        AtomicBoolean threw = new AtomicBoolean();
        SyncTesting.Task t = go(() -> {
            try {
                wg.await();
            } catch (InterruptedException e) {
                threw.set(true);
            }
        });
        t.awaitBlocked(WaitReason.WAITGROUP_WAIT);
        t.thread.interrupt();
        t.join();
        assertThat(threw).isTrue();
        assertThat(wg.toString()).isEqualTo("WaitGroup[counter=1, waiters=0]");
        wg.done();
        // The next round works normally.
        wg.add(1);
        SyncTesting.Task t2 = go(wg::await);
        t2.awaitBlocked(WaitReason.WAITGROUP_WAIT);
        wg.done();
        t2.join();
    }

    @Test
    @DisplayName("SY03: after a release, every earlier await returns and the group starts a fresh round")
    void sy03Reuse() throws Exception {
        WaitGroup wg = new WaitGroup();
        for (int round = 0; round < 20; round++) {
            wg.add(3);
            SyncTesting.Task a = go(wg::await);
            SyncTesting.Task b = go(wg::await);
            wg.done();
            wg.done();
            wg.done();
            a.join();
            b.join();
        }
        assertThat(wg.toString()).isEqualTo("WaitGroup[counter=0, waiters=0]");
    }
}
