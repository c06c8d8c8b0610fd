package io.github.go4j.chan;

import static io.github.go4j.chan.ChanTesting.awaitParked;
import static io.github.go4j.chan.ChanTesting.join;
import static io.github.go4j.chan.ChanTesting.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.internal.G;
import io.github.go4j.internal.WaitReason;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** select (spec section 2, SE01-SE11), over channel capacities where it matters. */
class SelectTest {

    /** Waits (bounded) until goroutine thread {@code t} is parked with wait reason {@code r}. */
    static void awaitWaitReason(Thread t, WaitReason r) {
        within(() -> {
            for (;;) {
                for (G g : G.live()) {
                    if (g.thread() == t && g.waitReason() == r) {
                        return;
                    }
                }
                Thread.onSpinWait();
                Thread.yield();
            }
        });
    }

    @Test
    @DisplayName("SE01: operands and sent values are evaluated once, in source order, chosen or not")
    void se01EvaluatedOnce() throws InterruptedException {
        List<String> log = new ArrayList<>();
        Channel<Integer> a = Channel.make(1);
        Channel<Integer> b = Channel.make(1);
        Select.Clause<Void> ca = a.onSend(value(log, "a", 1));
        Select.Clause<Void> cb = b.onSend(value(log, "b", 2));
        Select.select(ca, cb);
        assertThat(log).containsExactly("a", "b");
        assertThat(a.len() + b.len()).isEqualTo(1);
    }

    private static int value(List<String> log, String name, int v) {
        log.add(name);
        return v;
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {1, 2, 16, 1024})
    @DisplayName("SE02: with two ready cases each is chosen about half the time")
    void se02UniformChoice(int cap) throws InterruptedException {
        Channel<Integer> c1 = Channel.make(cap);
        Channel<Integer> c2 = Channel.make(cap);
        assertAboutHalf(4000, () -> {
            while (c1.trySend(1)) { } // keep both ready
            while (c2.trySend(2)) { }
            return Select.select(c1.onReceive(v -> 1), c2.onReceive(v -> 0));
        });
    }

    /** {@code trial} returns 1 or 0; over {@code trials} runs the share of 1s is 1/2 within Go's bound. */
    private static void assertAboutHalf(int trials, Callable<Integer> trial) throws InterruptedException {
        int ones = 0;
        for (int i = 0; i < trials; i++) {
            try {
                ones += trial.call();
            } catch (InterruptedException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        double bound = 4.891676 / (2 * Math.sqrt(trials));
        assertThat(Math.abs((double) ones / trials - 0.5)).as("ones=%d of %d", ones, trials).isLessThanOrEqualTo(bound);
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {1, 16})
    @DisplayName("SE02: with two ready send cases each is chosen about half the time")
    void se02UniformChoiceOfSends(int cap) throws InterruptedException {
        Channel<Integer> c1 = Channel.make(cap);
        Channel<Integer> c2 = Channel.make(cap);
        assertAboutHalf(4000, () -> {
            while (c1.tryReceive() != null) { } // keep both with room
            while (c2.tryReceive() != null) { }
            return Select.<Integer>select(c1.onSend(1, () -> 1), c2.onSend(2, () -> 0));
        });
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1})
    @DisplayName("SE02, SE06: a select parked on two sends to one channel gives a later receiver either case, about half the time each")
    void se02ParkedCasesOnOneChannel(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(cap);
            for (int i = 0; i < cap; i++) {
                c.send(9); // full: the select has to park
            }
            int trials = 400;
            int ones = 0;
            for (int i = 0; i < trials; i++) {
                Thread t = Go.go(() -> Select.select(c.onSend(1), c.onSend(0)));
                awaitParked(t); // both nodes queued before any receiver comes
                int v = c.receive();
                if (cap > 0) {
                    assertThat(v).isEqualTo(9);
                    v = c.receive(); // the value the select's winning case moved into the freed slot
                    c.send(9);
                }
                ones += v;
                join(t);
            }
            // Go queues cases on one channel in its random poll order; queued in case order, the first
            // case won every time (ones == trials).
            double bound = 4.891676 / (2 * Math.sqrt(trials));
            assertThat(Math.abs((double) ones / trials - 0.5)).as("ones=%d of %d", ones, trials).isLessThanOrEqualTo(bound);
        });
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 16})
    @DisplayName("SE03: default runs only when no case can proceed")
    void se03Default(int cap) throws InterruptedException {
        Channel<Integer> c = Channel.make(cap);
        assertThat(Select.<String>select(c.onReceive(v -> "recv"), Select.otherwise(() -> "default")))
                .isEqualTo("default");
        if (cap > 0) {
            c.send(1);
            assertThat(Select.<String>select(c.onReceive(v -> "recv"), Select.otherwise(() -> "default")))
                    .isEqualTo("recv");
            for (int i = 0; i < cap; i++) {
                c.send(i);
            }
            assertThat(Select.<String>select(c.onSend(9, () -> "sent"), Select.otherwise(() -> "default")))
                    .isEqualTo("default");
        }
        // a default alone, and a default beside only nil cases
        Channel<Integer> nil = null;
        assertThat(Select.<String>select(Select.otherwise(() -> "only"))).isEqualTo("only");
        assertThat(Select.<String>select(Select.onReceive(nil, v -> "nil"), Select.otherwise(() -> "d")))
                .isEqualTo("d");
        assertThatThrownBy(() -> Select.select(Select.otherwise(() -> { }), Select.otherwise(() -> { })))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("SE04: select() with no clauses blocks forever [select (no cases)] until interrupted")
    void se04NoCases() {
        within(() -> {
            AtomicReference<Throwable> ended = new AtomicReference<>();
            Thread t = Go.go(() -> {
                try {
                    Select.select();
                } catch (InterruptedException e) {
                    ended.set(e);
                }
            });
            awaitWaitReason(t, WaitReason.SELECT_NO_CASES);
            t.interrupt();
            join(t);
            assertThat(ended.get()).isInstanceOf(InterruptedException.class);
        });
    }

    @Test
    @DisplayName("CH03/CH04: a select with only nil cases blocks forever; one nil case shows [chan receive (nil chan)]")
    void ch04OnlyNilCases() {
        within(() -> {
            Channel<Integer> nil = null;
            Thread one = Go.go(() -> Select.select(Select.onReceive(nil, v -> { })));
            Thread sendOne = Go.go(() -> Select.select(Select.onSend(nil, 1, () -> { })));
            Thread two = Go.go(() -> Select.select(Select.onReceive(nil, v -> { }), Select.onSend(nil, 1, () -> { })));
            awaitWaitReason(one, WaitReason.CHAN_RECEIVE_NIL);
            awaitWaitReason(sendOne, WaitReason.CHAN_SEND_NIL);
            awaitWaitReason(two, WaitReason.SELECT_NO_CASES);
            for (Thread t : List.of(one, sendOne, two)) {
                t.interrupt();
                join(t);
            }
        });
    }

    @Test
    @DisplayName("SE05: a select with c<-v and <-c on one unbuffered channel never pairs with itself")
    void se05NoSelfPairing() throws InterruptedException {
        Channel<Integer> c = Channel.make();
        String r = Select.select(
                c.onSend(1, () -> "sent"),
                c.onReceive(v -> "received " + v),
                Select.onTimeout(Duration.ofMillis(20), () -> "timeout"));
        assertThat(r).isEqualTo("timeout");
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 16})
    @DisplayName("SE06: a channel in several cases: all of the select's entries leave the queue when one fires")
    void se06Duplicate(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(cap);
            Channel<Integer> d = Channel.make(cap);
            for (int round = 0; round < 50; round++) {
                Thread a = cap == 0
                        // unbuffered: a send case on c too (it cannot be ready: nobody receives)
                        ? Go.go(() -> Select.select(c.onReceive(), c.onReceive(), d.onReceive(), c.onSend(5)))
                        : Go.go(() -> Select.select(c.onReceive(), c.onReceive(), d.onReceive()));
                awaitParked(a);
                d.send(7);
                join(a);
                // nothing of A is left in c's queues: a send and a receive each find nobody
                assertThat(c.trySend(1)).isEqualTo(cap > 0);
                if (cap > 0) {
                    assertThat(c.receive()).isEqualTo(1);
                }
                assertThat(c.tryReceiveOk()).isNull();
            }
        });
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 16})
    @DisplayName("SE07: a receive case on a closed channel is always ready (null, ok false)")
    void se07ClosedReceiveReady(int cap) throws InterruptedException {
        Channel<Integer> done = Channel.make(cap);
        Channel<Integer> never = Channel.make(cap);
        done.close();
        for (int i = 0; i < 100; i++) {
            String r = Select.select(
                    done.onReceiveOk((v, ok) -> "done " + v + " " + ok),
                    never.onReceive(v -> "never"));
            assertThat(r).isEqualTo("done null false");
        }
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 16})
    @DisplayName("SE07/CH05: a chosen send case on a closed channel throws; also when closed while the select waits")
    void se07ClosedSend(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(cap);
            for (int i = 0; i < cap; i++) {
                c.send(i);
            }
            Channel<Integer> other = Channel.make();
            AtomicReference<Throwable> err = new AtomicReference<>();
            Thread t = Go.go(() -> {
                try {
                    Select.select(c.onSend(99), other.onReceive());
                } catch (ChannelClosedException e) {
                    err.set(e);
                }
            });
            awaitParked(t);
            c.close();
            join(t);
            assertThat(err.get()).hasMessage("send on closed channel");
            assertThatThrownBy(() -> Select.select(c.onSend(1)))
                    .isInstanceOf(ChannelClosedException.class)
                    .hasMessage("send on closed channel");
        });
    }

    @Test
    @DisplayName("SE08: setting a channel variable to null disables its case in a for-select (merge of two streams)")
    void se08NilDisablesCase() {
        within(() -> {
            Channel<Integer> a = Channel.make();
            Channel<Integer> b = Channel.make(3);
            Go.go(() -> {
                for (int i = 0; i < 50; i++) {
                    a.send(i);
                }
                a.close();
            });
            Go.go(() -> {
                for (int i = 100; i < 130; i++) {
                    b.send(i);
                }
                b.close();
            });
            List<Integer> got = new ArrayList<>();
            ReceiveChannel<Integer>[] chans = arrayOf(a, b);
            while (chans[0] != null || chans[1] != null) {
                Select.select(
                        Select.onReceiveOk(chans[0], (v, ok) -> {
                            if (ok) {
                                got.add(v);
                            } else {
                                chans[0] = null;
                            }
                            return null;
                        }),
                        Select.onReceiveOk(chans[1], (v, ok) -> {
                            if (ok) {
                                got.add(v);
                            } else {
                                chans[1] = null;
                            }
                            return null;
                        }));
            }
            assertThat(got).hasSize(80).doesNotHaveDuplicates();
        });
    }

    @SafeVarargs
    private static <T> ReceiveChannel<T>[] arrayOf(ReceiveChannel<T>... cs) {
        return cs;
    }

    @Test
    @DisplayName("SE09: a body's result leaves the for-select (Java's break/return around the select)")
    void se09LeaveForSelect() throws InterruptedException {
        Channel<Integer> c = Channel.make(10);
        for (int i = 0; i < 5; i++) {
            c.send(i);
        }
        c.close();
        int n = 0;
        loop:
        for (;;) {
            boolean stop = Select.select(c.onReceiveOk((v, ok) -> !ok));
            if (stop) {
                break loop;
            }
            n++;
        }
        assertThat(n).isEqualTo(5);
    }

    @Test
    @DisplayName("SE10: a blocked select shows [select]")
    void se10WaitReason() {
        within(() -> {
            Channel<Integer> a = Channel.make();
            Channel<Integer> b = Channel.make();
            Thread t = Go.go(() -> Select.select(a.onReceive(), b.onSend(1)));
            awaitWaitReason(t, WaitReason.SELECT);
            a.send(1);
            join(t);
            Thread r = Go.go(() -> a.receive());
            awaitWaitReason(r, WaitReason.CHAN_RECEIVE);
            a.send(2);
            join(r);
            Thread s = Go.go(() -> a.send(3));
            awaitWaitReason(s, WaitReason.CHAN_SEND);
            a.receive();
            join(s);
        });
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1})
    @DisplayName("SE10, SE11: one case and a timeout that waits: shows [select], then ends by the case, the timeout or close")
    void oneCasePlusTimeoutThatWaits(int cap) {
        within(() -> {
            Duration never = Duration.ofMinutes(5);
            // receive: ended by a send
            Channel<Integer> c = Channel.make(cap);
            AtomicReference<String> got = new AtomicReference<>();
            Thread r = Go.go(() -> got.set(Select.select(c.onReceive(v -> "value " + v), Select.onTimeout(never, () -> "timeout"))));
            awaitWaitReason(r, WaitReason.SELECT);
            c.send(7);
            join(r);
            assertThat(got).hasValue("value 7");
            // send: ended by a receive (a full buffer first, if there is one)
            Channel<Integer> d = Channel.make(cap);
            for (int i = 0; i < cap; i++) {
                d.send(-1);
            }
            Thread s = Go.go(() -> got.set(Select.select(d.onSend(8, () -> "sent"), Select.onTimeout(never, () -> "timeout"))));
            awaitWaitReason(s, WaitReason.SELECT);
            for (int i = 0; i < cap; i++) {
                assertThat(d.receive()).isEqualTo(-1);
            }
            assertThat(d.receive()).isEqualTo(8);
            join(s);
            assertThat(got).hasValue("sent");
            // both time out, and leave nothing behind
            assertThat(Select.<String>select(c.onReceive(v -> "value " + v), Select.onTimeout(Duration.ofMillis(20), () -> "timeout")))
                    .isEqualTo("timeout");
            for (int i = 0; i < cap; i++) {
                d.send(-1);
            }
            assertThat(Select.<String>select(d.onSend(9, () -> "sent"), Select.onTimeout(Duration.ofMillis(20), () -> "timeout")))
                    .isEqualTo("timeout");
            assertThat(d.len()).isEqualTo(cap);
            // close ends both: the receive with ok = false, the send with "send on closed channel" (SE07)
            Thread rc = Go.go(() -> got.set(Select.select(c.onReceiveOk((v, ok) -> "ok " + ok), Select.onTimeout(never, () -> "timeout"))));
            awaitWaitReason(rc, WaitReason.SELECT);
            c.close();
            join(rc);
            assertThat(got).hasValue("ok false");
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread sc = Go.go(() -> {
                try {
                    Select.select(d.onSend(10), Select.onTimeout(never, () -> { }));
                } catch (ChannelClosedException e) {
                    thrown.set(e);
                }
            });
            awaitWaitReason(sc, WaitReason.SELECT);
            d.close();
            join(sc);
            assertThat(thrown.get()).hasMessage("send on closed channel");
        });
    }

    @Test
    @DisplayName("SE11: onTimeout starts anew on every select; it fires only if no other case got ready")
    void se11TimeoutRestarts() {
        within(() -> {
            Channel<Integer> ready = Channel.make(1000);
            for (int i = 0; i < 1000; i++) {
                ready.send(i);
            }
            for (int i = 0; i < 1000; i++) { // a ready case always beats a positive timeout
                int r = Select.select(ready.onReceive(v -> v), Select.onTimeout(Duration.ofNanos(1), () -> -1));
                assertThat(r).isEqualTo(i);
            }
            Channel<Integer> never = Channel.make();
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                String r = Select.select(never.onReceive(v -> "value"), Select.onTimeout(Duration.ofMillis(20), () -> "timeout"));
                assertThat(r).isEqualTo("timeout");
                assertThat(System.nanoTime() - t0).as("each iteration waits its full timeout").isGreaterThanOrEqualTo(20_000_000L);
            }
            // a non-positive timeout is ready at once
            assertThat(Select.<String>select(never.onReceive(v -> "value"), Select.onTimeout(Duration.ZERO, () -> "now")))
                    .isEqualTo("now");
            // and a value that arrives while waiting wins over the timeout
            Go.go(() -> never.send(5));
            assertThat(Select.<String>select(never.onReceive(v -> "value " + v), Select.onTimeout(Duration.ofMinutes(5), () -> "timeout")))
                    .isEqualTo("value 5");
        });
    }

    // ----------------------------------------------------------------------------- API details

    @Test
    @DisplayName("select returns the body's result; clause forms without body return the value / null")
    void results() throws InterruptedException {
        Channel<String> c = Channel.make(4);
        c.send("x");
        assertThat(Select.select(c.onReceive())).isEqualTo("x");
        assertThat(Select.<Void>select(c.onSend("y"))).isNull();
        assertThat(Select.<Integer>select(c.onReceive(String::length))).isEqualTo(1);
        c.send("z");
        List<String> seen = new ArrayList<>();
        Select.select(c.onReceive(v -> { seen.add(v); }));
        assertThat(seen).containsExactly("z");
        c.send("w");
        assertThat(Select.<String>select(Select.onReceiveOk(c, (v, ok) -> v + ok))).isEqualTo("wtrue");
        assertThat(Select.<String>select(Select.onSend(c, "v", () -> "sent"))).isEqualTo("sent");
        assertThat(Select.<String>select(Select.onReceive(c, v -> v))).isEqualTo("v");
    }

    @Test
    @DisplayName("a body's checked exception propagates unchanged (like a panic passing through)")
    void bodyExceptions() throws InterruptedException {
        Channel<Integer> c = Channel.make(1);
        c.send(1);
        IOException io = new IOException("boom");
        assertThatThrownBy(() -> Select.select(c.onReceive((Select.Consumer<Integer>) v -> { throw io; }))).isSameAs(io);
        c.send(1);
        IllegalStateException ise = new IllegalStateException("bang");
        assertThatThrownBy(() -> Select.select(c.onReceive((Select.Consumer<Integer>) v -> { throw ise; }))).isSameAs(ise);
        assertThatThrownBy(() -> Select.select(Select.otherwise(() -> { throw io; }))).isSameAs(io);
    }

    @Test
    @DisplayName("a clause not made by go4j is rejected")
    void foreignClause() {
        Select.Clause<Void> foreign = new Select.Clause<>() { };
        assertThatThrownBy(() -> Select.select(foreign)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 16})
    @DisplayName("a clause may be reused by later selects (clauses are immutable)")
    void clauseReuse(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(cap);
            Select.Clause<Void> send = c.onSend(4);
            Go.go(() -> {
                for (int i = 0; i < 10; i++) {
                    Select.select(send);
                }
            });
            for (int i = 0; i < 10; i++) {
                assertThat(c.receive()).isEqualTo(4);
            }
        });
    }
}
