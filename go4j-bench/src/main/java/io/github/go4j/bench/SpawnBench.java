package io.github.go4j.bench;

import io.github.go4j.Go;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * spawn: start 100,000 goroutines that each count down a latch, and wait for all of them (Go: go + WaitGroup).
 * go4j's Go.go against a plain Thread.ofVirtual().start. ns per goroutine.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SpawnBench {
    static final int N = 100_000;

    @Benchmark
    @OperationsPerInvocation(N)
    public void spawn_go4j() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(N);
        for (int i = 0; i < N; i++) {
            Go.go(done::countDown);
        }
        done.await();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void spawn_virtualThread() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(N);
        Thread.Builder builder = Thread.ofVirtual();
        for (int i = 0; i < N; i++) {
            builder.start(done::countDown);
        }
        done.await();
    }
}
