package io.github.go4j.bench;

import io.github.go4j.Go;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import kotlinx.coroutines.channels.BufferOverflow;
import kotlinx.coroutines.channels.ChannelKt;
import org.openjdk.jol.info.GraphLayout;

/**
 * Memory footprint, printed as "key value" lines (bench/run stores them in bench/results/raw/memory.txt).
 * <ul>
 *   <li>idle.IMPL.CAP: bytes retained by a freshly made, idle channel (JOL GraphLayout: the object graph
 *       reachable from the channel: the channel, its buffer, queues, segments).
 *   <li>parked.IMPL: heap bytes per virtual thread blocked in a receive on its own empty unbuffered
 *       channel, from the heap delta (after full GCs) of N such threads; parked.vt is the baseline of a plain
 *       virtual thread blocked in LockSupport.park, so parked.IMPL - parked.vt is what the channel wait adds
 *       (waiter node, goroutine record, deeper frozen stack).
 * </ul>
 * Run with -XX:+UseSerialGC so that used heap after System.gc() is exact.
 */
public final class Memory {
    private static final int N = 20_000;

    private Memory() {}

    public static void main(String[] args) throws Exception {
        List<String> out = new ArrayList<>();
        for (int cap : new int[] {0, 16}) {
            idle(out, "go4j", cap, io.github.go4j.chan.Channel.make(cap));
            idle(out, "jox", cap, cap == 0
                    ? com.softwaremill.jox.Channel.newRendezvousChannel()
                    : com.softwaremill.jox.Channel.newBufferedChannel(cap));
            idle(out, "kotlinx", cap, ChannelKt.Channel(cap, BufferOverflow.SUSPEND, null));
            idle(out, cap == 0 ? "SynchronousQueue" : "ArrayBlockingQueue", cap,
                    cap == 0 ? new SynchronousQueue<>() : new java.util.concurrent.ArrayBlockingQueue<>(cap));
        }
        // Warm up thread creation and class loading once, then measure every variant twice and keep the lower.
        for (int round = 0; round < 2; round++) {
            boolean record = round == 1;
            parked(out, record, "vt", i -> null, (Object ignored) -> {
                while (!released) {
                    LockSupport.park();
                }
            }, false, ignored -> {});
            parked(out, record, "go4jGoPark", i -> null, (Object ignored) -> {
                while (!released) {
                    LockSupport.park();
                }
            }, true, ignored -> {});
            parked(out, record, "go4j", i -> io.github.go4j.chan.Channel.make(0),
                    (Object c) -> ((io.github.go4j.chan.Channel<?>) c).receive(), true,
                    c -> ((io.github.go4j.chan.Channel<?>) c).close());
            parked(out, record, "jox", i -> com.softwaremill.jox.Channel.newRendezvousChannel(),
                    (Object c) -> ((com.softwaremill.jox.Channel<?>) c).receiveOrClosed(), false,
                    c -> ((com.softwaremill.jox.Channel<?>) c).done());
            parked(out, record, "kotlinx", i -> ChannelKt.Channel(0, BufferOverflow.SUSPEND, null),
                    (Object c) -> {
                        try {
                            new BenchChannel.Kotlinx((kotlinx.coroutines.channels.Channel<Object>) c).receive();
                        } catch (kotlinx.coroutines.channels.ClosedReceiveChannelException expected) {
                            // released by close
                        }
                    }, false,
                    c -> ((kotlinx.coroutines.channels.Channel<?>) c).close(null));
            parked(out, record, "SynchronousQueue", i -> new SynchronousQueue<Object>(),
                    (Object c) -> ((SynchronousQueue<?>) c).take(), false,
                    c -> unchecked(c).offer(BenchChannel.MSG));
        }
        out.forEach(System.out::println);
    }

    @SuppressWarnings("unchecked")
    private static SynchronousQueue<Object> unchecked(Object c) {
        return (SynchronousQueue<Object>) c;
    }

    private static void idle(List<String> out, String impl, int cap, Object channel) {
        GraphLayout layout = GraphLayout.parseInstance(channel);
        out.add("idle." + impl + "." + cap + " " + layout.totalSize());
        System.err.println("idle " + impl + " cap " + cap + ":\n" + layout.toFootprint());
    }

    interface Wait {
        void run(Object resource) throws Exception;
    }

    interface Release {
        void run(Object resource) throws Exception;
    }

    private static volatile boolean released;

    private static void parked(List<String> out, boolean record, String key, IntFunction<Object> make, Wait wait,
            boolean useGo, Release release) throws Exception {
        Object[] resources = new Object[N];
        for (int i = 0; i < N; i++) {
            resources[i] = make.apply(i);
        }
        Thread[] threads = new Thread[N];
        released = false;
        long before = usedHeap();
        for (int i = 0; i < N; i++) {
            Object r = resources[i];
            Runnable body = () -> {
                try {
                    wait.run(r);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            threads[i] = useGo ? Go.go(body::run) : Thread.ofVirtual().start(body);
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
            out.add("parked." + key + " " + String.format(Locale.ROOT, "%.1f", (after - before) / (double) N));
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
