package io.github.go4j.singleflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Contract tests for SingleFlight; fresh ports of x/sync/singleflight's tests (XS10-XS12). */
@Timeout(20)
class SingleFlightTest {

    final SingleFlight<String, String> g = new SingleFlight<>();

    static void awaitDups(SingleFlight<String, ?> g, String key, int n) {
        while (g.dups(key) < n) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @Test
    @DisplayName("XS10 TestDo: one caller gets the value, not shared; the key is removed afterwards")
    void run() throws Exception {
        var r = g.run("key", () -> "bar");
        assertThat(r).isEqualTo(new SingleFlight.Result<>("bar", null, false));
        assertThat(g.dups("key")).isEqualTo(-1);
        AtomicInteger calls = new AtomicInteger();
        g.run("key", () -> "x" + calls.incrementAndGet());
        assertThat(g.run("key", () -> "x" + calls.incrementAndGet()).value()).isEqualTo("x2");
    }

    @Test
    @DisplayName("XS10 TestDoErr: an exception is the call's error")
    void runErr() throws Exception {
        IOException boom = new IOException("some error");
        var r = g.run("key", () -> {
            throw boom;
        });
        assertThat(r.error()).isSameAs(boom);
        assertThat(r.value()).isNull();
        assertThatThrownBy(r::get).isSameAs(boom);
    }

    @Test
    @DisplayName("XS10 TestDoDupSuppress: duplicates wait, fn runs once, everyone gets shared=true")
    void dupSuppress() throws Exception {
        Channel<String> release = Channel.make();
        AtomicInteger calls = new AtomicInteger();
        int n = 10;
        ConcurrentLinkedQueue<SingleFlight.Result<String>> results = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            Go.go(() -> {
                results.add(g.run("key", () -> {
                    calls.incrementAndGet();
                    return release.receive();
                }));
                done.countDown();
            });
        }
        awaitDups(g, "key", n - 1);
        release.send("bar");
        done.await();
        assertThat(calls.get()).isEqualTo(1);
        assertThat(results).hasSize(n).allSatisfy(r -> {
            assertThat(r.value()).isEqualTo("bar");
            assertThat(r.shared()).isTrue();
        });
    }

    @Test
    @DisplayName("XS11 TestDoChan: runAsync delivers one Result on a buffered(1) channel")
    void runAsync() throws Exception {
        ReceiveChannel<SingleFlight.Result<String>> ch = g.runAsync("key", () -> "bar");
        assertThat(ch.cap()).isEqualTo(1);
        var r = ch.receive();
        assertThat(r).isEqualTo(new SingleFlight.Result<>("bar", null, false));
        assertThat(ch.tryReceiveOk()).as("never closed, nothing more").isNull();
    }

    @Test
    @DisplayName("XS11 run and runAsync callers share one call; shared is true for all")
    void mixedSharing() throws Exception {
        Channel<String> release = Channel.make();
        AtomicInteger calls = new AtomicInteger();
        var first = g.runAsync("k", () -> {
            calls.incrementAndGet();
            return release.receive();
        });
        var second = g.runAsync("k", () -> "never");
        AtomicReference<SingleFlight.Result<String>> third = new AtomicReference<>();
        Thread t = Go.go(() -> third.set(g.run("k", () -> "never")));
        awaitDups(g, "k", 2);
        release.send("v");
        t.join();
        assertThat(first.receive()).isEqualTo(new SingleFlight.Result<>("v", null, true));
        assertThat(second.receive()).isEqualTo(new SingleFlight.Result<>("v", null, true));
        assertThat(third.get()).isEqualTo(new SingleFlight.Result<>("v", null, true));
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    @DisplayName("XS11 TestForget: the next call runs fn again; the call in flight is unaffected")
    void forget() throws Exception {
        Channel<String> release1 = Channel.make();
        Channel<String> release2 = Channel.make();
        AtomicInteger calls = new AtomicInteger();
        var first = g.runAsync("key", () -> {
            calls.incrementAndGet();
            return release1.receive();
        });
        awaitCalls(calls, 1);
        g.forget("key");
        var second = g.runAsync("key", () -> {
            calls.incrementAndGet();
            return release2.receive();
        });
        awaitCalls(calls, 2);
        var third = g.runAsync("key", () -> {
            calls.incrementAndGet();
            return "third";
        });
        release2.send("two");
        release1.send("one");
        assertThat(first.receive().value()).isEqualTo("one");
        assertThat(second.receive()).isEqualTo(new SingleFlight.Result<>("two", null, true));
        assertThat(third.receive()).isEqualTo(new SingleFlight.Result<>("two", null, true));
        assertThat(calls.get()).isEqualTo(2);
    }

    static void awaitCalls(AtomicInteger calls, int n) {
        while (calls.get() < n) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @Test
    @DisplayName("XS12 TestPanicDo: every run caller throws PanicError with the value and the stack")
    void panicDo() throws Exception {
        Channel<Boolean> release = Channel.make();
        AssertionError boom = new AssertionError("invalid memory address or nil pointer dereference");
        int n = 5;
        List<Throwable> thrown = new ArrayList<>();
        java.util.concurrent.locks.ReentrantLock l = new java.util.concurrent.locks.ReentrantLock();
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            Go.go(() -> {
                try {
                    g.run("key", () -> {
                        release.receive();
                        throw boom;
                    });
                } catch (Throwable e) {
                    l.lock();
                    thrown.add(e);
                    l.unlock();
                } finally {
                    done.countDown();
                }
            });
        }
        awaitDups(g, "key", n - 1);
        release.send(true);
        done.await();
        assertThat(thrown).hasSize(n).allSatisfy(e -> {
            assertThat(e).isInstanceOf(SingleFlight.PanicError.class).hasCause(boom);
            SingleFlight.PanicError p = (SingleFlight.PanicError) e;
            assertThat(p.value()).isSameAs(boom);
            assertThat(p.getMessage()).startsWith(boom + "\n\n").contains("SingleFlightTest");
            assertThat(p.stack()).contains("AssertionError");
        });
        assertThat(g.dups("key")).isEqualTo(-1);
    }

    @Test
    @DisplayName("XS12 TestPanicDoChan: with runAsync callers the panic is raised in a new goroutine")
    void panicDoChan() throws Exception {
        AtomicReference<Throwable> reported = new AtomicReference<>();
        CountDownLatch panicked = new CountDownLatch(1);
        Go.setPanicHandler((p, report) -> {
            reported.set(p);
            panicked.countDown();
        });
        try {
            var ch = g.runAsync("key", () -> {
                throw new AssertionError("Panicking in DoChan");
            });
            panicked.await();
            assertThat(reported.get()).isInstanceOf(SingleFlight.PanicError.class)
                    .hasMessageStartingWith("java.lang.AssertionError: Panicking in DoChan");
            assertThat(ch.tryReceive()).as("the channel receives nothing").isNull();
        } finally {
            Go.setPanicHandler(null);
        }
    }

    @Test
    @DisplayName("interrupting a waiting duplicate leaves the call running for the others")
    void interruptedDuplicate() throws Exception {
        Channel<String> release = Channel.make();
        var leader = g.runAsync("key", release::receive);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread dup = Go.go(() -> {
            try {
                g.run("key", () -> "never");
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        awaitDups(g, "key", 1);
        dup.interrupt();
        dup.join();
        assertThat(failure.get()).isInstanceOf(InterruptedException.class);
        release.send("v");
        assertThat(leader.receive().value()).isEqualTo("v");
    }

    @Test
    @DisplayName("null keys and functions are rejected")
    void nulls() {
        assertThatThrownBy(() -> g.run(null, () -> "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> g.runAsync("k", null)).isInstanceOf(NullPointerException.class);
    }
}
