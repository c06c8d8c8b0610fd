package io.github.go4j.context;

/** Go's withoutCancelCtx: the parent's values, nothing of its cancellation (never done, no deadline; CX11). */
final class WithoutCancelCtx implements NeverDone {

    final Context parent;

    WithoutCancelCtx(Context parent) {
        this.parent = Names.requireParent(parent);
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
