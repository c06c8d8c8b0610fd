package io.github.go4j.internal;

import io.github.go4j.chan.Select;

/**
 * One case of a select, as built by the clause factories: immutable, so the channel operand and the
 * value to send are evaluated once, when the clause is built (SE01).
 *
 * @param <R> what the body returns
 */
final class SelectClause<R> implements Select.Clause<R> {

    /** A receive case ({@code case v := <-ch}, {@code case v, ok := <-ch}). */
    static final int RECEIVE = 0;
    /** A send case ({@code case ch <- v}). */
    static final int SEND = 1;
    /** Go's {@code default}. */
    static final int DEFAULT = 2;
    /** {@code case <-time.After(d)} without the channel. */
    static final int TIMEOUT = 3;

    /** One of the kinds above. */
    final int kind;
    /** The channel; null is Go's nil channel (never ready) or no channel (DEFAULT, TIMEOUT). */
    final Chan<?> ch;
    /** The value a SEND case sends. */
    final Object value;
    /** The timeout of a TIMEOUT case, in nanoseconds. */
    final long nanos;
    /**
     * The body: one of {@code Select}'s functional interfaces, or null for "no body" (a receive case
     * then returns the received value, other cases null).
     */
    final Object body;

    SelectClause(int kind, Chan<?> ch, Object value, long nanos, Object body) {
        this.kind = kind;
        this.ch = ch;
        this.value = value;
        this.nanos = nanos;
        this.body = body;
    }

    /** Runs the body for a receive of {@code (v, ok)}, or for another kind (arguments ignored). */
    @SuppressWarnings("unchecked")
    Object run(Object v, boolean ok) throws Exception {
        Object b = body;
        if (b == null) {
            return kind == RECEIVE ? v : null;
        }
        if (b instanceof Select.Consumer<?> c) {
            ((Select.Consumer<Object>) c).accept(v);
            return null;
        }
        if (b instanceof Select.Function<?, ?> f) {
            return ((Select.Function<Object, Object>) f).apply(v);
        }
        if (b instanceof Select.BiFunction<?, ?, ?> f) {
            return ((Select.BiFunction<Object, Boolean, Object>) f).apply(v, ok);
        }
        if (b instanceof Select.BiConsumer<?, ?> c) {
            ((Select.BiConsumer<Object, Boolean>) c).accept(v, ok);
            return null;
        }
        if (b instanceof Select.Action a) {
            a.run();
            return null;
        }
        return ((Select.Supplier<?>) b).get();
    }
}
