package io.github.go4j.chan;

import java.time.Duration;

/** Clause factories. STUB: replaced by the real implementation. */
final class SelectClauses {
    private SelectClauses() {}

    abstract static non-sealed class Base<R> extends Select.Clause<R> {
        Base() {}
    }

    static <R> Select.Clause<R> otherwise(Object body) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    static <R> Select.Clause<R> onTimeout(Duration d, Object body) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    static <R> Select.Clause<R> onReceive(ReceiveChannel<?> ch, Object body) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    static <R> Select.Clause<R> onReceiveOk(ReceiveChannel<?> ch, Object body) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    static <R> Select.Clause<R> onSend(SendChannel<?> ch, Object value, Object body) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
