package io.github.go4j.context;

/**
 * CanceledException is Go's {@code context.Canceled}: the error of a context that was cancelled
 * (its cancel function was called, or its parent's was). Its message is {@code "context canceled"}
 * (CX02). Its one instance is {@link Context#CANCELED}.
 */
public final class CanceledException extends ContextException {

    private static final long serialVersionUID = 1L;

    /** The one instance: {@link Context#CANCELED}. */
    static final CanceledException INSTANCE = new CanceledException();

    private CanceledException() {
        super("context canceled");
    }

    /** Keeps the value unique across serialization. */
    private Object readResolve() {
        return INSTANCE;
    }
}
