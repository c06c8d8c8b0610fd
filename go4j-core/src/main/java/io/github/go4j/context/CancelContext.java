package io.github.go4j.context;

/**
 * CancelContext is a {@link Context} together with its cancel function: what Go's
 * {@code WithCancel}, {@code WithTimeout} and {@code WithDeadline} return as {@code (ctx, cancel)}.
 *
 * <p>It is {@link AutoCloseable}, and {@link #close()} cancels, so try-with-resources is Go's
 * {@code defer cancel()}:
 * {@snippet :
 * try (CancelContext ctx = Context.withTimeout(parent, Duration.ofSeconds(2))) {
 *     return fetch(ctx);           // ctx.done() closes after 2s, or when the block ends
 * }
 * }
 *
 * <p>Hand the context to callees typed as {@link Context}: code that only receives a context should
 * not cancel it (in Go it cannot; here it could by casting, and must not).
 */
public interface CancelContext extends Context, AutoCloseable {

    /**
     * Cancels this context: Go's {@code CancelFunc}. If the context is not done yet, its
     * {@link #err()} becomes {@link Context#CANCELED}, its {@link #done()} channel is closed, and so are
     * those of all its descendants (synchronously, before this returns; CX04), and it is unlinked from
     * its parent. If it is already done, nothing happens: cancel is idempotent and safe to call from many
     * goroutines at once (CX03). Cancel does not wait for the work the context governs to stop, and it
     * never blocks on anything but short internal locks.
     */
    void cancel();

    /** Same as {@link #cancel()}: lets try-with-resources release the context like Go's {@code defer cancel()}. */
    @Override
    default void close() {
        cancel();
    }
}
