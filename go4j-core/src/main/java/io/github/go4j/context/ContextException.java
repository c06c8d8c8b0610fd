package io.github.go4j.context;

/**
 * ContextException is why a {@link Context} is done: Go's {@code context.Canceled} or
 * {@code context.DeadlineExceeded}. It is sealed, and each of its two subclasses has exactly one
 * instance, {@link Context#CANCELED} and {@link Context#DEADLINE_EXCEEDED}, so that Go's
 * {@code errors.Is(err, context.Canceled)} is {@code err == Context.CANCELED} or, equivalently,
 * {@code err instanceof CanceledException}.
 *
 * <p>The two values are shared and immutable: they carry no stack trace, no cause and accept no
 * suppressed exceptions. {@link Context#err()} returns them, and the context-aware blocking operations
 * ({@code ch.receive(ctx)}, {@code Time.sleep(ctx, d)}, ...) throw them. The richer reason a context
 * was cancelled, if any, is its {@link Context#cause() cause}.
 *
 * <p>It is a checked exception because a done context is an expected outcome that callers handle,
 * like Go's error return.
 */
public abstract sealed class ContextException extends Exception permits CanceledException, DeadlineExceededException {

    private static final long serialVersionUID = 1L;

    ContextException(String message) {
        // no cause (so initCause fails), no suppression, no stack trace: a shared immutable value
        super(message, null, false, false);
    }

    /** Whether this is a timeout: true only for {@link Context#DEADLINE_EXCEEDED} (Go's {@code Timeout()}). */
    public boolean timeout() {
        return false;
    }

    /** Whether retrying may succeed: true only for {@link Context#DEADLINE_EXCEEDED} (Go's {@code Temporary()}). */
    public boolean temporary() {
        return false;
    }
}
