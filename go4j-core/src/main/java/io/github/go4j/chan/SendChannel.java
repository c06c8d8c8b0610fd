package io.github.go4j.chan;

import java.time.Duration;
import io.github.go4j.context.Context;
import io.github.go4j.context.ContextException;

/**
 * The sending side of a channel: Go's {@code chan<- T}. A method that takes a {@code SendChannel}
 * can only send to it and close it; the compiler checks it, as Go's does.
 *
 * <p>See {@link Channel} for the full contract (blocking, interruption, close, memory effects, nulls).
 * Besides the exceptions each method lists, sending on or closing a channel made inside a synctest
 * bubble from outside it throws {@link IllegalStateException} with Go's message (TH10):
 * {@code "send on synctest channel from outside bubble"}, {@code "close of synctest channel from outside
 * bubble"}, or for {@code send(ctx, value)}, a select, {@code "select on synctest channel from outside
 * bubble"}.
 *
 * @param <T> the element type
 */
public interface SendChannel<T> {

    /**
     * Sends {@code value}, blocking until a receiver takes it (unbuffered) or there is room in the
     * buffer (CH01). Go's {@code ch <- value}.
     *
     * @throws ChannelClosedException "send on closed channel", also when the channel is closed while
     *         this send is blocked (CH05, CH09)
     * @throws InterruptedException if interrupted while blocked; the value was then not sent
     * @throws NullPointerException if value is null
     */
    void send(T value) throws InterruptedException;

    /**
     * Sends {@code value} if that can be done without blocking: Go's
     * {@code select { case ch <- v: default: }}.
     *
     * @return true if sent, false if it would have blocked
     * @throws ChannelClosedException "send on closed channel"
     * @throws NullPointerException if value is null
     */
    boolean trySend(T value);

    /**
     * Sends {@code value}, waiting at most {@code timeout} (measured on the library clock).
     *
     * @return true if sent, false if the time ran out first (the value was then not sent)
     * @throws ChannelClosedException "send on closed channel"
     * @throws InterruptedException if interrupted while blocked; the value was then not sent
     * @throws NullPointerException if value is null
     */
    boolean send(T value, Duration timeout) throws InterruptedException;

    /**
     * Closes the channel: no more values will be sent. Receivers drain what is buffered, then get
     * {@code null} / {@code ok == false} at once, forever (CH07). Blocked receivers are released and
     * blocked senders fail with "send on closed channel" (CH09).
     *
     * @throws ChannelClosedException "close of closed channel" (CH06)
     */
    void close();

    /** Number of elements queued in the buffer (CH08); 0 for an unbuffered channel. */
    int len();

    /** Buffer capacity (CH08); 0 for an unbuffered channel. */
    int cap();

    /**
     * A select clause that sends {@code value} and then runs {@code body}; the select returns null.
     * The value is evaluated once, when the clause is built (SE01).
     */
    Select.Clause<Void> onSend(T value, Select.Action body);

    /** A select clause that sends {@code value} and then returns what {@code body} returns. */
    <R> Select.Clause<R> onSend(T value, Select.Supplier<R> body);

    /** A select clause that only sends {@code value}; the select returns null. */
    Select.Clause<Void> onSend(T value);

    /**
     * Sends {@code value} unless {@code ctx} is done first: Go's
     * {@code select { case ch <- value: case <-ctx.Done(): return ctx.Err() }}. If {@code ctx} is already
     * done when called, nothing is sent, even if the send could proceed. Otherwise it blocks until the
     * send completes or the context is done; if both are possible at once, one is chosen at random
     * (SE02). A context that can never be done ({@code ctx.done() == null}) makes this a plain
     * {@link #send(Object)}.
     *
     * @throws ContextException {@code ctx.err()} if the context was done first; the value was then not sent
     * @throws ChannelClosedException "send on closed channel"
     * @throws InterruptedException if interrupted while blocked; the value was then not sent
     * @throws NullPointerException if ctx or value is null
     */
    default void send(Context ctx, T value) throws ContextException, InterruptedException {
        ContextException e = ctx.err();
        if (e != null) {
            throw e;
        }
        ReceiveChannel<Void> done = ctx.done();
        if (done == null) {
            send(value);
            return;
        }
        boolean sent = Select.select(onSend(value, () -> true), Select.onReceive(done, (Void v) -> false));
        if (!sent) {
            throw ctx.err();
        }
    }
}
