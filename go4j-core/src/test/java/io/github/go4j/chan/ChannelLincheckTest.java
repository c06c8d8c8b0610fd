package io.github.go4j.chan;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lincheck model checking: every interleaving explored (bounded) of the channel operations is
 * linearizable against the same channel run sequentially (for an unbuffered channel's blocking
 * operations, which have no sequential specification: delivers exactly once). The operations are the non-blocking ones
 * (trySend, tryReceive(Ok), close, len, select with default over two channels): Lincheck checks
 * blocking Java calls only as deadlocks, so parked operations are covered by the stress test and the
 * contract suite instead.
 */
@Tag("lincheck")
class ChannelLincheckTest {

    /**
     * The scenario: a channel of capacity 2, and an unbuffered one that no one waits on. A select's
     * random choice among several ready cases (SE02) would make the sequential specification
     * nondeterministic, so each select has at most one case that can be ready; the unbuffered channel
     * still makes it lock two channels in id order. Randomness is tested statistically in SelectTest.
     */
    @Param(name = "v", gen = IntGen.class, conf = "1:4")
    public static class Scenario {
        private final Channel<Integer> c = Channel.make(2);
        private final Channel<Integer> d = Channel.make();

        @Operation
        public String trySend(@Param(name = "v") int v) {
            try {
                return String.valueOf(c.trySend(v));
            } catch (ChannelClosedException e) {
                return e.getMessage();
            }
        }

        @Operation
        public String tryReceiveOk() {
            Received<Integer> r = c.tryReceiveOk();
            return String.valueOf(r);
        }

        @Operation
        public String close() {
            try {
                c.close();
                return "closed";
            } catch (ChannelClosedException e) {
                return e.getMessage();
            }
        }

        @Operation
        public int len() {
            return c.len();
        }

        @Operation
        public String select(@Param(name = "v") int v) throws InterruptedException {
            try {
                return Select.select(
                        c.onReceiveOk((x, ok) -> "c " + x + " " + ok),
                        d.onSend(v, () -> "d<-" + v),
                        Select.otherwise(() -> "default"));
            } catch (ChannelClosedException e) {
                return e.getMessage();
            }
        }

        @Operation
        public String selectOther() throws InterruptedException {
            return Select.select(
                    d.onReceive(x -> "d " + x),
                    c.onSend(7, () -> "c<-7"),
                    Select.otherwise(() -> "default"));
        }
    }

    /** What the sequential model answers for an operation that would block in that order. */
    static final String BLOCKED = "<blocked>";

    /**
     * Blocking operations on a channel of capacity 1, including selects that park on two channels
     * (the second, unbuffered, never ready). Lincheck reports a Java call that parks forever as a hang,
     * so these run in hand-written scenarios in which every operation terminates in every
     * interleaving; {@link BlockingModel} is the sequential specification.
     */
    public static class Blocking {
        private final Channel<Integer> b = Channel.make(1);
        /** Unbuffered channels nobody else uses; separate ones, or the two selects could pair on them. */
        private final Channel<Integer> neverR = Channel.make();
        private final Channel<Integer> neverS = Channel.make();

        @Operation(blocking = true)
        public String send(int v) throws InterruptedException {
            try {
                b.send(v);
                return "sent";
            } catch (ChannelClosedException e) {
                return e.getMessage();
            }
        }

        @Operation(blocking = true)
        public String receiveOk() throws InterruptedException {
            return String.valueOf(b.receiveOk());
        }

        @Operation
        public String close() {
            try {
                b.close();
                return "closed";
            } catch (ChannelClosedException e) {
                return e.getMessage();
            }
        }

        @Operation(blocking = true)
        public String selectReceive() throws InterruptedException {
            return Select.select(
                    b.onReceiveOk((x, ok) -> { return String.valueOf(new Received<>(x, ok)); }),
                    neverR.onReceive(x -> "never"));
        }

        @Operation(blocking = true)
        public String selectSend(int v) throws InterruptedException {
            try {
                return Select.select(b.onSend(v, () -> "sent"), neverS.onSend(v, () -> "never"));
            } catch (ChannelClosedException e) {
                return e.getMessage();
            }
        }

        // Non-blocking operations, answered without the lock while nobody waits (ADR 0050): they run
        // against parked senders and receivers, and against the channel going in and out of slow mode.

        @Operation
        public String trySend(int v) {
            try {
                return String.valueOf(b.trySend(v));
            } catch (ChannelClosedException e) {
                return e.getMessage();
            }
        }

        @Operation
        public String tryReceiveOk() {
            return String.valueOf(b.tryReceiveOk());
        }

        @Operation
        public int len() {
            return b.len();
        }
    }

    /** The sequential specification of {@link Blocking}: a bounded FIFO queue with a closed flag. */
    public static class BlockingModel {
        private final java.util.ArrayDeque<Integer> q = new java.util.ArrayDeque<>();
        private boolean closed;

        public String send(int v) {
            if (closed) {
                return "send on closed channel";
            }
            if (q.size() == 1) {
                return BLOCKED;
            }
            q.add(v);
            return "sent";
        }

        public String receiveOk() {
            if (!q.isEmpty()) {
                return String.valueOf(Received.of(q.poll()));
            }
            return closed ? String.valueOf(Received.closed()) : BLOCKED;
        }

        public String close() {
            if (closed) {
                return "close of closed channel";
            }
            closed = true;
            return "closed";
        }

        public String selectReceive() {
            return receiveOk();
        }

        public String selectSend(int v) {
            return send(v);
        }

        public String trySend(int v) {
            String r = send(v);
            return r == BLOCKED ? "false" : r.equals("sent") ? "true" : r;
        }

        public String tryReceiveOk() {
            String r = receiveOk();
            return r == BLOCKED ? "null" : r;
        }

        public int len() {
            return q.size();
        }
    }

    /**
     * Blocking operations on an unbuffered channel, whose plain sends and receives meet in its slot
     * without the lock while nobody else waits (ADR 0051), against selects, non-blocking operations and
     * close, which take the lock and move a slot waiter into the queues. A rendezvous has no sequential
     * specification Lincheck can run (a send returns only when a receive runs concurrently), so the
     * operations return nothing and {@link #exactlyOnce} checks, after every explored interleaving,
     * that the values whose send returned normally are exactly the values received, each once.
     */
    public static class Rendezvous {
        private final Channel<Integer> c = Channel.make();
        private final Channel<Integer> neverR = Channel.make();
        private final Channel<Integer> neverS = Channel.make();
        /** Bit v: the send of v returned normally; the receive of v returned it. */
        private final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean duplicate;

        private void markSent(int v) {
            sent.getAndAccumulate(1 << v, (a, b) -> a | b);
        }

        private void got(Integer v) {
            if (v != null && (received.getAndAccumulate(1 << v, (a, b) -> a | b) & 1 << v) != 0) {
                duplicate = true;
            }
        }

        @Operation(blocking = true)
        public void send(int v) throws InterruptedException {
            try {
                c.send(v);
                markSent(v);
            } catch (ChannelClosedException e) {
                // closed first: not sent
            }
        }

        @Operation(blocking = true)
        public void receiveOk() throws InterruptedException {
            got(c.receiveOk().value());
        }

        @Operation(blocking = true)
        public void selectSend(int v) throws InterruptedException {
            try {
                if (Select.select(c.onSend(v, () -> true), neverS.onSend(v, () -> false))) {
                    markSent(v);
                }
            } catch (ChannelClosedException e) {
                // closed first: not sent
            }
        }

        @Operation(blocking = true)
        public void selectReceive() throws InterruptedException {
            got(Select.select(c.onReceiveOk((x, ok) -> x), neverR.onReceive(x -> (Integer) null)));
        }

        @Operation
        public void trySend(int v) {
            try {
                if (c.trySend(v)) {
                    markSent(v);
                }
            } catch (ChannelClosedException e) {
                // closed: not sent
            }
        }

        @Operation
        public void tryReceive() {
            got(c.tryReceive());
        }

        @Operation
        public void close() {
            c.close();
        }

        @Validate
        public void exactlyOnce() {
            if (duplicate || sent.get() != received.get()) {
                throw new IllegalStateException("sent " + Integer.toBinaryString(sent.get()) + ", received "
                        + Integer.toBinaryString(received.get()) + (duplicate ? ", one twice" : ""));
            }
        }
    }

    /** {@link Rendezvous} returns nothing: any interleaving's results match this. */
    public static class RendezvousModel {
        public void send(int v) {}

        public void receiveOk() {}

        public void selectSend(int v) {}

        public void selectReceive() {}

        public void trySend(int v) {}

        public void tryReceive() {}

        public void close() {}
    }

    private static org.jetbrains.kotlinx.lincheck.Actor actor(String name, Object... args) {
        return actor(Blocking.class, name, args);
    }

    private static org.jetbrains.kotlinx.lincheck.Actor actor(Class<?> type, String name, Object... args) {
        for (java.lang.reflect.Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                return new org.jetbrains.kotlinx.lincheck.Actor(m, java.util.List.of(args));
            }
        }
        throw new IllegalArgumentException(name);
    }

    @SafeVarargs
    private static org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario parallel(
            java.util.List<org.jetbrains.kotlinx.lincheck.Actor>... threads) {
        return new org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario(
                java.util.List.of(), java.util.List.of(threads), java.util.List.of(), null);
    }

    @Test
    @DisplayName("Lincheck model checking: blocking send/receive/close and parking selects (CH01, CH05, CH07, CH09, CH10)")
    void modelCheckingBlocking() {
        assertThatCode(() -> new ModelCheckingOptions()
                .iterations(0) // only the scenarios below: each terminates in every interleaving
                .invocationsPerIteration(400)
                .sequentialSpecification(BlockingModel.class)
                .addCustomScenario(parallel(
                        java.util.List.of(actor("send", 1), actor("send", 2), actor("send", 3)),
                        java.util.List.of(actor("receiveOk"), actor("receiveOk"), actor("receiveOk"))))
                .addCustomScenario(parallel(
                        java.util.List.of(actor("send", 1), actor("send", 2)),
                        java.util.List.of(actor("receiveOk")),
                        java.util.List.of(actor("close"))))
                .addCustomScenario(parallel(
                        java.util.List.of(actor("receiveOk"), actor("receiveOk")),
                        java.util.List.of(actor("send", 1), actor("close"))))
                .addCustomScenario(parallel(
                        java.util.List.of(actor("selectReceive"), actor("selectReceive")),
                        java.util.List.of(actor("selectSend", 1), actor("send", 2))))
                .addCustomScenario(parallel(
                        java.util.List.of(actor("selectReceive")),
                        java.util.List.of(actor("close")),
                        java.util.List.of(actor("selectSend", 5), actor("selectSend", 6))))
                // The buffer's lock-free paths (ADR 0050) against a parked sender whose value a receive
                // moves into the buffer (CH10), and against close (CH07, CH09). A scenario must end in
                // every interleaving: a successful trySend or tryReceiveOk may leave a blocking operation
                // without a partner, so each one below still leaves room for every blocking send and a
                // value for every blocking receive.
                .addCustomScenario(parallel(
                        java.util.List.of(actor("send", 1), actor("send", 2)),
                        java.util.List.of(actor("receiveOk")),
                        java.util.List.of(actor("len"), actor("tryReceiveOk"))))
                .addCustomScenario(parallel(
                        java.util.List.of(actor("send", 1), actor("send", 2)),
                        java.util.List.of(actor("receiveOk"), actor("receiveOk")),
                        java.util.List.of(actor("trySend", 3), actor("len"))))
                .addCustomScenario(parallel(
                        java.util.List.of(actor("selectSend", 1), actor("send", 2)),
                        java.util.List.of(actor("receiveOk"), actor("close")),
                        java.util.List.of(actor("tryReceiveOk"), actor("trySend", 3))))
                .check(Blocking.class))
                .doesNotThrowAnyException();
    }

    private static org.jetbrains.kotlinx.lincheck.Actor rv(String name, Object... args) {
        return actor(Rendezvous.class, name, args);
    }

    @Test
    @DisplayName("Lincheck model checking: an unbuffered channel's slot against selects, non-blocking ops and close: exactly once (CH09, CH11, ADR 0051)")
    void modelCheckingRendezvous() {
        // Each scenario ends in every interleaving: close ends whatever is left waiting.
        assertThatCode(() -> new ModelCheckingOptions()
                .iterations(0)
                .invocationsPerIteration(400)
                .sequentialSpecification(RendezvousModel.class)
                .addCustomScenario(parallel(
                        java.util.List.of(rv("send", 1), rv("send", 2)),
                        java.util.List.of(rv("receiveOk"), rv("receiveOk")),
                        java.util.List.of(rv("trySend", 3), rv("close"))))
                .addCustomScenario(parallel(
                        java.util.List.of(rv("send", 1)),
                        java.util.List.of(rv("send", 2)),
                        java.util.List.of(rv("receiveOk"), rv("tryReceive"), rv("close"))))
                .addCustomScenario(parallel(
                        java.util.List.of(rv("receiveOk")),
                        java.util.List.of(rv("selectReceive")),
                        java.util.List.of(rv("send", 1), rv("trySend", 2), rv("close"))))
                .addCustomScenario(parallel(
                        java.util.List.of(rv("selectSend", 1)),
                        java.util.List.of(rv("send", 2)),
                        java.util.List.of(rv("receiveOk"), rv("close"))))
                .check(Rendezvous.class))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("Lincheck model checking: trySend/tryReceiveOk/close/len/select-with-default are linearizable")
    void modelChecking() {
        assertThatCode(() -> new ModelCheckingOptions()
                .iterations(20)
                .invocationsPerIteration(300)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(1)
                .actorsAfter(1)
                .check(Scenario.class))
                .doesNotThrowAnyException();
    }
}
