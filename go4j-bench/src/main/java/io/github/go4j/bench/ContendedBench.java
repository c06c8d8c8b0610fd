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
 * mpmc: 4 producers and 4 consumers over one channel of capacity 16. sem: a channel of capacity GOMAXPROCS used
 * as a counting semaphore by GOMAXPROCS virtual threads, each doing send (acquire) then receive (release), like
 * Go's runtime BenchmarkChanSem. ns per message (per acquire/release pair for sem).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ContendedBench {
    static final int N = 100_000;
    static final int SIDES = 4;

    @Param({"go4j", "jox", "kotlinx", "ArrayBlockingQueue"})
    public String impl;

    private BenchChannel mpmc;
    private BenchChannel sem;
    private int procs;
    private Team team;

    @Setup
    public void setup() {
        mpmc = BenchChannel.make(impl, 16);
        procs = Runtime.getRuntime().availableProcessors();
        sem = BenchChannel.make(impl, procs);
        team = new Team(impl);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void mpmc() throws InterruptedException {
        BenchChannel c = mpmc;
        for (int p = 0; p < SIDES; p++) {
            team.go(() -> {
                for (int i = 0; i < N / SIDES; i++) {
                    c.send(BenchChannel.MSG);
                }
            });
            team.go(() -> {
                for (int i = 0; i < N / SIDES; i++) {
                    c.receive();
                }
            });
        }
        team.join();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void sem() throws InterruptedException {
        BenchChannel c = sem;
        int each = N / procs;
        for (int p = 0; p < procs; p++) {
            team.go(() -> {
                for (int i = 0; i < each; i++) {
                    c.send(BenchChannel.MSG);
                    c.receive();
                }
            });
        }
        team.join();
    }
}
