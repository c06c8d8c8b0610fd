package io.github.go4j.context;

import io.github.go4j.Go;
import io.github.go4j.internal.Bubble;
import io.github.go4j.internal.G;
import io.github.go4j.internal.Panics;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Go's afterFuncCtx: a hidden child node whose cancellation starts {@code f} in a goroutine (CX12).
 * {@link #started} is Go's {@code sync.Once}: whoever sets it first, the cancel (which starts f) or
 * stop (which unlinks the node), decides f's fate.
 *
 * <p>The cancel that starts {@code f} may run on a clock thread (a deadline), which belongs to no
 * goroutine; so {@code f} starts in the bubble of the goroutine that registered it, if any, as a Go
 * AfterFunc registered inside a synctest bubble runs inside it.
 */
final class AfterFuncCtx extends CancelCtx {

    private final Go.Task f;
    /** The registering goroutine's bubble, or null (then f joins the canceller's, if any). */
    private final Bubble bubble;
    private final AtomicBoolean started = new AtomicBoolean();

    private AfterFuncCtx(Context parent, Go.Task f) {
        super(parent);
        this.f = f;
        G g = G.current();
        this.bubble = g != null ? g.bubble() : null;
    }

    static Context.Stop register(Context ctx, Go.Task f) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(f, "f");
        AfterFuncCtx a = new AfterFuncCtx(ctx, f);
        a.propagateCancel();
        return a::stop;
    }

    @Override
    void cancel(boolean removeFromParent, ContextException e, Throwable cause) {
        super.cancel(removeFromParent, e, cause);
        if (started.compareAndSet(false, true)) {
            Panics.startTask(f, null, bubble); // Go.go(f) in the registrant's bubble; cancel never waits for f
        }
    }

    private boolean stop() {
        if (!started.compareAndSet(false, true)) {
            return false; // f was started, or stop already ran
        }
        cancel(true, Context.CANCELED, null); // unlink from the parent; f stays unstarted
        return true;
    }

    @Override
    public String toString() {
        return Names.stringify(parent) + ".AfterFunc";
    }
}
