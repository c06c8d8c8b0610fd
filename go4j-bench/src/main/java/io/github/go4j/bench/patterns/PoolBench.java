package io.github.go4j.bench.patterns;

import io.github.go4j.Go;
import io.github.go4j.pool.Outcome;
import io.github.go4j.pool.Pool;
import java.time.Duration;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
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
 * Worker-pool throughput (issue 4): {@code N} trivial jobs ({@code i -> i + 1}) submitted and every result
 * collected, ns per job. go4j: {@link Pool} with {@value #WORKERS} worker goroutines, a job queue and a results
 * channel of {@value #QUEUE}; one goroutine submits while another receives the outcomes.
 * virtualThreadPerTask: {@code Executors.newVirtualThreadPerTaskExecutor()} (one virtual thread per job).
 * ThreadPoolExecutor: {@value #WORKERS} platform threads over an unbounded LinkedBlockingQueue. Both JDK
 * executors go through an ExecutorCompletionService: one virtual thread submits all, then takes all. Every
 * driver runs on a virtual thread, never on JMH's platform thread (which only starts and joins it), as in Go,
 * where parking a goroutine is cheap. Go's side (a channel worker pool of the same size) is Benchmark_pool in
 * bench/go/sync_bench_test.go.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PoolBench {
    static final int N = 10_000;
    static final int WORKERS = 4;
    static final int QUEUE = 64;

    private Pool<Integer, Integer> pool;
    private ExecutorService perTask;
    private ThreadPoolExecutor fixed;

    @Setup(Level.Trial)
    public void setup() {
        pool = Pool.start(WORKERS, QUEUE, (ctx, job) -> job + 1);
        perTask = Executors.newVirtualThreadPerTaskExecutor();
        fixed = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        Thread drain = Go.go(() -> {
            for (Outcome<Integer, Integer> ignored : pool.results()) {
                // nothing is left; the loop ends when shutdown closes the channel
            }
        });
        pool.shutdown(Duration.ofSeconds(10));
        drain.join();
        perTask.shutdownNow();
        fixed.shutdownNow();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long pool_go4j() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] sum = new long[1];
        Thread submitter = Go.go(() -> {
            try {
                for (int i = 0; i < N; i++) {
                    pool.submit(i);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        Thread collector = Go.go(() -> {
            try {
                for (int i = 0; i < N; i++) {
                    sum[0] += pool.results().receive().value();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        submitter.join();
        collector.join();
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return sum[0];
    }

    private static long run(ExecutorService executor) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] sum = new long[1];
        Thread driver = Thread.ofVirtual().start(() -> {
            try {
                ExecutorCompletionService<Integer> cs = new ExecutorCompletionService<>(executor);
                for (int i = 0; i < N; i++) {
                    int job = i;
                    cs.submit(() -> job + 1);
                }
                for (int i = 0; i < N; i++) {
                    sum[0] += cs.take().get();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        driver.join();
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return sum[0];
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long pool_virtualThreadPerTask() throws InterruptedException {
        return run(perTask);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long pool_ThreadPoolExecutor() throws InterruptedException {
        return run(fixed);
    }
}
