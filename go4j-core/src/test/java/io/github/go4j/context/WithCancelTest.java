package io.github.go4j.context;

import static io.github.go4j.context.ContextTesting.HANG_GUARD;
import static io.github.go4j.context.ContextTesting.awaitDone;
import static io.github.go4j.context.ContextTesting.isDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.context.ContextTesting.OtherContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** withCancel and the cancel tree: CX03, CX04, CX05; Go's TestWithCancel and its neighbours. */
class WithCancelTest {

    @Test
    @DisplayName("TestWithCancel (CX04, CX13): cancel() synchronously cancels c1, otherContext{c1} and withCancel(o)")
    void testWithCancel() {
        CancelContext c1 = Context.withCancel(Context.background());
        assertThat(c1).hasToString("context.Background.WithCancel");
        assertThat(Context.withCancelCause(Context.todo())).as("the same for withCancelCause").hasToString("context.TODO.WithCancel");

        Context o = new OtherContext(c1);
        CancelContext c2 = Context.withCancel(o);
        List<Context> contexts = List.of(c1, o, c2);

        for (Context c : contexts) {
            assertThat(c.done()).as("%s.done()", c).isNotNull();
            assertThat(c.err()).as("%s.err()", c).isNull();
            assertThat(isDone(c)).as("<-%s.done() should block", c).isFalse();
        }

        c1.cancel(); // must propagate synchronously
        for (Context c : contexts) {
            assertThat(isDone(c)).as("<-%s.done() blocked, but shouldn't have", c).isTrue();
            assertThat(c.err()).as("%s.err()", c).isSameAs(Context.CANCELED);
        }
    }

    @Test
    @DisplayName("TestParentFinishesChild (CX04, CX05): the parent tracks its cancelable children and clears them on cancel")
    void testParentFinishesChild() {
        CancelContext parent = Context.withCancel(Context.background());
        CancelContext cancelChild = Context.withCancel(parent);
        Context valueChild = Context.withValue(parent, "key", "value");
        CancelContext timerChild = Context.withTimeout(valueChild, Duration.ofHours(1000));
        Context.Stop afterStop = Context.afterFunc(parent, () -> {});

        for (Context c : List.of(parent, cancelChild, valueChild, timerChild)) {
            assertThat(isDone(c)).as("<-%s.done() should block", c).isFalse();
        }

        CancelCtx pc = (CancelCtx) parent;
        // cancelChild, timerChild (through the value context) and the afterFunc node
        assertThat(pc.childCount()).isEqualTo(3);
        assertThat(pc.hasChild((CancelCtx) cancelChild)).isTrue();
        assertThat(pc.hasChild((CancelCtx) timerChild)).isTrue();

        parent.cancel();
        assertThat(pc.childCount()).as("children after cancel").isZero();

        for (Context c : List.of(parent, cancelChild, valueChild, timerChild)) {
            assertThat(isDone(c)).as("<-%s.done() blocked, but shouldn't have", c).isTrue();
            assertThat(c.err()).as("%s.err()", c).isSameAs(Context.CANCELED);
        }

        // A value context of a cancelled parent is already done.
        Context precanceledChild = Context.withValue(parent, "key", "value");
        assertThat(isDone(precanceledChild)).isTrue();
        assertThat(precanceledChild.err()).isSameAs(Context.CANCELED);
        assertThat(afterStop.stop()).as("afterFunc already started by the cancel").isFalse();
        timerChild.cancel();
        cancelChild.cancel();
    }

    @Test
    @DisplayName("TestChildFinishesFirst (CX04): cancelling a child unlinks it and leaves the parent live")
    void testChildFinishesFirst() {
        try (CancelContext cancelable = Context.withCancel(Context.background())) {
            for (Context parent : List.of(Context.background(), cancelable)) {
                CancelContext child = Context.withCancel(parent);
                assertThat(isDone(parent)).isFalse();
                assertThat(isDone(child)).isFalse();

                CancelCtx pc = parent instanceof CancelCtx c ? c : null;
                if (pc != null) {
                    assertThat(pc.childCount()).isEqualTo(1);
                    assertThat(pc.hasChild((CancelCtx) child)).isTrue();
                }

                child.cancel();
                if (pc != null) {
                    assertThat(pc.childCount()).as("parent's children after the child's cancel").isZero();
                }
                assertThat(isDone(child)).isTrue();
                assertThat(child.err()).isSameAs(Context.CANCELED);
                assertThat(isDone(parent)).as("parent must not be finished").isFalse();
                assertThat(parent.err()).isNull();
            }
        }
    }

    @Test
    @DisplayName("TestCancelRemoves (CX04): cancel and stop remove the child from the parent")
    void testCancelRemoves() {
        CancelContext ctx = Context.withCancel(Context.background());
        CancelCtx pc = (CancelCtx) ctx;
        assertThat(pc.childCount()).isZero();
        CancelContext child = Context.withCancel(ctx);
        assertThat(pc.childCount()).isEqualTo(1);
        child.cancel();
        assertThat(pc.childCount()).isZero();

        CancelContext timed = Context.withTimeout(ctx, Duration.ofMinutes(60));
        assertThat(pc.childCount()).isEqualTo(1);
        timed.cancel();
        assertThat(pc.childCount()).isZero();

        Context.Stop stop = Context.afterFunc(ctx, () -> {});
        assertThat(pc.childCount()).isEqualTo(1);
        assertThat(stop.stop()).isTrue();
        assertThat(pc.childCount()).isZero();
        assertThat(ctx.err()).as("stopping an afterFunc leaves its context alone").isNull();
    }

    @Test
    @DisplayName("CX03: done() returns the same channel every time; cancel is idempotent")
    void doneIsStableAndCancelIdempotent() {
        CancelContext ctx = Context.withCancel(Context.background());
        var d = ctx.done();
        assertThat(ctx.done()).isSameAs(d);
        ctx.cancel();
        ctx.cancel();
        ctx.close();
        assertThat(ctx.done()).isSameAs(d);
        assertThat(ctx.err()).isSameAs(Context.CANCELED);

        // Asked for only after the cancel: a closed channel, still the same one every time.
        CancelContext late = Context.withCancel(Context.background());
        late.cancel();
        var ld = late.done();
        assertThat(ld).isSameAs(late.done());
        assertThat(isDone(late)).isTrue();
    }

    @Test
    @DisplayName("CX03: a nil parent fails with \"cannot create context from nil parent\" (TestInvalidDerivedFail)")
    void nilParent() {
        String msg = "cannot create context from nil parent";
        assertThatThrownBy(() -> Context.withCancel(null)).isInstanceOf(NullPointerException.class).hasMessage(msg);
        assertThatThrownBy(() -> Context.withCancelCause(null)).isInstanceOf(NullPointerException.class).hasMessage(msg);
        assertThatThrownBy(() -> Context.withDeadline(null, Instant.now())).isInstanceOf(NullPointerException.class).hasMessage(msg);
        assertThatThrownBy(() -> Context.withDeadlineCause(null, Instant.now(), null)).isInstanceOf(NullPointerException.class).hasMessage(msg);
        assertThatThrownBy(() -> Context.withTimeout(null, Duration.ZERO)).isInstanceOf(NullPointerException.class).hasMessage(msg);
        assertThatThrownBy(() -> Context.withTimeoutCause(null, Duration.ZERO, null)).isInstanceOf(NullPointerException.class).hasMessage(msg);
        assertThatThrownBy(() -> Context.withValue(null, "foo", "bar")).isInstanceOf(NullPointerException.class).hasMessage(msg);
        assertThatThrownBy(() -> Context.withoutCancel(null)).isInstanceOf(NullPointerException.class).hasMessage(msg);
    }

    @Test
    @DisplayName("CX03: try-with-resources is Go's defer cancel()")
    void closeCancels() {
        CancelContext escaped;
        try (CancelContext ctx = Context.withCancel(Context.background())) {
            escaped = ctx;
            assertThat(ctx.err()).isNull();
        }
        assertThat(escaped.err()).isSameAs(Context.CANCELED);
        assertThat(isDone(escaped)).isTrue();
    }

    @Test
    @DisplayName("TestWithCancelCanceledParent (CX05): a child of a cancelled parent is done at birth, with its err and cause")
    void testWithCancelCanceledParent() {
        CancelCauseContext parent = Context.withCancelCause(Context.background());
        Exception cause = new Exception("Because!");
        parent.cancel(cause);

        CancelContext c = Context.withCancel(parent);
        assertThat(isDone(c)).as("child not done immediately upon construction").isTrue();
        assertThat(c.err()).isSameAs(Context.CANCELED);
        assertThat(c.cause()).isSameAs(cause);

        // Also through a value context and a custom wrapper.
        CancelContext c2 = Context.withCancel(new OtherContext(Context.withValue(parent, "k", "v")));
        assertThat(isDone(c2)).isTrue();
        assertThat(c2.cause()).isSameAs(cause);

        // And for a deadline child: the parent's err, not its own.
        CancelContext t = Context.withTimeout(parent, Duration.ofHours(1));
        assertThat(t.err()).isSameAs(Context.CANCELED);
        assertThat(t.cause()).isSameAs(cause);
    }

    @Test
    @DisplayName("TestWithCancelSimultaneouslyCanceledParent (CX05): creating a child while the parent is being cancelled")
    void testWithCancelSimultaneouslyCanceledParent() throws Exception {
        for (int i = 0; i < 100; i++) {
            CancelCauseContext parent = Context.withCancelCause(Context.background());
            Exception cause = new Exception("Because!");
            Go.go(() -> parent.cancel(cause));

            CancelContext c = Context.withCancel(parent);
            awaitDone(c);
            assertThat(c.err()).isSameAs(Context.CANCELED);
            assertThat(c.cause()).isSameAs(cause);
        }
    }

    @Test
    @DisplayName("TestSimultaneousCancels (CX03, CX04): a tree of 100 contexts cancelled from 100 goroutines in random order")
    void testSimultaneousCancels() throws Exception {
        CancelContext root = Context.withCancel(Context.background());
        List<CancelContext> all = new ArrayList<>(List.of(root));
        List<CancelContext> queue = new ArrayList<>(List.of(root));
        while (!queue.isEmpty() && all.size() < 100) {
            CancelContext parent = queue.removeFirst();
            for (int i = 0; i < 4; i++) {
                CancelContext ctx = Context.withCancel(parent);
                all.add(ctx);
                queue.add(ctx);
            }
        }
        List<CancelContext> order = new ArrayList<>(all);
        Collections.shuffle(order, new Random(42));
        Channel<Integer> finished = Channel.make(order.size());
        for (CancelContext c : order) {
            Go.go(() -> {
                c.cancel();
                finished.send(1);
            });
        }
        Collections.shuffle(order, new Random(7));
        for (CancelContext c : order) {
            awaitDone(c);
            assertThat(c.err()).isSameAs(Context.CANCELED);
        }
        for (int i = 0; i < order.size(); i++) {
            assertThat(finished.receive(HANG_GUARD)).as("cancel function %d returned", i).isNotNull();
        }
    }

    @Test
    @DisplayName("TestInterlockedCancels (CX04): a goroutine cancels the child as soon as the parent is done")
    void testInterlockedCancels() throws Exception {
        CancelContext parent = Context.withCancel(Context.background());
        CancelContext child = Context.withCancel(parent);
        Go.go(() -> {
            parent.done().receive();
            child.cancel();
        });
        parent.cancel();
        awaitDone(child);
    }

    @Test
    @DisplayName("TestLayersCancel (CX04, CX10): 30+ random layers of value/cancel/timeout; cancelling any layer finishes the leaf")
    void testLayersCancel() throws Exception {
        testLayers(System.nanoTime(), false);
    }

    @Test
    @DisplayName("TestLayersTimeout (CX08, CX10): 30+ random layers with 1ms timeouts; the leaf times out and keeps its values")
    void testLayersTimeout() throws Exception {
        testLayers(System.nanoTime(), true);
    }

    private static void testLayers(long seed, boolean testTimeout) throws Exception {
        Random r = new Random(seed);
        String prefix = "seed=" + seed + ": ";
        List<Object> vals = new ArrayList<>();
        List<CancelContext> cancels = new ArrayList<>();
        int numTimers = 0;
        Context ctx = Context.background();
        for (int i = 0; i < 30 || numTimers == 0 || cancels.isEmpty() || vals.isEmpty(); i++) {
            switch (r.nextInt(3)) {
                case 0 -> {
                    Object v = new Object();
                    ctx = Context.withValue(ctx, v, v);
                    vals.add(v);
                }
                case 1 -> {
                    CancelContext c = Context.withCancel(ctx);
                    cancels.add(c);
                    ctx = c;
                }
                default -> {
                    CancelContext c = Context.withTimeout(ctx, testTimeout ? Duration.ofMillis(1) : Duration.ofHours(1000));
                    cancels.add(c);
                    ctx = c;
                    numTimers++;
                }
            }
        }
        Context leaf = ctx;
        Runnable checkValues = () -> {
            for (Object key : vals) {
                assertThat(leaf.value(key)).as(prefix + "value(%s)", key).isSameAs(key);
            }
        };
        if (!testTimeout) {
            assertThat(isDone(leaf)).as(prefix + "ctx should not be canceled yet").isFalse();
        }
        assertThat(leaf.toString()).as(prefix).startsWith("context.Background.");
        checkValues.run();
        if (testTimeout) {
            awaitDone(leaf);
            assertThat(leaf.err()).isSameAs(Context.DEADLINE_EXCEEDED);
        } else {
            cancels.get(r.nextInt(cancels.size())).cancel();
            assertThat(isDone(leaf)).as(prefix + "ctx should be canceled").isTrue();
            assertThat(leaf.err()).isSameAs(Context.CANCELED);
        }
        checkValues.run();
        for (CancelContext c : cancels) {
            c.cancel();
        }
    }
}
