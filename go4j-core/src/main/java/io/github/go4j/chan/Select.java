package io.github.go4j.chan;

import io.github.go4j.internal.SelectImpl;
import java.time.Duration;

/**
 * Go's {@code select} statement: waits until one of several channel operations can proceed, performs
 * exactly that one, and runs its clause's body.
 *
 * {@snippet :
 * for (;;) {
 *     boolean stop = Select.select(
 *         results.onReceive(r -> { System.out.println(r); return false; }),
 *         ctx.done().onReceive(v -> true),
 *         Select.onTimeout(Duration.ofSeconds(1), () -> { System.out.println("timeout"); return false; }));
 *     if (stop) break;
 * }
 * }
 *
 * <ul>
 * <li>Clauses are built before the select runs, so channel operands and sent values are evaluated once,
 * in source order (SE01).</li>
 * <li>Among ready clauses, one is chosen uniformly at random (SE02).</li>
 * <li>{@link #otherwise} is Go's {@code default}: it runs only if no clause can proceed at that instant
 * (SE03).</li>
 * <li>A {@code null} channel given to {@link #onReceive(ReceiveChannel, Consumer)} or
 * {@link #onSend(SendChannel, Object, Action)} is Go's nil channel: its clause is never ready (CH04,
 * SE08). A select with no clause that can ever be ready blocks forever (SE04).</li>
 * <li>A receive clause on a closed channel is always ready, and receives null / ok false (SE07); a send
 * clause on a closed channel, when chosen, throws "send on closed channel".</li>
 * <li>The same channel may appear in several clauses (SE06); a select never pairs a send with its own
 * receive (SE05).</li>
 * <li>Blocking and interruption: as for {@link Channel}; an interrupted select performs no operation.
 * A blocked select shows wait reason {@code select} in goroutine dumps (SE10).</li>
 * <li>Memory effects: those of the one channel operation performed (see {@link Channel}).</li>
 * <li>Nulls: a {@code null} channel is Go's nil channel; a {@code null} value to send is rejected with
 * {@link NullPointerException} when the clause is built.</li>
 * <li>A body's exception propagates out of {@code select} unchanged; checked ones too (sneaky-thrown,
 * like a Go panic passing through).</li>
 * </ul>
 */
public final class Select {

    private Select() {}

    /** A body without argument or result. */
    @FunctionalInterface
    public interface Action {
        /** Runs the body. */
        void run() throws Exception;
    }

    /** A body without argument that returns the select's result. */
    @FunctionalInterface
    public interface Supplier<R> {
        /** Runs the body. */
        R get() throws Exception;
    }

    /** A body that takes the received value. */
    @FunctionalInterface
    public interface Consumer<T> {
        /** Runs the body. */
        void accept(T value) throws Exception;
    }

    /** A body that takes the received value and returns the select's result. */
    @FunctionalInterface
    public interface Function<T, R> {
        /** Runs the body. */
        R apply(T value) throws Exception;
    }

    /** A body that takes Go's {@code v, ok}. */
    @FunctionalInterface
    public interface BiConsumer<T, U> {
        /** Runs the body. */
        void accept(T value, U ok) throws Exception;
    }

    /** A body that takes Go's {@code v, ok} and returns the select's result. */
    @FunctionalInterface
    public interface BiFunction<T, U, R> {
        /** Runs the body. */
        R apply(T value, U ok) throws Exception;
    }

    /**
     * One case of a select. Made by the channels ({@code ch.onReceive(...)}, {@code ch.onSend(...)})
     * or by this class's static factories. Clauses are immutable: one may be used by many selects,
     * one after the other or at once.
     *
     * @param <R> what the clause's body returns
     */
    public interface Clause<R> {
        // Implemented by the runtime only (io.github.go4j.internal); a select rejects other implementations.
    }

    /**
     * Runs a select over {@code clauses}.
     *
     * @return what the chosen clause's body returned
     * @throws InterruptedException if interrupted while blocked; no operation was performed
     * @throws IllegalArgumentException if there are two {@code otherwise} clauses, or a clause was not
     *         made by go4j
     * @throws ChannelClosedException "send on closed channel" if a send clause on a closed channel is
     *         chosen (SE07)
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, never written or exposed
    public static <R> R select(Clause<? extends R>... clauses) throws InterruptedException {
        return SelectImpl.select(clauses);
    }

    /** Go's {@code default}: runs {@code body} if no other clause is ready. */
    public static Clause<Void> otherwise(Action body) {
        return SelectImpl.otherwise(body);
    }

    /** Go's {@code default}, returning the select's result. */
    public static <R> Clause<R> otherwise(Supplier<R> body) {
        return SelectImpl.otherwise(body);
    }

    /**
     * A clause that becomes ready once {@code timeout} has passed since the select began (on the library
     * clock): {@code case <-time.After(d)} without allocating a channel (SE11). The time starts anew
     * with each select. A timeout of zero or less is ready at once, and then competes with the other
     * ready clauses at random.
     */
    public static Clause<Void> onTimeout(Duration timeout, Action body) {
        return SelectImpl.onTimeout(timeout, body);
    }

    /** As {@link #onTimeout(Duration, Action)}, returning the select's result. */
    public static <R> Clause<R> onTimeout(Duration timeout, Supplier<R> body) {
        return SelectImpl.onTimeout(timeout, body);
    }

    /** A receive clause; {@code ch == null} is Go's nil channel, never ready. */
    public static <T> Clause<Void> onReceive(ReceiveChannel<T> ch, Consumer<? super T> body) {
        return SelectImpl.onReceive(ch, body);
    }

    /** A receive clause returning the select's result; {@code ch == null} is never ready. */
    public static <T, R> Clause<R> onReceive(ReceiveChannel<T> ch, Function<? super T, ? extends R> body) {
        return SelectImpl.onReceive(ch, body);
    }

    /** A {@code v, ok} receive clause; {@code ch == null} is never ready. */
    public static <T, R> Clause<R> onReceiveOk(ReceiveChannel<T> ch, BiFunction<? super T, Boolean, ? extends R> body) {
        return SelectImpl.onReceiveOk(ch, body);
    }

    /** A send clause; {@code ch == null} is Go's nil channel, never ready. */
    public static <T> Clause<Void> onSend(SendChannel<T> ch, T value, Action body) {
        return SelectImpl.onSend(ch, value, body);
    }

    /** A send clause returning the select's result; {@code ch == null} is never ready. */
    public static <T, R> Clause<R> onSend(SendChannel<T> ch, T value, Supplier<R> body) {
        return SelectImpl.onSend(ch, value, body);
    }
}
