package io.github.go4j.bench.patterns;

import io.github.go4j.Go;
import io.github.go4j.pubsub.Broker;
import io.github.go4j.pubsub.SubscribeOptions;
import io.github.go4j.pubsub.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pub-sub fan-out (issue 4): a publishing goroutine sends {@value #M} messages on one topic to 1, 10 or 100
 * subscriptions ({@code BLOCK} overflow, buffer {@value #BUFFER}), each drained by its own goroutine, until every
 * subscriber has received all of them; ns per published message (so per delivery is that over the subscriber
 * count). Go's side (one publisher sending to N buffered channels, one goroutine each) is Benchmark_fanout*
 * in bench/go/sync_bench_test.go.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BrokerBench {
    static final int M = 1_000;
    static final int BUFFER = 64;

    private Broker<Integer> b1;
    private Broker<Integer> b10;
    private Broker<Integer> b100;
    private final List<List<Subscription<Integer>>> subs = new ArrayList<>();

    private Broker<Integer> broker(int n) {
        Broker<Integer> b = new Broker<>();
        List<Subscription<Integer>> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(b.subscribe(SubscribeOptions.block(BUFFER, Duration.ofSeconds(30)), "bench.fanout"));
        }
        subs.add(list);
        return b;
    }

    @Setup(Level.Trial)
    public void setup() {
        b1 = broker(1);
        b10 = broker(10);
        b100 = broker(100);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        b1.shutdown(Duration.ofSeconds(5));
        b10.shutdown(Duration.ofSeconds(5));
        b100.shutdown(Duration.ofSeconds(5));
    }

    private static long fanOut(Broker<Integer> broker, List<Subscription<Integer>> list)
            throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] readers = new Thread[list.size()];
        for (int i = 0; i < readers.length; i++) {
            Subscription<Integer> s = list.get(i);
            readers[i] = Go.go(() -> {
                try {
                    for (int k = 0; k < M; k++) {
                        s.messages().receive();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
        }
        long[] delivered = new long[1];
        Integer payload = 7;
        Thread publisher = Go.go(() -> {
            try {
                for (int k = 0; k < M; k++) {
                    delivered[0] += broker.publish("bench.fanout", payload);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        publisher.join();
        for (Thread t : readers) {
            t.join();
        }
        if (failure.get() != null || delivered[0] != (long) M * list.size()) {
            throw new IllegalStateException("fan-out lost messages: " + delivered[0], failure.get());
        }
        return delivered[0];
    }

    @Benchmark
    @OperationsPerInvocation(M)
    public long fanout1_go4j() throws InterruptedException {
        return fanOut(b1, subs.get(0));
    }

    @Benchmark
    @OperationsPerInvocation(M)
    public long fanout10_go4j() throws InterruptedException {
        return fanOut(b10, subs.get(1));
    }

    @Benchmark
    @OperationsPerInvocation(M)
    public long fanout100_go4j() throws InterruptedException {
        return fanOut(b100, subs.get(2));
    }
}
