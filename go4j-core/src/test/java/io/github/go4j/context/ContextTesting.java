package io.github.go4j.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.chan.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Helpers shared by the context tests. */
final class ContextTesting {

    private ContextTesting() {}

    /** Upper bound on any wait in these tests: a hang guard only, never a "long enough" sleep. */
    static final Duration HANG_GUARD = Duration.ofSeconds(30);

    /**
     * Go's {@code otherContext}: a Context of a type this package does not know, delegating everything
     * (like Go's struct embedding). It does not override {@code cause()}, so the interface's default
     * is what runs on it.
     */
    static class OtherContext implements Context {
        final Context c;

        OtherContext(Context c) {
            this.c = c;
        }

        @Override
        public ReceiveChannel<Void> done() {
            return c.done();
        }

        @Override
        public ContextException err() {
            return c.err();
        }

        @Override
        public Optional<Instant> deadline() {
            return c.deadline();
        }

        @Override
        public Object value(Object key) {
            return c.value(key);
        }

        @Override
        public String toString() {
            return c.toString();
        }
    }

    /** Go's {@code select { case <-ctx.Done(): return true; default: return false }}. */
    static boolean isDone(Context ctx) {
        ReceiveChannel<Void> d = ctx.done();
        return d != null && d.tryReceiveOk() != null;
    }

    /** Waits for {@code ctx.done()} to close, failing (instead of hanging) after {@link #HANG_GUARD}. */
    static void awaitDone(Context ctx) throws InterruptedException {
        Received<Void> r = ctx.done().receiveOk(HANG_GUARD);
        assertThat(r).as("%s not done within the hang guard", ctx).isNotNull();
        assertThat(r.ok()).as("done channel carries no values").isFalse();
    }
}
