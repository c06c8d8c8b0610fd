package io.github.go4j.bench;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What go4j's goroutine records cost (issue 7, "Cost"; ADR 0047): spawn, pingpong (unbuffered) and spsc
 * (capacity 16), each with the bookkeeping on (the default) and off (the internal, benchmark-only
 * {@code -Dgo4j.internal.bookkeeping=false}). A JVM reads the switch once, so each pair is two methods
 * whose forks get different JVM arguments: {@code X_on} and {@code X_off}. Report's "Bookkeeping cost"
 * table divides on by off (target <= 1.05x).
 *
 * <p>The switch is in {@code jvmArgsPrepend}, so that a run's {@code -jvmArgsAppend} (which replaces the
 * annotation's append list) reaches both halves alike. A {@code -jvmArgsPrepend} on the command line
 * would replace it and make both halves the same JVM: the setup notices and fails.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BookkeepingBench {
    static final int N = 100_000;
    /** The JVM argument of the "off" forks. Internal, for benchmarks only. */
    static final String OFF = "-Dgo4j.internal.bookkeeping=false";

    private BenchChannel rendezvous;
    private BenchChannel buffered;
    private Team team;

    @Setup
    public void setup(BenchmarkParams params) throws InterruptedException {
        boolean wantOn = !params.getBenchmark().endsWith("_off");
        // A goroutine parked in a receive is counted by numGoroutine only when it has a record.
        Channel<Object> ch = Channel.make();
        int before = Go.numGoroutine();
        Thread t = Go.go(ch::receive);
        int during = Go.numGoroutine();
        ch.send(BenchChannel.MSG);
        t.join();
        boolean on = during > before;
        if (on != wantOn) {
            throw new IllegalStateException(params.getBenchmark() + " expects the bookkeeping "
                    + (wantOn ? "on" : "off") + " but it is " + (on ? "on" : "off")
                    + " (was -jvmArgsPrepend given? it replaces the forks' " + OFF + ")");
        }
        rendezvous = BenchChannel.make("go4j", 0);
        buffered = BenchChannel.make("go4j", 16);
        team = new Team("go4j");
    }

    private static void spawn() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(N);
        for (int i = 0; i < N; i++) {
            Go.go(done::countDown);
        }
        done.await();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void bkSpawn_on() throws InterruptedException {
        spawn();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    @Fork(value = 1, jvmArgsPrepend = OFF, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
    public void bkSpawn_off() throws InterruptedException {
        spawn();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void bkPingpong_on() throws InterruptedException {
        team.sendAndReceive(rendezvous, rendezvous, N);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    @Fork(value = 1, jvmArgsPrepend = OFF, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
    public void bkPingpong_off() throws InterruptedException {
        team.sendAndReceive(rendezvous, rendezvous, N);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void bkSpsc16_on() throws InterruptedException {
        team.sendAndReceive(buffered, buffered, N);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    @Fork(value = 1, jvmArgsPrepend = OFF, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
    public void bkSpsc16_off() throws InterruptedException {
        team.sendAndReceive(buffered, buffered, N);
    }
}
