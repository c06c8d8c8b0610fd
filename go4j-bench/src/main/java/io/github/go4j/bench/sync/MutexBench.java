package io.github.go4j.bench.sync;

import io.github.go4j.sync.Mutex;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 * go4j's {@link Mutex} against {@link ReentrantLock} (issue 3), ns per lock/unlock pair around a one-field
 * critical section. {@code mutex}: one thread (JMH's), never contended. {@code mutex4} / {@code mutex16}: 4 or
 * 16 virtual threads (go4j goroutines for go4j, {@code Thread.ofVirtual} for ReentrantLock) each doing
 * {@code N / threads} pairs on one lock, so the figure includes handoffs, parking and the start of the threads.
 * Method names are {@code shape_impl} for bench/run's report; bench/go/sync_bench_test.go is Go's side.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MutexBench {
    static final int N = 100_000;

    private final Mutex mutex = new Mutex();
    private final ReentrantLock reentrant = new ReentrantLock();
    private long counter;

    @Benchmark
    public long mutex_go4j() {
        mutex.lock();
        try {
            return ++counter;
        } finally {
            mutex.unlock();
        }
    }

    @Benchmark
    public long mutex_ReentrantLock() {
        reentrant.lock();
        try {
            return ++counter;
        } finally {
            reentrant.unlock();
        }
    }

    private void go4j(int threads) throws InterruptedException {
        int each = N / threads;
        Crew.run(true, threads, () -> {
            for (int i = 0; i < each; i++) {
                mutex.lock();
                try {
                    counter++;
                } finally {
                    mutex.unlock();
                }
            }
        });
    }

    private void jdk(int threads) throws InterruptedException {
        int each = N / threads;
        Crew.run(false, threads, () -> {
            for (int i = 0; i < each; i++) {
                reentrant.lock();
                try {
                    counter++;
                } finally {
                    reentrant.unlock();
                }
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void mutex4_go4j() throws InterruptedException {
        go4j(4);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void mutex4_ReentrantLock() throws InterruptedException {
        jdk(4);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void mutex16_go4j() throws InterruptedException {
        go4j(16);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void mutex16_ReentrantLock() throws InterruptedException {
        jdk(16);
    }
}
