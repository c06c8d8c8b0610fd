package io.github.go4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * About what a rendezvous between virtual threads costs on this machine with no channel around it: a
 * few lines that hand one message from a sender to a receiver and let the sender go on only once the
 * receiver has it. Not a channel (no close, no select, no FIFO among waiters, one sender and one receiver
 * per hand-off), so Report shows these as floors, not as peers.
 * <ul>
 *   <li>floorPingpong_spin: pingpong's shape (1 sender, 1 receiver) through one {@code volatile} field,
 *       both sides spinning with {@link Thread#onSpinWait()}, never parking: the cost of moving the
 *       field's cache line between two cores and back, the least a rendezvous on two carriers can cost.
 *   <li>floorPingpong_node: pingpong's shape, spinning, through a slot that holds a fresh wait node per
 *       wait ({@link NodeSlot}): what a channel's hand-off costs once it must know who waits, before any
 *       of its other work (the node and the slot are two more cache lines to move per message).
 *   <li>floorPingpong_park: the same as spin, but whoever comes first parks ({@link LockSupport#park}) and its
 *       partner hands over and unparks it, as a channel does: the virtual-thread scheduler's part of a
 *       rendezvous that does not spin.
 *   <li>floorPairs_park: pairs_0's shape (10,000 pairs, 200 messages each) with the parking hand-off:
 *       the least a rendezvous costs when thousands of goroutines share two carriers, where spinning
 *       cannot help (the partner is queued, not running).
 *   <li>floorPairs_yield16, floorPairs_yield100: pairs_16's and pairs_100's shape with no messages, each
 *       thread only giving up its carrier ({@link Thread#yield()}) as often as a full or empty buffer of
 *       that capacity makes it: what the batches cost the scheduler before any channel code runs.
 *   <li>floorChain_park: chain's shape (1000 forwarders, 100 messages) with the parking hand-off.
 * </ul>
 * ns per message.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FloorBench {
    static final int N = RendezvousBench.N;
    static final int PAIRS = PairsBench.PAIRS;
    static final int PER_PAIR = PairsBench.PER_PAIR;

    /**
     * One sender, one receiver. Spinning: {@link #item} is null (empty) or the message not yet taken.
     * Parking: {@link #state} says who waits; {@link #item} holds a waiting sender's message and
     * {@link #delivered} the message handed to a waiting receiver.
     */
    static final class Handoff {
        volatile Object item;
        volatile Thread sender;
        volatile Thread receiver;

        void sendSpinning(Object m) {
            item = m;
            while (item != null) {
                Thread.onSpinWait();
            }
        }

        Object receiveSpinning() {
            Object m;
            while ((m = item) == null) {
                Thread.onSpinWait();
            }
            item = null;
            return m;
        }

        // The parking hand-off, shaped like a channel's: whoever comes first waits, and a send that finds
        // the receiver waiting hands the message to it directly and goes on, so each message costs at most
        // one park and one unpark. One sender and one receiver: the only race is the two CASes from EMPTY.

        static final int EMPTY = 0;
        static final int RECEIVER_WAITS = 1;
        static final int SENDER_WAITS = 2;
        final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();
        /** The message handed to the waiting receiver. */
        volatile Object delivered;

        void sendParking(Object m) {
            for (;;) {
                int s = state.get();
                if (s == RECEIVER_WAITS) {
                    delivered = m;
                    state.set(EMPTY);
                    LockSupport.unpark(receiver);
                    return;
                }
                item = m;
                if (state.compareAndSet(EMPTY, SENDER_WAITS)) {
                    while (state.get() == SENDER_WAITS) {
                        LockSupport.park(this);
                    }
                    return;
                }
            }
        }

        Object receiveParking() {
            for (;;) {
                int s = state.get();
                if (s == SENDER_WAITS) {
                    Object m = item;
                    state.set(EMPTY);
                    LockSupport.unpark(sender);
                    return m;
                }
                if (state.compareAndSet(EMPTY, RECEIVER_WAITS)) {
                    Object m;
                    while ((m = delivered) == null) {
                        LockSupport.park(this);
                    }
                    delivered = null;
                    return m;
                }
            }
        }
    }

    /**
     * A rendezvous through a slot that holds a wait node, as a channel needs once it must know who waits
     * (to close, to select, to time out, to park): whoever comes first puts a fresh node in the slot and
     * spins on it; its partner takes the node out with a CAS and completes it. ADR 0051's slot with none of
     * the rest: no lock, close, select, timeout, parking or goroutine records.
     */
    static final class NodeSlot {
        static final class Node {
            final boolean sender;
            Object item;
            volatile boolean done;

            Node(boolean sender, Object item) {
                this.sender = sender;
                this.item = item;
            }
        }

        final java.util.concurrent.atomic.AtomicReference<Node> slot = new java.util.concurrent.atomic.AtomicReference<>();

        void send(Object m) {
            Node mine = null;
            for (;;) {
                Node n = slot.get();
                if (n == null) {
                    if (mine == null) {
                        mine = new Node(true, m);
                    }
                    if (slot.compareAndSet(null, mine)) {
                        while (!mine.done) {
                            Thread.onSpinWait();
                        }
                        return;
                    }
                } else if (!n.sender && slot.compareAndSet(n, null)) {
                    n.item = m;
                    n.done = true;
                    return;
                } else {
                    Thread.onSpinWait();
                }
            }
        }

        Object receive() {
            Node mine = null;
            for (;;) {
                Node n = slot.get();
                if (n == null) {
                    if (mine == null) {
                        mine = new Node(false, null);
                    }
                    if (slot.compareAndSet(null, mine)) {
                        while (!mine.done) {
                            Thread.onSpinWait();
                        }
                        return mine.item;
                    }
                } else if (n.sender && slot.compareAndSet(n, null)) {
                    Object m = n.item;
                    n.done = true;
                    return m;
                } else {
                    Thread.onSpinWait();
                }
            }
        }
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void floorPingpong_spin() throws InterruptedException {
        Handoff h = new Handoff();
        joinAll(List.of(
                Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < N; i++) {
                        h.sendSpinning(BenchChannel.MSG);
                    }
                }),
                Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < N; i++) {
                        h.receiveSpinning();
                    }
                })));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void floorPingpong_node() throws InterruptedException {
        NodeSlot h = new NodeSlot();
        joinAll(List.of(
                Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < N; i++) {
                        h.send(BenchChannel.MSG);
                    }
                }),
                Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < N; i++) {
                        h.receive();
                    }
                })));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void floorPingpong_park() throws InterruptedException {
        joinAll(parkingPair(new Handoff(), N));
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS * PER_PAIR)
    public void floorPairs_park() throws InterruptedException {
        List<Thread> threads = new ArrayList<>(2 * PAIRS);
        for (int p = 0; p < PAIRS; p++) {
            threads.addAll(parkingPair(new Handoff(), PER_PAIR));
        }
        joinAll(threads);
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS * PER_PAIR)
    public void floorPairs_yield16() throws InterruptedException {
        yieldingPairs(16);
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS * PER_PAIR)
    public void floorPairs_yield100() throws InterruptedException {
        yieldingPairs(100);
    }

    /**
     * pairs' shape with a buffer of {@code cap} and no messages at all: each pair's two threads give up
     * their carrier as often as a buffer of {@code cap} makes them when thousands of goroutines share two
     * carriers (the partner is queued, not running): the receiver, started first, each time it finds the
     * buffer empty, the first time included ({@code ceil(PER_PAIR / cap)} times), the sender each time it
     * fills it but the last (once less): 25 per pair with 16, 3 with 100, as many as go4j's buffered
     * channels yield in pairs (counted, session 11). A yield is the cheapest way to give up the carrier: a
     * park costs more, since somebody must unpark it (with {@code -Dgo4j.ring.yields=0} go4j parks there
     * instead and reads ~10% slower).
     */
    private static void yieldingPairs(int cap) throws InterruptedException {
        int receiver = (PER_PAIR + cap - 1) / cap;
        int sender = receiver - 1;
        List<Thread> threads = new ArrayList<>(2 * PAIRS);
        for (int p = 0; p < PAIRS; p++) {
            threads.add(Thread.ofVirtual().start(() -> yieldTimes(receiver)));
            threads.add(Thread.ofVirtual().start(() -> yieldTimes(sender)));
        }
        joinAll(threads);
    }

    private static void yieldTimes(int n) {
        for (int i = 0; i < n; i++) {
            Thread.yield();
        }
    }

    @Benchmark
    @OperationsPerInvocation(ChainBench.HOPS * ChainBench.MESSAGES)
    public void floorChain_park() throws InterruptedException {
        // chain's shape: HOPS forwarders between HOPS + 1 hand-offs; started per invocation here (1000 thread
        // starts per 100,000 hops, a few ns per hop), where ChainBench starts its chain once per iteration.
        int hops = ChainBench.HOPS;
        int messages = ChainBench.MESSAGES;
        Handoff[] links = new Handoff[hops + 1];
        for (int i = 0; i <= hops; i++) {
            links[i] = new Handoff();
        }
        List<Thread> threads = new ArrayList<>(hops + 2);
        threads.add(Thread.ofVirtual().unstarted(() -> {
            for (int m = 0; m < messages; m++) {
                links[0].sendParking(BenchChannel.MSG);
            }
        }));
        for (int i = 0; i < hops; i++) {
            Handoff from = links[i];
            Handoff to = links[i + 1];
            threads.add(Thread.ofVirtual().unstarted(() -> {
                for (int m = 0; m < messages; m++) {
                    to.sendParking(from.receiveParking());
                }
            }));
        }
        threads.add(Thread.ofVirtual().unstarted(() -> {
            for (int m = 0; m < messages; m++) {
                links[hops].receiveParking();
            }
        }));
        for (int i = 0; i <= hops; i++) {
            links[i].sender = threads.get(i);
            links[i].receiver = threads.get(i + 1);
        }
        threads.forEach(Thread::start);
        joinAll(threads);
    }

    /** Starts a receiver and a sender of {@code n} messages through {@code h}, each parking to wait. */
    private static List<Thread> parkingPair(Handoff h, int n) {
        Thread r = Thread.ofVirtual().unstarted(() -> {
            for (int i = 0; i < n; i++) {
                h.receiveParking();
            }
        });
        Thread s = Thread.ofVirtual().unstarted(() -> {
            for (int i = 0; i < n; i++) {
                h.sendParking(BenchChannel.MSG);
            }
        });
        h.receiver = r;
        h.sender = s;
        r.start();
        s.start();
        return List.of(r, s);
    }
}
