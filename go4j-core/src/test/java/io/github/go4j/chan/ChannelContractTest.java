package io.github.go4j.chan;

import static io.github.go4j.chan.ChanTesting.awaitParked;
import static io.github.go4j.chan.ChanTesting.join;
import static io.github.go4j.chan.ChanTesting.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The channel contract (spec section 1, CH01-CH18), run over every capacity flavour: 0 (rendezvous),
 * 1, 2, 16 and 1024.
 */
class ChannelContractTest {

    // ---------------------------------------------------------------------------------------- CH01

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 2, 16, 1024})
    @DisplayName("CH01: cap N takes N sends without a receiver; send N+1 blocks until a receive")
    void ch01BufferThenBlock(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(cap);
            for (int i = 0; i < cap; i++) {
                assertThat(c.trySend(i)).as("send %d of %d fits", i, cap).isTrue();
            }
            assertThat(c.trySend(-1)).as("send N+1 would block").isFalse();
            Thread sender = Go.go(() -> c.send(cap));
            awaitParked(sender);
            assertThat(c.len()).isEqualTo(cap);
            for (int i = 0; i <= cap; i++) {
                assertThat(c.receive()).isEqualTo(i);
            }
            join(sender);
            assertThat(c.len()).isZero();
        });
    }

    @Test
    @DisplayName("CH01: an unbuffered send finishes only when a receiver takes the value")
    void ch01Rendezvous() {
        within(() -> {
            Channel<String> c = Channel.make();
            AtomicReference<String> after = new AtomicReference<>();
            Thread sender = Go.go(() -> {
                c.send("v");
                after.set("sent");
            });
            awaitParked(sender);
            assertThat(after.get()).isNull();
            assertThat(c.receive()).isEqualTo("v");
            join(sender);
            assertThat(after.get()).isEqualTo("sent");
        });
    }

    // ---------------------------------------------------------------------------------------- CH02

    @Test
    @DisplayName("CH02: a negative size fails with \"makechan: size out of range\"")
    void ch02NegativeSize() {
        assertThatThrownBy(() -> Channel.make(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("makechan: size out of range");
        assertThatThrownBy(() -> Channel.make(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("makechan: size out of range");
    }

    // ------------------------------------------------------------------------------------ CH03/CH04

    @Test
    @DisplayName("CH03/CH04: a nil-channel case never fires; with a timeout beside it, the timeout does")
    void ch03NilChannelNeverReady() throws InterruptedException {
        Channel<Integer> nil = null;
        String r = Select.select(
                Select.onReceive(nil, v -> "received"),
                Select.onSend(nil, 1, () -> "sent"),
                Select.onTimeout(Duration.ofMillis(1), () -> "timeout"));
        assertThat(r).isEqualTo("timeout");
    }

    // ---------------------------------------------------------------------------------------- CH05

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 2, 16, 1024})
    @DisplayName("CH05/CH12: send on a closed channel throws \"send on closed channel\"")
    void ch05SendOnClosed(int cap) {
        Channel<Integer> c = Channel.make(cap);
        c.close();
        assertThatThrownBy(() -> c.send(1))
                .isInstanceOf(ChannelClosedException.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("send on closed channel");
        assertThatThrownBy(() -> c.trySend(1)).hasMessage("send on closed channel");
        assertThatThrownBy(() -> c.send(1, Duration.ofSeconds(1))).hasMessage("send on closed channel");
    }

    // ---------------------------------------------------------------------------------------- CH06

    // CH06's close(nil) has no Java form: calling close() on a null reference is a NullPointerException.
    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 2, 16, 1024})
    @DisplayName("CH06: closing a closed channel throws \"close of closed channel\"")
    void ch06DoubleClose(int cap) {
        Channel<Integer> c = Channel.make(cap);
        c.close();
        assertThatThrownBy(c::close)
                .isInstanceOf(ChannelClosedException.class)
                .hasMessage("close of closed channel");
    }

    // ---------------------------------------------------------------------------------------- CH07

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 2, 16, 1024})
    @DisplayName("CH07: a closed channel yields its buffer in order, then null/false at once, every time")
    void ch07DrainThenClosed(int cap) throws InterruptedException {
        Channel<Integer> c = Channel.make(cap);
        for (int i = 0; i < cap; i++) {
            c.send(i);
        }
        c.close();
        for (int i = 0; i < cap; i++) {
            assertThat(c.receiveOk()).isEqualTo(Received.of(i));
        }
        for (int k = 0; k < 3; k++) {
            assertThat(c.receiveOk()).isEqualTo(new Received<>(null, false));
            assertThat(c.receive()).isNull();
            assertThat(c.tryReceiveOk()).isEqualTo(Received.closed());
            assertThat(c.receiveOk(Duration.ofDays(1))).isEqualTo(Received.closed());
        }
    }

    // ---------------------------------------------------------------------------------------- CH08

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 2, 16, 1024})
    @DisplayName("CH08: len counts queued elements, cap is the buffer size; both survive close")
    void ch08LenCap(int cap) throws InterruptedException {
        Channel<Integer> c = Channel.make(cap);
        assertThat(c.cap()).isEqualTo(cap);
        assertThat(c.len()).isZero();
        int half = cap / 2;
        for (int i = 0; i < half; i++) {
            c.send(i);
        }
        assertThat(c.len()).isEqualTo(half);
        c.close();
        assertThat(c.len()).isEqualTo(half);
        assertThat(c.cap()).isEqualTo(cap);
    }

    @Test
    @DisplayName("CH08: cap 3 with 2 queued, then close: len 2, cap 3")
    void ch08SpecExample() throws InterruptedException {
        Channel<Integer> c = Channel.make(3);
        c.send(1);
        c.send(2);
        c.close();
        assertThat(c.len()).isEqualTo(2);
        assertThat(c.cap()).isEqualTo(3);
    }

    // ---------------------------------------------------------------------------------------- CH09

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 2, 16, 1024})
    @DisplayName("CH09: close releases every blocked receiver with null/false")
    void ch09CloseReleasesReceivers(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(cap);
            List<Received<Integer>> got = new CopyOnWriteArrayList<>();
            List<Thread> rs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                rs.add(Go.go(() -> got.add(c.receiveOk())));
            }
            rs.forEach(ChanTesting::awaitParked);
            c.close();
            rs.forEach(ChanTesting::join);
            assertThat(got).hasSize(5).allMatch(r -> r.equals(Received.closed()));
        });
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 2, 16, 1024})
    @DisplayName("CH05/CH09: close makes every blocked sender fail with \"send on closed channel\"")
    void ch09CloseFailsSenders(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(cap);
            for (int i = 0; i < cap; i++) {
                c.send(i);
            }
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Thread> ss = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int v = 100 + i;
                ss.add(Go.go(() -> {
                    try {
                        c.send(v);
                    } catch (ChannelClosedException e) {
                        failures.add(e);
                    }
                }));
            }
            ss.forEach(ChanTesting::awaitParked);
            c.close();
            ss.forEach(ChanTesting::join);
            assertThat(failures).hasSize(4).allMatch(e -> e.getMessage().equals("send on closed channel"));
            // the buffered values are still there, and nothing of the failed senders
            for (int i = 0; i < cap; i++) {
                assertThat(c.receive()).isEqualTo(i);
            }
            assertThat(c.receiveOk()).isEqualTo(Received.closed());
        });
    }

    // ---------------------------------------------------------------------------------------- CH10

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 2, 16, 1024})
    @DisplayName("CH10: values arrive in send order; a full buffer gives its items, then the blocked senders'")
    void ch10Fifo(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(cap);
            for (int i = 0; i < cap; i++) {
                c.send(i);
            }
            // blocked senders, parked one after the other so that their arrival order is known
            List<Thread> ss = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int v = cap + i;
                Thread t = Go.go(() -> c.send(v));
                awaitParked(t);
                ss.add(t);
            }
            for (int i = 0; i < cap + 3; i++) {
                assertThat(c.receive()).isEqualTo(i);
            }
            ss.forEach(ChanTesting::join);
        });
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 2, 16, 1024})
    @DisplayName("CH10: blocked receivers are served in arrival order")
    void ch10ReceiversFifo(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(cap);
            Channel<String> order = Channel.make(10);
            List<Thread> rs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String name = "r" + i;
                Thread t = Go.go(() -> order.send(name + "=" + c.receive()));
                awaitParked(t);
                rs.add(t);
            }
            for (int i = 0; i < 3; i++) {
                c.send(i);
                assertThat(order.receive()).isEqualTo("r" + i + "=" + i);
            }
            rs.forEach(ChanTesting::join);
        });
    }

    @Test
    @DisplayName("CH10: the spec's example: cap 2 full with 0 1, blocked senders of 2 then 3: 0 1 2 3")
    void ch10SpecExample() {
        ch10Fifo(2);
    }

    // ---------------------------------------------------------------------------------------- CH11

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {1, 2, 16, 1024})
    @DisplayName("CH11: a send to a channel with a parked receiver skips the buffer")
    void ch11DirectHandoff(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(cap);
            AtomicReference<Integer> got = new AtomicReference<>();
            Thread r = Go.go(() -> got.set(c.receive()));
            awaitParked(r);
            c.send(7);
            assertThat(c.len()).as("the value went to the receiver, not the buffer").isZero();
            join(r);
            assertThat(got.get()).isEqualTo(7);
        });
    }

    // ---------------------------------------------------------------------------------------- CH13

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 2, 16, 1024})
    @DisplayName("CH13: non-blocking ops: empty gives no value; closed+empty is one observation (never 'would block')")
    void ch13NonBlocking(int cap) throws InterruptedException {
        Channel<Integer> c = Channel.make(cap);
        assertThat(c.tryReceiveOk()).isNull();
        assertThat(c.tryReceive()).isNull();
        if (cap > 0) {
            assertThat(c.trySend(5)).isTrue();
            assertThat(c.tryReceiveOk()).isEqualTo(Received.of(5));
        }
        c.close();
        assertThat(c.tryReceiveOk()).isEqualTo(Received.closed());
        String r = Select.select(c.onReceive(v -> "closed"), Select.otherwise(() -> "default"));
        assertThat(r).isEqualTo("closed");
    }

    // ----------------------------------------------------------------------------- CH14-CH18 (MEM)

    /** Plain, non-volatile fields: only the channel's happens-before edges make them visible. */
    static final class Box {
        int a;
        long b;
        String c;
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 2, 16, 1024})
    @DisplayName("CH14/CH18: writes before a send are visible after the matching receive")
    void ch14SendHappensBeforeReceive(int cap) {
        within(() -> {
            Channel<Box> c = Channel.make(cap);
            int n = 20_000;
            Thread p = Go.go(() -> {
                for (int i = 0; i < n; i++) {
                    Box b = new Box();
                    b.a = i;
                    b.b = i * 3L;
                    b.c = "v" + i;
                    c.send(b);
                }
            });
            for (int i = 0; i < n; i++) {
                Box b = c.receive();
                assertThat(b.a).isEqualTo(i);
                assertThat(b.b).isEqualTo(i * 3L);
                assertThat(b.c).isEqualTo("v" + i);
            }
            join(p);
        });
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 2, 16, 1024})
    @DisplayName("CH15: close happens-before a receive that returns because of it")
    void ch15CloseHappensBeforeReceive(int cap) {
        within(() -> {
            for (int round = 0; round < 200; round++) {
                Channel<Integer> done = Channel.make(cap);
                Box box = new Box();
                Go.go(() -> {
                    box.a = 42;
                    box.c = "done";
                    done.close();
                });
                assertThat(done.receiveOk().ok()).isFalse();
                assertThat(box.a).isEqualTo(42);
                assertThat(box.c).isEqualTo("done");
            }
        });
    }

    @Test
    @DisplayName("CH16: on an unbuffered channel a receive happens-before the matching send completes")
    void ch16ReceiveHappensBeforeSendCompletes() {
        within(() -> {
            for (int round = 0; round < 200; round++) {
                Channel<Integer> c = Channel.make();
                Box box = new Box();
                Go.go(() -> {
                    box.a = 1; // written before the receive...
                    c.receive();
                });
                c.send(1);
                assertThat(box.a).isEqualTo(1); // ...so visible once the send has completed
            }
        });
    }

    @Test
    @DisplayName("CH17: a channel of capacity 1 is a mutex: plain increments under it are never lost")
    void ch17CountingSemaphore() {
        within(() -> {
            Channel<Boolean> sem = Channel.make(1);
            Box counter = new Box();
            int workers = 8;
            int per = 5_000;
            Channel<Boolean> done = Channel.make(workers);
            for (int w = 0; w < workers; w++) {
                Go.go(() -> {
                    for (int i = 0; i < per; i++) {
                        sem.send(true); // acquire: the k-th receive happens-before the (k+1)-th send completes
                        counter.a++;
                        sem.receive(); // release
                    }
                    done.send(true);
                });
            }
            for (int w = 0; w < workers; w++) {
                done.receive();
            }
            assertThat(counter.a).isEqualTo(workers * per);
        });
    }

    @Test
    @DisplayName("CH17: a channel of capacity C admits at most C holders at once")
    void ch17SemaphoreBound() {
        within(() -> {
            int cap = 3;
            Channel<Boolean> sem = Channel.make(cap);
            java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger max = new java.util.concurrent.atomic.AtomicInteger();
            Channel<Boolean> done = Channel.make(16);
            for (int w = 0; w < 16; w++) {
                Go.go(() -> {
                    for (int i = 0; i < 500; i++) {
                        sem.send(true);
                        int now = inside.incrementAndGet();
                        max.accumulateAndGet(now, Math::max);
                        Thread.yield();
                        inside.decrementAndGet();
                        sem.receive();
                    }
                    done.send(true);
                });
            }
            for (int w = 0; w < 16; w++) {
                done.receive();
            }
            assertThat(max.get()).isBetween(1, cap);
        });
    }

    @Test
    @DisplayName("CH18: Go.go happens-before the goroutine starts: plain writes made before it are visible in it")
    void ch18GoHappensBeforeStart() {
        within(() -> {
            Channel<String> out = Channel.make(1);
            for (int round = 0; round < 200; round++) {
                Box box = new Box();
                box.a = round;
                box.c = "before go " + round;
                Go.go(() -> out.send(box.a + "/" + box.c));
                assertThat(out.receive()).isEqualTo(round + "/before go " + round);
            }
        });
    }

    // ------------------------------------------------------------------------- iteration, timeouts

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 2, 16, 1024})
    @DisplayName("range: iteration ends when the channel is closed and drained")
    void iteration(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(cap);
            Go.go(() -> {
                for (int i = 0; i < 100; i++) {
                    c.send(i);
                }
                c.close();
            });
            List<Integer> got = new ArrayList<>();
            for (int v : c) {
                got.add(v);
            }
            assertThat(got).hasSize(100).isSorted();
            assertThat(c.iterator().hasNext()).isFalse();
        });
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 2, 16, 1024})
    @DisplayName("timeouts: a timed send that runs out did not send; a timed receive that runs out consumed nothing")
    void timeouts(int cap) throws InterruptedException {
        Channel<Integer> c = Channel.make(cap);
        for (int i = 0; i < cap; i++) {
            c.send(i);
        }
        assertThat(c.send(-1, Duration.ofMillis(5))).isFalse();
        assertThat(c.send(-2, Duration.ZERO)).isFalse();
        assertThat(c.send(-3, Duration.ofMillis(-5))).isFalse();
        for (int i = 0; i < cap; i++) {
            assertThat(c.receive(Duration.ofMillis(5))).isEqualTo(i);
        }
        assertThat(c.receive(Duration.ofMillis(5))).isNull();
        assertThat(c.receiveOk(Duration.ofMillis(5))).isNull();
        assertThat(c.receiveOk(Duration.ZERO)).isNull();
        assertThat(c.len()).isZero();
        assertThat(c.trySend(9)).isEqualTo(cap > 0);
    }

    @Test
    @DisplayName("timeouts: a timed receive gets a value sent before the deadline")
    void timedReceiveGetsValue() {
        within(() -> {
            Channel<Integer> c = Channel.make();
            Go.go(() -> c.send(3));
            assertThat(c.receiveOk(Duration.ofSeconds(30))).isEqualTo(Received.of(3));
            Thread r = Go.go(() -> c.receive());
            awaitParked(r);
            assertThat(c.send(4, Duration.ofSeconds(30))).isTrue();
            join(r);
        });
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 16})
    @DisplayName("nulls: a null element is rejected")
    void nullRejected(int cap) {
        Channel<Integer> c = Channel.make(cap);
        assertThatThrownBy(() -> c.send(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> c.trySend(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> c.onSend(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("views: sendOnly and receiveOnly are the same channel")
    void views() throws InterruptedException {
        Channel<Integer> c = Channel.make(1);
        SendChannel<Integer> s = c.sendOnly();
        ReceiveChannel<Integer> r = c.receiveOnly();
        s.send(1);
        assertThat(r.receive()).isEqualTo(1);
    }
}
