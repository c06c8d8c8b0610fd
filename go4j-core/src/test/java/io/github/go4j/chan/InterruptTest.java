package io.github.go4j.chan;

import static io.github.go4j.chan.ChanTesting.awaitParked;
import static io.github.go4j.chan.ChanTesting.join;
import static io.github.go4j.chan.ChanTesting.within;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.Go;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Interruption: an interrupted operation has no effect, and the flag is handled as documented. */
class InterruptTest {

    /** What a goroutine saw: the exception it caught and its interrupt flag right after. */
    record Outcome(Throwable error, boolean flagAfter) { }

    private static Thread run(AtomicReference<Outcome> out, io.github.go4j.Go.Task body) {
        return Go.go(() -> {
            try {
                body.run();
                out.set(new Outcome(null, Thread.currentThread().isInterrupted()));
            } catch (Throwable e) {
                out.set(new Outcome(e, Thread.currentThread().isInterrupted()));
            }
        });
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 2, 16, 1024})
    @DisplayName("an interrupted send did not send; the flag is cleared by the InterruptedException")
    void interruptedSendDidNotSend(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(cap);
            for (int i = 0; i < cap; i++) {
                c.send(i);
            }
            AtomicReference<Outcome> out = new AtomicReference<>();
            Thread s = run(out, () -> c.send(-1));
            awaitParked(s);
            s.interrupt();
            join(s);
            assertThat(out.get().error()).isInstanceOf(InterruptedException.class);
            assertThat(out.get().flagAfter()).isFalse();
            for (int i = 0; i < cap; i++) {
                assertThat(c.receive()).isEqualTo(i);
            }
            assertThat(c.tryReceiveOk()).as("the interrupted send's value is nowhere").isNull();
            assertThat(c.len()).isZero();
        });
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 2, 16, 1024})
    @DisplayName("an interrupted receive consumed nothing")
    void interruptedReceiveConsumedNothing(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(cap);
            AtomicReference<Outcome> out = new AtomicReference<>();
            Thread r = run(out, () -> c.receive());
            awaitParked(r);
            r.interrupt();
            join(r);
            assertThat(out.get().error()).isInstanceOf(InterruptedException.class);
            // the receiver left the queue: a send finds nobody (cap 0) or stays in the buffer
            assertThat(c.trySend(5)).isEqualTo(cap > 0);
            assertThat(c.len()).isEqualTo(cap > 0 ? 1 : 0);
        });
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 16})
    @DisplayName("timed operations and select are interruptible too, with no effect")
    void interruptedTimedAndSelect(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(cap);
            for (int i = 0; i < cap; i++) {
                c.send(i);
            }
            Channel<Integer> empty = Channel.make(cap);
            AtomicReference<Outcome> o1 = new AtomicReference<>();
            AtomicReference<Outcome> o2 = new AtomicReference<>();
            AtomicReference<Outcome> o3 = new AtomicReference<>();
            Thread t1 = run(o1, () -> c.send(-1, Duration.ofMinutes(5)));
            Thread t2 = run(o2, () -> empty.receive(Duration.ofMinutes(5)));
            Thread t3 = run(o3, () -> Select.select(c.onSend(-2), empty.onReceive(), Select.onTimeout(Duration.ofMinutes(5), () -> { })));
            for (Thread t : new Thread[] {t1, t2, t3}) {
                awaitParked(t);
                t.interrupt();
                join(t);
            }
            for (AtomicReference<Outcome> o : java.util.List.of(o1, o2, o3)) {
                assertThat(o.get().error()).isInstanceOf(InterruptedException.class);
            }
            for (int i = 0; i < cap; i++) {
                assertThat(c.receive()).isEqualTo(i);
            }
            assertThat(c.tryReceiveOk()).isNull();
            assertThat(empty.trySend(1)).isEqualTo(cap > 0);
        });
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 16})
    @DisplayName("an operation that need not block completes even with the flag set, and keeps the flag")
    void readyOperationIgnoresFlag(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(Math.max(cap, 1));
            c.send(1);
            AtomicReference<Outcome> out = new AtomicReference<>();
            AtomicReference<Integer> got = new AtomicReference<>();
            Thread t = run(out, () -> {
                Thread.currentThread().interrupt();
                got.set(c.receive());
            });
            join(t);
            assertThat(out.get().error()).isNull();
            assertThat(out.get().flagAfter()).isTrue();
            assertThat(got.get()).isEqualTo(1);
        });
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 16})
    @DisplayName("a blocking operation started with the flag set throws at once, with no effect")
    void flagSetBeforeBlocking(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(cap);
            AtomicReference<Outcome> out = new AtomicReference<>();
            Thread t = run(out, () -> {
                Thread.currentThread().interrupt();
                c.receive();
            });
            join(t);
            assertThat(out.get().error()).isInstanceOf(InterruptedException.class);
            assertThat(c.trySend(1)).isEqualTo(cap > 0);
        });
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 1, 2, 16, 1024})
    @DisplayName("iteration: an interrupt becomes ChannelInterruptedException, with the flag set")
    void iterationInterrupted(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(cap);
            c.trySend(1);
            AtomicReference<Outcome> out = new AtomicReference<>();
            AtomicBoolean sawFirst = new AtomicBoolean(cap == 0);
            Thread t = run(out, () -> {
                for (int v : c) {
                    sawFirst.set(v == 1);
                }
            });
            awaitParked(t);
            t.interrupt();
            join(t);
            assertThat(sawFirst).isTrue();
            assertThat(out.get().error()).isInstanceOf(ChannelInterruptedException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(out.get().flagAfter()).isTrue();
            assertThat(c.trySend(2)).isEqualTo(cap > 0); // the iterator consumed nothing more
        });
    }
}
