package io.github.go4j.context;

import io.github.go4j.chan.ReceiveChannel;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Go's valueCtx: one key/value binding over a parent; everything else is the parent's (CX10).
 *
 * <p>{@link #lookup} walks the chain in a loop rather than by recursion, so a long chain of derived
 * contexts cannot overflow the stack, and it answers the private {@link CancelCtx#CANCEL_CTX_KEY}
 * that {@link Context#cause()} and child linking use to find the nearest cancellable ancestor.
 */
final class ValueCtx implements Context {

    final Context parent;
    final Object key;
    final Object val;

    ValueCtx(Context parent, Object key, Object val) {
        this.parent = Names.requireParent(parent);
        this.key = Objects.requireNonNull(key, "nil key");
        this.val = val;
    }

    @Override
    public ReceiveChannel<Void> done() {
        return parent.done();
    }

    @Override
    public ContextException err() {
        return parent.err();
    }

    @Override
    public Throwable cause() {
        return parent.cause();
    }

    @Override
    public Optional<Instant> deadline() {
        return parent.deadline();
    }

    @Override
    public Object value(Object k) {
        return lookup(this, k);
    }

    @Override
    public String toString() {
        return Names.stringify(parent) + ".WithValue(" + Names.stringify(key) + ", " + Names.stringify(val) + ")";
    }

    /** Go's {@code value(c, key)}: the loop over this package's types, delegating to anything else. */
    static Object lookup(Context c, Object key) {
        boolean internal = key == CancelCtx.CANCEL_CTX_KEY;
        for (;;) {
            if (c instanceof ValueCtx v) {
                if (!internal && v.key.equals(key)) {
                    return v.val;
                }
                c = v.parent;
            } else if (c instanceof CancelCtx cc) {
                if (internal) {
                    return cc;
                }
                c = cc.parent;
            } else if (c instanceof WithoutCancelCtx w) {
                if (internal) {
                    return null; // makes cause() null below a withoutCancel (CX11)
                }
                c = w.parent;
            } else if (c instanceof EmptyCtx) {
                return null;
            } else {
                return c.value(key);
            }
        }
    }
}
