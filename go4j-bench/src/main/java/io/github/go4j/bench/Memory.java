package io.github.go4j.bench;

import io.github.go4j.Go;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.IntFunction;
import kotlinx.coroutines.channels.BufferOverflow;
import kotlinx.coroutines.channels.ChannelKt;
import org.openjdk.jol.info.GraphLayout;

/**
 * Memory footprint, printed as "key value" lines (bench/run stores them in bench/results/raw/memory.txt).
 * <ul>
 *   <li>idle.IMPL.CAP: bytes one more freshly made, idle channel costs (JOL GraphLayout: the object graph
 *       reachable from two channels minus that of one: the channel, its buffer, queues, segments, not the
 *       constants all channels share).
 *   <li>parked.IMPL: heap bytes per virtual thread blocked in a receive on its own empty unbuffered
 *       channel, from the heap delta (after full GCs) of N such threads; parked.vt is the baseline of a plain
 *       virtual thread blocked in LockSupport.park, so parked.IMPL - parked.vt is what the channel wait adds
 *       (waiter node, goroutine record, deeper frozen stack). Every thread's body is a lambda of one capture,
 *       its variant's own (see main).
 * </ul>
 * Each parked figure is the median of five rounds after three warm-up rounds. Run with -XX:+UseSerialGC so
 * that used heap after System.gc() is exact.
 */
public final class Memory {
    private static final int N = 20_000;

    private Memory() {}

    public static void main(String[] args) throws Exception {
        List<String> out = new ArrayList<>();
        for (int cap : new int[] {0, 16}) {
            int c = cap;
            idle(out, "go4j", cap, () -> io.github.go4j.chan.Channel.make(c));
            idle(out, "jox", cap, () -> c == 0
                    ? com.softwaremill.jox.Channel.newRendezvousChannel()
                    : com.softwaremill.jox.Channel.newBufferedChannel(c));
            idle(out, "kotlinx", cap, () -> ChannelKt.Channel(c, BufferOverflow.SUSPEND, null));
            idle(out, cap == 0 ? "SynchronousQueue" : "ArrayBlockingQueue", cap,
                    () -> c == 0 ? new SynchronousQueue<>() : new java.util.concurrent.ArrayBlockingQueue<>(c));
        }
        // Warm up three rounds (class loading, and the JIT: a frozen interpreted frame is several times
        // bigger than a compiled one, so the first rounds' stacks are not the steady state), then
        // measure every variant five times and print the median.
        for (int round = 0; round < 8; round++) {
            boolean record = round >= 3;
            // Each variant starts its threads with a lambda of its own, written here, that captures its one
            // resource: one 16-byte object per thread for all of them, and a call site that only this
            // variant's code goes through, so that the JIT compiles each body as a program would (a body
            // shared by all variants sees them all, inlines none, and freezes a deeper stack).
            parked(out, record, "vt", i -> new Object(), o -> Thread.ofVirtual().start(() -> {
                while (!released) {
                    LockSupport.park(o);
                }
            }), ignored -> {});
            parked(out, record, "go4jGoPark", i -> new Object(), o -> Go.go(() -> {
                while (!released) {
                    LockSupport.park(o);
                }
            }), ignored -> {});
            parked(out, record, "go4j", i -> io.github.go4j.chan.Channel.make(0),
                    c -> Go.go(() -> ((io.github.go4j.chan.Channel<?>) c).receive()),
                    c -> ((io.github.go4j.chan.Channel<?>) c).close());
            parked(out, record, "jox", i -> com.softwaremill.jox.Channel.newRendezvousChannel(),
                    c -> Thread.ofVirtual().start(() -> {
                        try {
                            ((com.softwaremill.jox.Channel<?>) c).receiveOrClosed();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }),
                    c -> ((com.softwaremill.jox.Channel<?>) c).done());
            parked(out, record, "kotlinx", i -> ChannelKt.Channel(0, BufferOverflow.SUSPEND, null),
                    c -> Thread.ofVirtual().start(() -> {
                        try {
                            new BenchChannel.Kotlinx(kotlinx(c)).receive();
                        } catch (kotlinx.coroutines.channels.ClosedReceiveChannelException expected) {
                            // released by close
                        }
                    }),
                    c -> ((kotlinx.coroutines.channels.Channel<?>) c).close(null));
            parked(out, record, "SynchronousQueue", i -> new SynchronousQueue<Object>(),
                    c -> Thread.ofVirtual().start(() -> {
                        try {
                            ((SynchronousQueue<?>) c).take();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }),
                    c -> unchecked(c).offer(BenchChannel.MSG));
        }
        parkedSamples.forEach((k, v) -> {
            java.util.Collections.sort(v);
            out.add("parked." + k + " " + String.format(Locale.ROOT, "%.1f", v.get(v.size() / 2)));
        });
        out.forEach(System.out::println);
    }

    @SuppressWarnings("unchecked")
    private static kotlinx.coroutines.channels.Channel<Object> kotlinx(Object c) {
        return (kotlinx.coroutines.channels.Channel<Object>) c;
    }

    @SuppressWarnings("unchecked")
    private static SynchronousQueue<Object> unchecked(Object c) {
        return (SynchronousQueue<Object>) c;
    }

    /**
     * The bytes one more channel costs: the graph of two channels minus the graph of one, so that objects
     * every channel shares (an empty-buffer constant, marker symbols) are not charged to each channel.
     */
    private static void idle(List<String> out, String impl, int cap, java.util.function.Supplier<Object> make) {
        Object a = make.get();
        Object b = make.get();
        GraphLayout one = GraphLayout.parseInstance(a);
        GraphLayout two = GraphLayout.parseInstance(a, b);
        out.add("idle." + impl + "." + cap + " " + (two.totalSize() - one.totalSize()));
        System.err.println("idle " + impl + " cap " + cap + " (graph of one channel, shared objects included):\n"
                + one.toFootprint());
    }

    interface Release {
        void run(Object resource) throws Exception;
    }

    private static volatile boolean released;
    private static final java.util.Map<String, List<Double>> parkedSamples = new java.util.LinkedHashMap<>();

    private static void parked(List<String> out, boolean record, String key, IntFunction<Object> make,
            Function<Object, Thread> start, Release release) throws Exception {
        Object[] resources = new Object[N];
        for (int i = 0; i < N; i++) {
            resources[i] = make.apply(i);
        }
        Thread[] threads = new Thread[N];
        released = false;
        long before = usedHeap();
        for (int i = 0; i < N; i++) {
            threads[i] = start.apply(resources[i]);
        }
        for (Thread t : threads) {
            while (t.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
        }
        long after = usedHeap();
        released = true;
        for (int i = 0; i < N; i++) {
            release.run(resources[i]);
            LockSupport.unpark(threads[i]);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (record) {
            parkedSamples.computeIfAbsent(key, k -> new ArrayList<>()).add((after - before) / (double) N);
        }
    }

    private static long usedHeap() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
