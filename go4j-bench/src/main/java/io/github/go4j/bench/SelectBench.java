package io.github.go4j.bench;

import io.github.go4j.chan.Channel;
import io.github.go4j.chan.Select;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import kotlin.jvm.functions.Function1;
import kotlin.jvm.functions.Function2;
import kotlinx.coroutines.channels.BufferOverflow;
import kotlinx.coroutines.channels.ChannelKt;
import kotlinx.coroutines.selects.SelectImplementation;
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
 * Select shapes; the method name is shape_implementation.
 * <ul>
 *   <li>select2: one receiver selects over two capacity-16 channels, each fed by its own producer.
 *   <li>selectTimeout: one receiver selects over a capacity-16 channel fed by a producer and a 1 s timeout
 *       clause that never fires (a timer is armed and cancelled per select); ArrayBlockingQueue's timed poll
 *       is the java.util.concurrent equivalent.
 *   <li>nonBlocking: select with a default clause on an empty channel (kotlinx has no default clause in
 *       select: its non-blocking receive, tryReceive, stands in; java.util.concurrent: poll()).
 * </ul>
 * ns per message (per select for nonBlocking).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SelectBench {
    static final int N = 100_000;
    static final int POLLS = 1_000_000;
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final Object NONE = BenchChannel.STOP;

    private static final Function2<Object, Object, Object> IDENTITY = (v, k) -> v;
    private static final Function1<Object, Object> ON_TIMEOUT = k -> NONE;

    private final Team go4jTeam = new Team("go4j");
    private final Team vtTeam = new Team("vt");

    // ---- select2 --------------------------------------------------------------------------------------

    @Benchmark
    @OperationsPerInvocation(N)
    public void select2_go4j() throws InterruptedException {
        Channel<Object> a = Channel.make(16);
        Channel<Object> b = Channel.make(16);
        Team t = go4jTeam;
        t.go(() -> produce(a, N / 2));
        t.go(() -> produce(b, N / 2));
        t.go(() -> {
            for (int i = 0; i < N; i++) {
                Select.select(a.onReceive(), b.onReceive());
            }
        });
        t.join();
    }

    private static void produce(Channel<Object> c, int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            c.send(BenchChannel.MSG);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void select2_jox() throws InterruptedException {
        com.softwaremill.jox.Channel<Object> a = com.softwaremill.jox.Channel.newBufferedChannel(16);
        com.softwaremill.jox.Channel<Object> b = com.softwaremill.jox.Channel.newBufferedChannel(16);
        Team t = vtTeam;
        t.go(() -> produce(a, N / 2));
        t.go(() -> produce(b, N / 2));
        t.go(() -> {
            for (int i = 0; i < N; i++) {
                com.softwaremill.jox.Select.select(a.receiveClause(), b.receiveClause());
            }
        });
        t.join();
    }

    private static void produce(com.softwaremill.jox.Channel<Object> c, int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            c.send(BenchChannel.MSG);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void select2_kotlinx() throws InterruptedException {
        kotlinx.coroutines.channels.Channel<Object> a = ChannelKt.Channel(16, BufferOverflow.SUSPEND, null);
        kotlinx.coroutines.channels.Channel<Object> b = ChannelKt.Channel(16, BufferOverflow.SUSPEND, null);
        Team t = vtTeam;
        t.go(() -> produce(a, N / 2));
        t.go(() -> produce(b, N / 2));
        t.go(() -> {
            for (int i = 0; i < N; i++) {
                SelectImplementation<Object> s = new SelectImplementation<>(kotlin.coroutines.EmptyCoroutineContext.INSTANCE);
                s.invoke(a.getOnReceive(), IDENTITY);
                s.invoke(b.getOnReceive(), IDENTITY);
                Parker p = new Parker();
                p.await(s.doSelect(p));
            }
        });
        t.join();
    }

    private static void produce(kotlinx.coroutines.channels.Channel<Object> c, int n) {
        BenchChannel.Kotlinx k = new BenchChannel.Kotlinx(c);
        for (int i = 0; i < n; i++) {
            k.send(BenchChannel.MSG);
        }
    }

    // ---- selectTimeout --------------------------------------------------------------------------------

    @Benchmark
    @OperationsPerInvocation(N)
    public void selectTimeout_go4j() throws InterruptedException {
        Channel<Object> a = Channel.make(16);
        Team t = go4jTeam;
        t.go(() -> produce(a, N));
        t.go(() -> {
            for (int i = 0; i < N; i++) {
                if (Select.select(a.onReceive(), Select.onTimeout(TIMEOUT, () -> NONE)) == NONE) {
                    throw new AssertionError("timed out");
                }
            }
        });
        t.join();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void selectTimeout_jox() throws InterruptedException {
        com.softwaremill.jox.Channel<Object> a = com.softwaremill.jox.Channel.newBufferedChannel(16);
        Team t = vtTeam;
        t.go(() -> produce(a, N));
        t.go(() -> {
            for (int i = 0; i < N; i++) {
                com.softwaremill.jox.Select.selectWithin(TIMEOUT, a.receiveClause());
            }
        });
        t.join();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void selectTimeout_kotlinx() throws InterruptedException {
        kotlinx.coroutines.channels.Channel<Object> a = ChannelKt.Channel(16, BufferOverflow.SUSPEND, null);
        Team t = vtTeam;
        t.go(() -> produce(a, N));
        t.go(() -> {
            for (int i = 0; i < N; i++) {
                SelectImplementation<Object> s = new SelectImplementation<>(kotlin.coroutines.EmptyCoroutineContext.INSTANCE);
                s.invoke(a.getOnReceive(), IDENTITY);
                s.onTimeout(TIMEOUT.toMillis(), ON_TIMEOUT);
                Parker p = new Parker();
                if (p.await(s.doSelect(p)) == NONE) {
                    throw new AssertionError("timed out");
                }
            }
        });
        t.join();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void selectTimeout_ArrayBlockingQueue() throws InterruptedException {
        ArrayBlockingQueue<Object> a = new ArrayBlockingQueue<>(16);
        Team t = vtTeam;
        t.go(() -> {
            for (int i = 0; i < N; i++) {
                a.put(BenchChannel.MSG);
            }
        });
        t.go(() -> {
            for (int i = 0; i < N; i++) {
                if (a.poll(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS) == null) {
                    throw new AssertionError("timed out");
                }
            }
        });
        t.join();
    }

    // ---- nonBlocking ----------------------------------------------------------------------------------

    @Benchmark
    @OperationsPerInvocation(POLLS)
    public void nonBlocking_go4j() throws InterruptedException {
        Channel<Object> a = Channel.make(0);
        Team t = go4jTeam;
        t.go(() -> {
            for (int i = 0; i < POLLS; i++) {
                if (Select.select(a.onReceive(), Select.otherwise(() -> NONE)) != NONE) {
                    throw new AssertionError();
                }
            }
        });
        t.join();
    }

    @Benchmark
    @OperationsPerInvocation(POLLS)
    public void nonBlocking_jox() throws InterruptedException {
        com.softwaremill.jox.Channel<Object> a = com.softwaremill.jox.Channel.newRendezvousChannel();
        Team t = vtTeam;
        t.go(() -> {
            for (int i = 0; i < POLLS; i++) {
                if (com.softwaremill.jox.Select.select(a.receiveClause(), com.softwaremill.jox.Select.defaultClause(NONE)) != NONE) {
                    throw new AssertionError();
                }
            }
        });
        t.join();
    }

    @Benchmark
    @OperationsPerInvocation(POLLS)
    @SuppressWarnings("deprecation") // poll() is tryReceive().getOrNull(); the mangled tryReceive is not callable from Java
    public void nonBlocking_kotlinx() throws InterruptedException {
        kotlinx.coroutines.channels.Channel<Object> a = ChannelKt.Channel(0, BufferOverflow.SUSPEND, null);
        Team t = vtTeam;
        t.go(() -> {
            for (int i = 0; i < POLLS; i++) {
                if (a.poll() != null) {
                    throw new AssertionError();
                }
            }
        });
        t.join();
    }

    @Benchmark
    @OperationsPerInvocation(POLLS)
    public void nonBlocking_ArrayBlockingQueue() throws InterruptedException {
        ArrayBlockingQueue<Object> a = new ArrayBlockingQueue<>(1);
        Team t = vtTeam;
        t.go(() -> {
            for (int i = 0; i < POLLS; i++) {
                if (a.poll() != null) {
                    throw new AssertionError();
                }
            }
        });
        t.join();
    }
}
