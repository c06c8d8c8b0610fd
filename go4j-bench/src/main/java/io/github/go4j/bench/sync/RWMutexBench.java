package io.github.go4j.bench.sync;

import io.github.go4j.sync.RWMutex;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
 * go4j's {@link RWMutex} read side against {@link ReentrantReadWriteLock}'s read lock (issue 3), ns per
 * rLock/rUnlock pair around a read of one field. {@code rlock}: one thread, no writer. {@code rlock4}: 4 virtual
 * threads (go4j goroutines for go4j) each doing {@code N / 4} pairs, readers only, so they contend on the reader
 * count but never wait for a writer. Go's side: bench/go/sync_bench_test.go.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RWMutexBench {
    static final int N = 100_000;
    static final int READERS = 4;

    private final RWMutex rw = new RWMutex();
    private final ReentrantReadWriteLock reentrant = new ReentrantReadWriteLock();
    private final ReentrantReadWriteLock.ReadLock readLock = reentrant.readLock();
    private long value = 42;
    private volatile long sink;

    @Benchmark
    public long rlock_go4j() {
        rw.rLock();
        try {
            return value;
        } finally {
            rw.rUnlock();
        }
    }

    @Benchmark
    public long rlock_ReentrantReadWriteLock() {
        readLock.lock();
        try {
            return value;
        } finally {
            readLock.unlock();
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void rlock4_go4j() throws InterruptedException {
        Crew.run(true, READERS, () -> {
            long sum = 0;
            for (int i = 0; i < N / READERS; i++) {
                rw.rLock();
                try {
                    sum += value;
                } finally {
                    rw.rUnlock();
                }
            }
            sink = sum;
        });
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void rlock4_ReentrantReadWriteLock() throws InterruptedException {
        Crew.run(false, READERS, () -> {
            long sum = 0;
            for (int i = 0; i < N / READERS; i++) {
                readLock.lock();
                try {
                    sum += value;
                } finally {
                    readLock.unlock();
                }
            }
            sink = sum;
        });
    }
}
