package io.github.go4j.context;

/**
 * DeadlineExceededException is Go's {@code context.DeadlineExceeded}: the error of a context whose
 * deadline passed. Its message is {@code "context deadline exceeded"}, and it reports
 * {@link #timeout()} and {@link #temporary()} true (CX02). Its one instance is
 * {@link Context#DEADLINE_EXCEEDED}.
 */
public final class DeadlineExceededException extends ContextException {

    private static final long serialVersionUID = 1L;

    /** The one instance: {@link Context#DEADLINE_EXCEEDED}. */
    static final DeadlineExceededException INSTANCE = new DeadlineExceededException();

    private DeadlineExceededException() {
        super("context deadline exceeded");
    }

    /** Always true. */
    @Override
    public boolean timeout() {
        return true;
    }

    /** Always true. */
    @Override
    public boolean temporary() {
        return true;
    }

    /** Keeps the value unique across serialization. */
    private Object readResolve() {
        return INSTANCE;
    }
}
