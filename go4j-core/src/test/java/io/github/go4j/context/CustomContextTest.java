package io.github.go4j.context;

import static io.github.go4j.context.ContextTesting.awaitDone;
import static io.github.go4j.context.ContextTesting.isDone;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.context.ContextTesting.OtherContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Custom parent contexts: CX06; Go's TestCustomContextPropagation and the afterFuncer path. */
class CustomContextTest {

    /** Go's customDoneContext: wraps a context but has a done channel of its own. */
    static final class CustomDoneContext extends OtherContext {
        final Channel<Void> donec;

        CustomDoneContext(Context c, Channel<Void> donec) {
            super(c);
            this.donec = donec;
        }

        @Override
        public ReceiveChannel<Void> done() {
            return donec;
        }
    }

    @Test
    @DisplayName("TestCustomContextPropagation (CX06): a custom done channel is watched; the child gets the wrapped cause")
    void testCustomContextPropagation() throws Exception {
        Exception cause = new Exception("TestCustomContextPropagation");
        Channel<Void> donec = Channel.make();
        CancelCauseContext ctx1 = Context.withCancelCause(Context.background());
        Context ctx2 = new CustomDoneContext(ctx1, donec);
        try (CancelContext ctx3 = Context.withCancel(ctx2)) {
            ctx1.cancel(cause);
            donec.close();
            awaitDone(ctx3); // asynchronous: a watcher goroutine propagates it
            assertThat(ctx3.err()).isSameAs(Context.CANCELED);
            assertThat(ctx3.cause()).isSameAs(cause);
        }
    }

    @Test
    @DisplayName("CX06: a wrapper that shares its parent's done channel is linked directly, so propagation stays synchronous")
    void wrapperSharingDoneIsLinked() {
        CancelContext inner = Context.withCancel(Context.background());
        CancelContext child = Context.withCancel(new OtherContext(inner));
        assertThat(((CancelCtx) inner).hasChild((CancelCtx) child)).isTrue();
        inner.cancel();
        assertThat(isDone(child)).isTrue();
    }

    /** A custom context with Go's optional AfterFunc method; runs callbacks on the cancelling thread. */
    static final class AfterFuncContext implements Context.AfterFuncer {
        final ReentrantLock lock = new ReentrantLock();
        final Channel<Void> done = Channel.make();
        final List<Runnable> callbacks = new ArrayList<>();
        ContextException err;
        int registered;
        int stopped;

        @Override
        public Context.Stop afterFunc(Runnable f) {
            lock.lock();
            try {
                if (err != null) {
                    f.run();
                    return () -> false;
                }
                registered++;
                callbacks.add(f);
            } finally {
                lock.unlock();
            }
            return () -> {
                lock.lock();
                try {
                    boolean removed = callbacks.remove(f);
                    if (removed) {
                        stopped++;
                    }
                    return removed;
                } finally {
                    lock.unlock();
                }
            };
        }

        void cancel() {
            List<Runnable> fs;
            lock.lock();
            try {
                err = Context.CANCELED;
                done.close();
                fs = new ArrayList<>(callbacks);
                callbacks.clear();
            } finally {
                lock.unlock();
            }
            fs.forEach(Runnable::run);
        }

        @Override
        public ReceiveChannel<Void> done() {
            return done;
        }

        @Override
        public ContextException err() {
            lock.lock();
            try {
                return err;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public Optional<Instant> deadline() {
            return Optional.empty();
        }

        @Override
        public Object value(Object key) {
            return null;
        }
    }

    @Test
    @DisplayName("CX06: a custom parent with afterFunc is used instead of a watcher goroutine; child cancel stops it")
    void afterFuncerParent() {
        AfterFuncContext parent = new AfterFuncContext();
        CancelContext a = Context.withCancel(parent);
        CancelContext b = Context.withTimeout(parent, java.time.Duration.ofHours(1));
        assertThat(parent.registered).isEqualTo(2);
        a.cancel();
        assertThat(parent.stopped).as("the cancelled child unregistered itself").isEqualTo(1);
        parent.cancel();
        assertThat(isDone(b)).as("propagated through the callback, synchronously here").isTrue();
        assertThat(b.err()).isSameAs(Context.CANCELED);
        assertThat(b.cause()).isSameAs(Context.CANCELED);

        CancelContext late = Context.withCancel(parent);
        assertThat(isDone(late)).as("already-done custom parent (CX05)").isTrue();
    }

    @Test
    @DisplayName("CX06: a plain custom parent is watched by a goroutine; done may close asynchronously")
    void watcherGoroutine() throws Exception {
        CauseTest.CustomCauseContext parent = new CauseTest.CustomCauseContext();
        CancelContext child = Context.withCancel(parent);
        CancelContext grandchild = Context.withCancel(child);
        assertThat(isDone(child)).isFalse();
        parent.cancel();
        awaitDone(child);
        assertThat(child.err()).isSameAs(Context.CANCELED);
        assertThat(isDone(grandchild)).as("synchronous below the std child").isTrue();
    }

    @Test
    @DisplayName("CX06: afterFunc on a custom context also works (through the watcher)")
    void afterFuncOnCustom() throws Exception {
        CauseTest.CustomCauseContext parent = new CauseTest.CustomCauseContext();
        Channel<Void> ran = Channel.make();
        Context.afterFunc(parent, ran::close);
        parent.cancel();
        assertThat(ran.receiveOk(ContextTesting.HANG_GUARD)).isNotNull();
    }
}
