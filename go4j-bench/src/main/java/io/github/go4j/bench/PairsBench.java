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
 * pairs: 10,000 independent sender/receiver pairs of virtual threads, each pair with its own channel of
 * capacity 0, 16 or 100, each sender sending 200 messages. Starting the 20,000 threads is part of every
 * invocation (the same for every JVM implementation, and for Go's goroutines). juc is SynchronousQueue for
 * capacity 0 and ArrayBlockingQueue otherwise. ns per message.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PairsBench {
    static final int PAIRS = 10_000;
    static final int PER_PAIR = 200;

    @Param({"go4j", "jox", "kotlinx", "juc"})
    public String impl;

    @Param({"0", "16", "100"})
    public int cap;

    private BenchChannel[] chans;
    private Team team;

    @Setup
    public void setup() {
        chans = new BenchChannel[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            chans[i] = BenchChannel.make(impl, cap);
        }
        team = new Team(impl);
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS * PER_PAIR)
    public void pairs() throws InterruptedException {
        for (BenchChannel c : chans) {
            team.go(() -> {
                for (int i = 0; i < PER_PAIR; i++) {
                    c.receive();
                }
            });
            team.go(() -> {
                for (int i = 0; i < PER_PAIR; i++) {
                    c.send(BenchChannel.MSG);
                }
            });
        }
        team.join();
    }
}
