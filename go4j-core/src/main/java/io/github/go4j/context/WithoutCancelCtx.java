package io.github.go4j.context;

import io.github.go4j.chan.ReceiveChannel;
import java.time.Instant;
import java.util.Optional;

/** Go's withoutCancelCtx: the parent's values, nothing of its cancellation (CX11). */
final class WithoutCancelCtx implements Context {

    final Context parent;

    WithoutCancelCtx(Context parent) {
        this.parent = Names.requireParent(parent);
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
        return ValueCtx.lookup(this, key);
    }

    @Override
    public String toString() {
        return Names.stringify(parent) + ".WithoutCancel";
    }
}
