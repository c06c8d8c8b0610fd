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

/**
 * pingpong: one sender and one receiver virtual thread over an unbuffered (rendezvous) channel; every message
 * is a hand-off. ns per message. Each fork first prints the machine's cross-core latency at that moment
 * ({@link CoreToCore}), which RESULTS.md shows beside the fork's result.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RendezvousBench {
    static final int N = 100_000;

    @Param({"go4j", "jox", "kotlinx", "SynchronousQueue", "LinkedTransferQueue"})
    public String impl;

    private BenchChannel ch;
    private Team team;

    @Setup
    public void setup() throws InterruptedException {
        ch = BenchChannel.make(impl, 0);
        team = new Team(impl);
        // this fork's cross-core latency, which pingpong follows for every implementation (CoreToCore);
        // Report reads the line back from the JMH log
        System.out.println(CoreToCore.FORK_LINE + CoreToCore.format(CoreToCore.oneWay(200_000)));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void pingpong() throws InterruptedException {
        team.sendAndReceive(ch, ch, N);
    }
}
