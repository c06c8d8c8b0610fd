package io.github.go4j.context;

import static io.github.go4j.context.ContextTesting.awaitDone;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Causes: CX02, CX07, CX09, CX11; Go's TestCause (all 20 rows), TestCauseRace, TestCustomContextCause. */
class CauseTest {

    private static final Duration FOREVER = Duration.ofSeconds(1_000_000);
    private static final Exception PARENT_CAUSE = new Exception("parentCause");
    private static final Exception CHILD_CAUSE = new Exception("childCause");
    private static final Exception TOO_SLOW = new Exception("tooSlow");
    private static final Exception FINISHED_EARLY = new Exception("finishedEarly");

    private static Arguments row(String name, Supplier<Context> ctx, ContextException err, Throwable cause) {
        return Arguments.of(name, ctx, err, cause);
    }

    static Stream<Arguments> testCauseRows() {
        return Stream.of(
                row("Background", Context::background, null, null),
                row("TODO", Context::todo, null, null),
                row("WithCancel", () -> {
                    CancelContext ctx = Context.withCancel(Context.background());
                    ctx.cancel();
                    return ctx;
                }, Context.CANCELED, Context.CANCELED),
                row("WithCancelCause", () -> {
                    CancelCauseContext ctx = Context.withCancelCause(Context.background());
                    ctx.cancel(PARENT_CAUSE);
                    return ctx;
                }, Context.CANCELED, PARENT_CAUSE),
                row("WithCancelCause nil", () -> {
                    CancelCauseContext ctx = Context.withCancelCause(Context.background());
                    ctx.cancel(null);
                    return ctx;
                }, Context.CANCELED, Context.CANCELED),
                row("WithCancelCause: parent cause before child", () -> {
                    CancelCauseContext parent = Context.withCancelCause(Context.background());
                    CancelCauseContext child = Context.withCancelCause(parent);
                    parent.cancel(PARENT_CAUSE);
                    child.cancel(CHILD_CAUSE);
                    return child;
                }, Context.CANCELED, PARENT_CAUSE),
                row("WithCancelCause: parent cause after child", () -> {
                    CancelCauseContext parent = Context.withCancelCause(Context.background());
                    CancelCauseContext child = Context.withCancelCause(parent);
                    child.cancel(CHILD_CAUSE);
                    parent.cancel(PARENT_CAUSE);
                    return child;
                }, Context.CANCELED, CHILD_CAUSE),
                row("WithCancelCause: parent cause before nil", () -> {
                    CancelCauseContext parent = Context.withCancelCause(Context.background());
                    CancelContext child = Context.withCancel(parent);
                    parent.cancel(PARENT_CAUSE);
                    child.cancel();
                    return child;
                }, Context.CANCELED, PARENT_CAUSE),
                row("WithCancelCause: parent cause after nil", () -> {
                    CancelCauseContext parent = Context.withCancelCause(Context.background());
                    CancelContext child = Context.withCancel(parent);
                    child.cancel();
                    parent.cancel(PARENT_CAUSE);
                    return child;
                }, Context.CANCELED, Context.CANCELED),
                row("WithCancelCause: child cause after nil", () -> {
                    CancelContext parent = Context.withCancel(Context.background());
                    CancelCauseContext child = Context.withCancelCause(parent);
                    parent.cancel();
                    child.cancel(CHILD_CAUSE);
                    return child;
                }, Context.CANCELED, Context.CANCELED),
                row("WithCancelCause: child cause before nil", () -> {
                    CancelContext parent = Context.withCancel(Context.background());
                    CancelCauseContext child = Context.withCancelCause(parent);
                    child.cancel(CHILD_CAUSE);
                    parent.cancel();
                    return child;
                }, Context.CANCELED, CHILD_CAUSE),
                row("WithTimeout", () -> {
                    CancelContext ctx = Context.withTimeout(Context.background(), Duration.ZERO);
                    ctx.cancel();
                    return ctx;
                }, Context.DEADLINE_EXCEEDED, Context.DEADLINE_EXCEEDED),
                row("WithTimeout canceled", () -> {
                    CancelContext ctx = Context.withTimeout(Context.background(), FOREVER);
                    ctx.cancel();
                    return ctx;
                }, Context.CANCELED, Context.CANCELED),
                row("WithTimeoutCause", () -> {
                    CancelContext ctx = Context.withTimeoutCause(Context.background(), Duration.ZERO, TOO_SLOW);
                    ctx.cancel();
                    return ctx;
                }, Context.DEADLINE_EXCEEDED, TOO_SLOW),
                row("WithTimeoutCause canceled", () -> {
                    CancelContext ctx = Context.withTimeoutCause(Context.background(), FOREVER, TOO_SLOW);
                    ctx.cancel();
                    return ctx;
                }, Context.CANCELED, Context.CANCELED),
                row("WithTimeoutCause stacked", () -> {
                    CancelCauseContext parent = Context.withCancelCause(Context.background());
                    CancelContext ctx = Context.withTimeoutCause(parent, Duration.ZERO, TOO_SLOW);
                    parent.cancel(FINISHED_EARLY);
                    return ctx;
                }, Context.DEADLINE_EXCEEDED, TOO_SLOW),
                row("WithTimeoutCause stacked canceled", () -> {
                    CancelCauseContext parent = Context.withCancelCause(Context.background());
                    CancelContext ctx = Context.withTimeoutCause(parent, FOREVER, TOO_SLOW);
                    parent.cancel(FINISHED_EARLY);
                    return ctx;
                }, Context.CANCELED, FINISHED_EARLY),
                row("WithoutCancel", () -> Context.withoutCancel(Context.background()), null, null),
                row("WithoutCancel canceled", () -> {
                    CancelCauseContext parent = Context.withCancelCause(Context.background());
                    Context ctx = Context.withoutCancel(parent);
                    parent.cancel(FINISHED_EARLY);
                    return ctx;
                }, null, null),
                row("WithoutCancel timeout", () -> {
                    CancelContext parent = Context.withTimeoutCause(Context.background(), Duration.ZERO, TOO_SLOW);
                    Context ctx = Context.withoutCancel(parent);
                    parent.cancel();
                    return ctx;
                }, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("testCauseRows")
    @DisplayName("TestCause (CX07, CX09, CX11): (err, cause) rows")
    void testCause(String name, Supplier<Context> make, ContextException err, Throwable cause) {
        Context ctx = make.get();
        assertThat(ctx.err()).as("%s: err()", name).isSameAs(err);
        assertThat(ctx.cause()).as("%s: cause()", name).isSameAs(cause);
        // Go's Cause(ctx) through a custom wrapper finds the same cancelCtx (CX07).
        assertThat(new ContextTesting.OtherContext(ctx).cause()).as("%s: cause() via otherContext", name).isSameAs(cause);
    }

    @Test
    @DisplayName("TestCause has exactly Go's 20 rows")
    void twentyRows() {
        assertThat(testCauseRows().count()).isEqualTo(20);
    }

    @Test
    @DisplayName("CX07: before any cancel, cause() is null; the first cancellation wins")
    void causeBeforeCancelAndFirstWins() {
        CancelCauseContext ctx = Context.withCancelCause(Context.background());
        assertThat(ctx.cause()).isNull();
        ctx.cancel(PARENT_CAUSE);
        ctx.cancel(CHILD_CAUSE);
        ctx.cancel();
        assertThat(ctx.cause()).isSameAs(PARENT_CAUSE);
        // A value context reports the cause of the cancel context below it.
        assertThat(Context.withValue(ctx, "k", "v").cause()).isSameAs(PARENT_CAUSE);
    }

    @Test
    @DisplayName("CX09: the cancel of withDeadlineCause sets no cause")
    void deadlineCauseCancelSetsNoCause() {
        CancelContext ctx = Context.withDeadlineCause(Context.background(), Instant.now().plusSeconds(3600), TOO_SLOW);
        ctx.cancel();
        assertThat(ctx.err()).isSameAs(Context.CANCELED);
        assertThat(ctx.cause()).isSameAs(Context.CANCELED);
    }

    @Test
    @DisplayName("TestCauseRace (CX07): cause() polled while another goroutine cancels is null or the cause, never torn")
    void testCauseRace() throws Exception {
        Exception cause = new Exception("TestCauseRace");
        CancelCauseContext ctx = Context.withCancelCause(Context.background());
        Go.go(() -> ctx.cancel(cause));
        long spins = 0;
        for (;;) {
            Throwable c = ctx.cause();
            if (c != null) {
                assertThat(c).isSameAs(cause);
                assertThat(ctx.err()).isSameAs(Context.CANCELED);
                break;
            }
            Go.gosched();
            assertThat(++spins).as("hang guard").isLessThan(100_000_000L);
        }
    }

    /** Go's customCauseContext: a context implemented outside the package, with its own lock and channel. */
    static final class CustomCauseContext implements Context {
        private final ReentrantLock mu = new ReentrantLock();
        private final Channel<Void> done = Channel.make();
        private ContextException err;
        private CancelContext cancelChild;

        @Override
        public Optional<Instant> deadline() {
            return Optional.empty();
        }

        @Override
        public ReceiveChannel<Void> done() {
            return done;
        }

        @Override
        public ContextException err() {
            mu.lock();
            try {
                return err;
            } finally {
                mu.unlock();
            }
        }

        @Override
        public Object value(Object key) {
            return null;
        }

        void cancel() {
            CancelContext child;
            mu.lock();
            try {
                err = Context.CANCELED;
                done.close();
                child = cancelChild;
            } finally {
                mu.unlock();
            }
            if (child != null) {
                child.cancel();
            }
        }

        void setCancelChild(CancelContext c) {
            cancelChild = c;
        }
    }

    @Test
    @DisplayName("TestCustomContextCause (CX06, CX07): for a non-std context cause() == err(); its children keep their own causes")
    void testCustomContextCause() throws Exception {
        CustomCauseContext ccc = new CustomCauseContext();
        ccc.cancel();
        assertThat(ccc.err()).isSameAs(Context.CANCELED);
        assertThat(ccc.cause()).isSameAs(Context.CANCELED);

        ccc = new CustomCauseContext();
        CancelCauseContext ctx = Context.withCancelCause(ccc);
        Exception cause = new Exception("TestCustomContextCause");
        ctx.cancel(cause);
        assertThat(ctx.err()).isSameAs(Context.CANCELED);
        assertThat(ctx.cause()).isSameAs(cause);
        assertThat(ccc.err()).isNull();
        assertThat(ccc.cause()).isNull();

        ccc.cancel();
        assertThat(ctx.err()).isSameAs(Context.CANCELED);
        assertThat(ctx.cause()).isSameAs(cause);
        assertThat(ccc.err()).isSameAs(Context.CANCELED);
        assertThat(ccc.cause()).isSameAs(Context.CANCELED);

        ccc = new CustomCauseContext();
        CancelContext child = Context.withCancel(ccc);
        ccc.setCancelChild(child);
        ccc.cancel();
        awaitDone(child);
        assertThat(child.err()).isSameAs(Context.CANCELED);
        assertThat(child.cause()).isSameAs(Context.CANCELED);
        assertThat(ccc.err()).isSameAs(Context.CANCELED);
        assertThat(ccc.cause()).isSameAs(Context.CANCELED);
    }
}
