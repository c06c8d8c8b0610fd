package io.github.go4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** spsc: one producer and one consumer virtual thread over a buffered channel (capacity 16 or 1024). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BufferedBench {
    static final int N = 100_000;

    @Param({"go4j", "jox", "kotlinx", "ArrayBlockingQueue"})
    public String impl;

    @Param({"16", "1024"})
    public int cap;

    private BenchChannel ch;
    private Team team;

    @Setup
    public void setup() {
        ch = BenchChannel.make(impl, cap);
        team = new Team(impl);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void spsc() throws InterruptedException {
        team.sendAndReceive(ch, ch, N);
    }
}
