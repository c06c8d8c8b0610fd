package io.github.go4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * chain: 1000 virtual threads in a chain, each forwarding what it receives on its unbuffered input channel to
 * its unbuffered output channel (Go's daisy chain). The chain is started once per iteration; each invocation
 * pushes 100 messages through it. ns per hop (message x forwarder).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ChainBench {
    static final int HOPS = 1000;
    static final int MESSAGES = 100;

    @Param({"go4j", "jox", "kotlinx", "SynchronousQueue", "LinkedTransferQueue"})
    public String impl;

    private BenchChannel head;
    private BenchChannel tail;
    private Team forwarders;
    private Team team;

    @Setup(Level.Iteration)
    public void start() {
        forwarders = new Team(impl);
        team = new Team(impl);
        head = BenchChannel.make(impl, 0);
        BenchChannel in = head;
        for (int i = 0; i < HOPS; i++) {
            BenchChannel from = in;
            BenchChannel to = BenchChannel.make(impl, 0);
            forwarders.go(() -> {
                for (;;) {
                    Object v = from.receive();
                    to.send(v);
                    if (v == BenchChannel.STOP) {
                        return;
                    }
                }
            });
            in = to;
        }
        tail = in;
    }

    @TearDown(Level.Iteration)
    public void stop() throws InterruptedException {
        BenchChannel h = head;
        BenchChannel t = tail;
        team.go(() -> h.send(BenchChannel.STOP));
        team.go(t::receive);
        team.join();
        forwarders.join();
    }

    @Benchmark
    @OperationsPerInvocation(HOPS * MESSAGES)
    public void chain() throws InterruptedException {
        team.sendAndReceive(head, tail, MESSAGES);
    }
}
