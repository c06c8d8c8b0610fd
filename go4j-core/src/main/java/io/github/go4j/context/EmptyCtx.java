package io.github.go4j.context;

import io.github.go4j.chan.ReceiveChannel;
import java.time.Instant;
import java.util.Optional;

/** The roots: Go's backgroundCtx and todoCtx. Never done, no deadline, no values (CX01). */
enum EmptyCtx implements Context {
    /** {@link Context#background()}. */
    BACKGROUND("context.Background"),
    /** {@link Context#todo()}. */
    TODO("context.TODO");

    private final String name;

    EmptyCtx(String name) {
        this.name = name;
    }

    @Override
    public ReceiveChannel<Void> done() {
        return null;
    }

    @Override
    public ContextException err() {
        return null;
    }

    @Override
    public Throwable cause() {
        return null;
    }

    @Override
    public Optional<Instant> deadline() {
        return Optional.empty();
    }

    @Override
    public Object value(Object key) {
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
