package io.github.go4j.internal;

import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.chan.Select;
import io.github.go4j.chan.SendChannel;
import java.time.Duration;

/** Go's runtime/select.go. STUB: replaced by the real implementation. */
public final class SelectImpl {
    private SelectImpl() {}

    /** Runs a select. */
    public static <R> R select(Select.Clause<? extends R>[] clauses) throws InterruptedException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Default clause. */
    public static <R> Select.Clause<R> otherwise(Object body) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Timeout clause. */
    public static <R> Select.Clause<R> onTimeout(Duration d, Object body) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Receive clause; null channel never ready. */
    public static <R> Select.Clause<R> onReceive(ReceiveChannel<?> ch, Object body) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Receive-ok clause; null channel never ready. */
    public static <R> Select.Clause<R> onReceiveOk(ReceiveChannel<?> ch, Object body) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Send clause; null channel never ready. */
    public static <R> Select.Clause<R> onSend(SendChannel<?> ch, Object value, Object body) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
