package io.github.go4j.context;

/**
 * CancelCauseContext is a {@link CancelContext} whose cancellation can carry a cause: what Go's
 * {@code WithCancelCause} returns as {@code (ctx, cancel)} with a {@code CancelCauseFunc}.
 *
 * {@snippet :
 * try (CancelCauseContext ctx = Context.withCancelCause(parent)) {
 *     ...
 *     ctx.cancel(new IOException("backend unreachable"));
 *     ctx.err();    // Context.CANCELED
 *     ctx.cause();  // the IOException
 * }
 * }
 */
public interface CancelCauseContext extends CancelContext {

    /**
     * Cancels this context, recording {@code cause} (CX07). {@link #err()} becomes
     * {@link Context#CANCELED} and {@link #cause()} becomes {@code cause}, or {@link Context#CANCELED}
     * when {@code cause} is null. The first cancellation wins: a later call, or one on an
     * already-cancelled context (through its parent or its deadline), changes nothing. Otherwise as
     * {@link CancelContext#cancel()}.
     *
     * @param cause why; null means "no particular cause" and reads back as {@link Context#CANCELED}
     */
    void cancel(Throwable cause);

    /** Same as {@code cancel(null)}: the cause reads back as {@link Context#CANCELED}. */
    @Override
    void cancel();
}
