package io.github.go4j.chan;

import java.time.Duration;
import io.github.go4j.context.Context;
import io.github.go4j.context.ContextException;

/**
 * The receiving side of a channel: Go's {@code <-chan T}. It is {@link Iterable}: {@code for (T v : ch)}
 * is Go's {@code for v := range ch}, ending when the channel is closed and drained.
 *
 * <p>See {@link Channel} for the full contract. Besides the exceptions each method lists, receiving
 * from a channel made inside a synctest bubble from outside it (blocking, {@code try}, timed, iterating)
 * throws {@link IllegalStateException} with Go's message {@code "receive on synctest channel from outside
 * bubble"}, and {@code receive(ctx)} or any other select on it {@code "select on synctest channel from
 * outside bubble"} (TH10).
 *
 * <p>The clause factories come in pairs: a body that returns nothing and one that returns the select's
 * result. Java picks the pair member from the lambda's shape; a lambda that is a single call returning
 * a value ({@code v -> list.add(v)}) fits both, and javac then asks for braces
 * ({@code v -> { list.add(v); }}) or a {@code return}.
 *
 * @param <T> the element type
 */
@SuppressWarnings("overloads") // the Consumer/Function pairs are meant to be chosen by lambda shape
public interface ReceiveChannel<T> extends Iterable<T> {

    /**
     * Receives a value, blocking until one is available: Go's {@code v := <-ch}.
     *
     * @return the value, or {@code null} once the channel is closed and drained (Go's zero value)
     * @throws InterruptedException if interrupted while blocked; nothing was then consumed
     */
    T receive() throws InterruptedException;

    /**
     * Receives a value and whether it came from a send: Go's {@code v, ok := <-ch}.
     *
     * @return {@code (value, true)}, or {@code (null, false)} once closed and drained
     * @throws InterruptedException if interrupted while blocked; nothing was then consumed
     */
    Received<T> receiveOk() throws InterruptedException;

    /**
     * Receives a value if one is ready now: Go's {@code select { case v := <-ch: default: }}.
     *
     * @return the value, or null if none was ready or the channel is closed and drained (use
     *         {@link #tryReceiveOk()} to tell those apart)
     */
    T tryReceive();

    /**
     * Receives if that can be done without blocking (CH13: closed and empty is one atomic observation).
     *
     * @return null if it would block; else {@code (value, true)} or {@code (null, false)} when closed
     */
    Received<T> tryReceiveOk();

    /**
     * Receives, waiting at most {@code timeout} on the library clock.
     *
     * @return the value, or null on timeout or when closed and drained
     * @throws InterruptedException if interrupted while blocked; nothing was then consumed
     */
    T receive(Duration timeout) throws InterruptedException;

    /**
     * Receives, waiting at most {@code timeout} on the library clock.
     *
     * @return null on timeout; else {@code (value, true)} or {@code (null, false)} when closed
     * @throws InterruptedException if interrupted while blocked; nothing was then consumed
     */
    Received<T> receiveOk(Duration timeout) throws InterruptedException;

    /** Number of elements queued in the buffer (CH08). */
    int len();

    /** Buffer capacity (CH08). */
    int cap();

    /** A select clause that receives a value and passes it ({@code null} when closed) to {@code body}. */
    Select.Clause<Void> onReceive(Select.Consumer<? super T> body);

    /** A select clause that receives a value and returns what {@code body} makes of it. */
    <R> Select.Clause<R> onReceive(Select.Function<? super T, ? extends R> body);

    /** A select clause that receives a value and returns it (null when closed). */
    Select.Clause<T> onReceive();

    /** A select clause that receives {@code (value, ok)}: Go's {@code case v, ok := <-ch}. */
    <R> Select.Clause<R> onReceiveOk(Select.BiFunction<? super T, Boolean, ? extends R> body);

    /** A select clause that receives {@code (value, ok)} and passes them to {@code body}. */
    Select.Clause<Void> onReceiveOk(Select.BiConsumer<? super T, Boolean> body);

    /**
     * Receives a value unless {@code ctx} is done first: Go's
     * {@code select { case v := <-ch: case <-ctx.Done(): return ctx.Err() }}. As {@link #receiveOk(Context)},
     * keeping only the value.
     *
     * @return the value, or {@code null} once the channel is closed and drained
     * @throws ContextException {@code ctx.err()} if the context was done first; nothing was consumed
     * @throws InterruptedException if interrupted while blocked; nothing was then consumed
     */
    default T receive(Context ctx) throws ContextException, InterruptedException {
        return receiveOk(ctx).value();
    }

    /**
     * Receives a value and whether it came from a send, unless {@code ctx} is done first. If {@code ctx}
     * is already done when called, nothing is received, even if a value is ready. Otherwise it blocks
     * until a receive completes or the context is done; if both are possible at once, one is chosen at
     * random (SE02). A context that can never be done ({@code ctx.done() == null}) makes this a plain
     * {@link #receiveOk()}.
     *
     * @return {@code (value, true)}, or {@code (null, false)} once closed and drained
     * @throws ContextException {@code ctx.err()} if the context was done first; nothing was consumed
     * @throws InterruptedException if interrupted while blocked; nothing was then consumed
     * @throws NullPointerException if ctx is null
     */
    default Received<T> receiveOk(Context ctx) throws ContextException, InterruptedException {
        ContextException e = ctx.err();
        if (e != null) {
            throw e;
        }
        ReceiveChannel<Void> done = ctx.done();
        if (done == null) {
            return receiveOk();
        }
        Received<T> r = Select.select(
                onReceiveOk((v, ok) -> ok ? Received.of(v) : Received.<T>closed()),
                Select.onReceive(done, (Void v) -> (Received<T>) null));
        if (r == null) {
            throw ctx.err();
        }
        return r;
    }
}
