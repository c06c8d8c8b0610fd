package io.github.go4j.chan;

import static io.github.go4j.chan.ChanTesting.awaitParked;
import static io.github.go4j.chan.ChanTesting.join;
import static io.github.go4j.chan.ChanTesting.within;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.internal.Bubble;
import io.github.go4j.internal.Clock;
import io.github.go4j.internal.G;
import io.github.go4j.internal.Panics;
import io.github.go4j.internal.WaitReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The channel lock when its holder is unmounted inside the critical section: a waker runs the woken
 * goroutine's bubble hook ({@link Bubble#readied}) while holding the channel lock, and a hook may block
 * (go4j-test's bubble takes a {@code ReentrantLock} there). Waiters must then park, not yield forever,
 * and every one of them must be woken when the holder unlocks (no lost wake-up; docs/adr/0002).
 */
class ChanLockTest {

    /** A bubble whose {@code readied} hook runs {@link #onReadied}; the other hooks do nothing. */
    private static final class HookBubble implements Bubble {
        volatile Runnable onReadied = () -> {};

        @Override
        public Clock clock() {
            return Clock.system();
        }

        @Override
        public void started(G g) {}

        @Override
        public void exited(G g) {}

        @Override
        public void blocked(G g, WaitReason reason) {}

        @Override
        public void readied(G g) {
            onReadied.run();
        }
    }

    @Test
    @DisplayName("CH11: waiters for a lock whose holder is parked in a readied hook park, and all proceed after it")
    void waitersParkWhileHolderIsParked() throws Exception {
        Channel<Integer> ch = Channel.make(0);
        HookBubble bubble = new HookBubble();
        CountDownLatch inHook = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        bubble.onReadied = () -> {
            inHook.countDown();
            try {
                release.await(); // parks the waker while it holds ch's lock
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        };
        AtomicReference<Integer> got = new AtomicReference<>();
        // A two-channel select waits in ch's queue, so the sender must take the lock to reach it (a
        // plain receive would wait in the channel's slot, where a sender meets it without the lock).
        Channel<Integer> never = Channel.make(0);
        Thread receiver = Panics.start(() -> Select.select(ch.onReceive(got::set), never.onReceive(x -> {})),
                null, bubble);
        awaitParked(receiver);
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                ch.send(1); // hands 1 to the receiver under the lock, and blocks in its hook
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        within(() -> inHook.await());
        // More lock waiters than carriers: with yield-only waiting they would stay RUNNABLE for good.
        int n = 2 * Runtime.getRuntime().availableProcessors() + 2;
        List<Thread> waiters = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        Channel<Integer> other = Channel.make(0);
        for (int i = 0; i < n; i++) {
            waiters.add(Thread.ofVirtual().start(() -> {
                // A select over two channels with a default locks both (a trySend, a tryReceive or len
                // would answer without the lock)
                String r;
                try {
                    r = Select.select(ch.onReceive(x -> "ch"), other.onReceive(x -> "other"),
                            Select.otherwise(() -> "default"));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                assertThat(r).isEqualTo("default");
                done.incrementAndGet();
            }));
        }
        for (Thread w : waiters) {
            awaitParked(w); // parked in the lock's slow path, not yielding
        }
        assertThat(done).hasValue(0);
        release.countDown();
        join(sender);
        for (Thread w : waiters) {
            join(w);
        }
        join(receiver);
        assertThat(done).hasValue(n);
        assertThat(got).hasValue(1);
    }

    @Test
    @Tag("slow")
    @DisplayName("CH11, CH14: no value lost or duplicated while lock holders park in a contended readied hook")
    void stressWithParkingHolders() {
        HookBubble bubble = new HookBubble();
        ReentrantLock hookLock = new ReentrantLock();
        bubble.onReadied = () -> {
            hookLock.lock(); // contended between wakers: they park holding a channel lock
            try {
                Thread.yield();
            } finally {
                hookLock.unlock();
            }
        };
        for (int capacity : new int[] {0, 1, 8}) {
            Channel<Integer> ch = Channel.make(capacity);
            int producers = 4;
            int perProducer = 1500;
            AtomicLong sum = new AtomicLong();
            AtomicLong count = new AtomicLong();
            within(() -> {
                List<Thread> threads = new ArrayList<>();
                for (int p = 0; p < producers; p++) {
                    threads.add(Thread.ofVirtual().start(() -> {
                        try {
                            for (int i = 1; i <= perProducer; i++) {
                                ch.send(i);
                                if ((i & 7) == 0) {
                                    ch.len(); // one more lock taker
                                }
                            }
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        }
                    }));
                }
                List<Thread> consumers = new ArrayList<>();
                for (int c = 0; c < 3; c++) {
                    consumers.add(Panics.start(() -> {
                        for (Integer v : ch) {
                            sum.addAndGet(v);
                            count.incrementAndGet();
                        }
                    }, null, bubble));
                }
                for (Thread t : threads) {
                    t.join();
                }
                ch.close();
                for (Thread t : consumers) {
                    t.join();
                }
            });
            assertThat(count).as("cap %d", capacity).hasValue((long) producers * perProducer);
            assertThat(sum).as("cap %d", capacity).hasValue((long) producers * perProducer * (perProducer + 1) / 2);
        }
    }
}
