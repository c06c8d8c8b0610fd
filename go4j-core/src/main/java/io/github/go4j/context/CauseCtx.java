package io.github.go4j.context;

/** A cancelCtx whose cancel takes a cause: what {@link Context#withCancelCause} returns (CX07). */
final class CauseCtx extends CancelCtx implements CancelCauseContext {

    CauseCtx(Context parent) {
        super(parent);
    }

    @Override
    public void cancel(Throwable cause) {
        cancel(true, Context.CANCELED, cause);
    }
}
