package io.github.go4j.context;

import static io.github.go4j.context.ContextTesting.awaitDone;
import static io.github.go4j.context.ContextTesting.isDone;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.context.ContextTesting.OtherContext;
import io.github.go4j.internal.Clock;
import io.github.go4j.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * withDeadline / withTimeout: CX08, CX09, CX13. The system-clock tests assert "not before the deadline"
 * and use an upper bound only as a hang guard; the exact timing tests run on {@link ManualClock}.
 */
class DeadlineTest {

    private static final Duration SHORT = Duration.ofMillis(1);
    private static final Duration VERY_LONG = Duration.ofHours(1000);

    private static Instant now() {
        return Names.instant(Clock.system().epochNanos());
    }

    /** Go's testDeadline: waits (hang-guarded) for DEADLINE_EXCEEDED, which must not come before {@code deadline}. */
    private static void testDeadline(Context c, Instant deadline, String name) throws InterruptedException {
        awaitDone(c);
        long observed = Clock.system().epochNanos();
        assertThat(c.err()).as(name).isSameAs(Context.DEADLINE_EXCEEDED);
        assertThat(observed).as("%s: done before its deadline", name).isGreaterThanOrEqualTo(Names.epochNanos(deadline));
    }

    @Test
    @DisplayName("TestDeadline (CX08, CX13): directly, through otherContext, under a longer nested deadline, in the past, at now")
    void testDeadline() throws Exception {
        Instant d = now().plus(SHORT);
        CancelContext c = Context.withDeadline(Context.background(), d);
        assertThat(c.toString()).startsWith("context.Background.WithDeadline(");
        testDeadline(c, d, "WithDeadline");

        d = now().plus(SHORT);
        c = Context.withDeadline(Context.background(), d);
        testDeadline(new OtherContext(c), d, "WithDeadline+otherContext");

        d = now().plus(SHORT);
        c = Context.withDeadline(Context.background(), d);
        CancelContext nested = Context.withDeadline(new OtherContext(c), now().plus(VERY_LONG));
        assertThat(nested.deadline()).as("the parent's earlier deadline is reported").contains(d);
        testDeadline(nested, d, "WithDeadline+otherContext+WithDeadline");

        d = now().minus(SHORT);
        c = Context.withDeadline(Context.background(), d);
        assertThat(isDone(c)).as("a past deadline is done at once").isTrue();
        testDeadline(c, d, "WithDeadline+inthepast");

        d = now();
        c = Context.withDeadline(Context.background(), d);
        assertThat(isDone(c)).as("a deadline of now is done at once").isTrue();
        testDeadline(c, d, "WithDeadline+now");
    }

    @Test
    @DisplayName("TestTimeout (CX09): withTimeout fires after at least the timeout, directly and through otherContext")
    void testTimeout() throws Exception {
        for (int variant = 0; variant < 3; variant++) {
            long t0 = Clock.system().nanoTime();
            CancelContext c = Context.withTimeout(Context.background(), SHORT);
            assertThat(c.toString()).startsWith("context.Background.WithDeadline(");
            Context watched = switch (variant) {
                case 0 -> c;
                case 1 -> new OtherContext(c);
                default -> Context.withTimeout(new OtherContext(c), VERY_LONG);
            };
            awaitDone(watched);
            long elapsed = Clock.system().nanoTime() - t0;
            assertThat(watched.err()).isSameAs(Context.DEADLINE_EXCEEDED);
            assertThat(elapsed).as("done before the timeout").isGreaterThanOrEqualTo(SHORT.toNanos());
        }
    }

    @Test
    @DisplayName("TestCanceledTimeout (CX08): cancel before the deadline gives CANCELED, synchronously")
    void testCanceledTimeout() {
        CancelContext parent = Context.withTimeout(Context.background(), Duration.ofSeconds(1));
        CancelContext c = Context.withTimeout(new OtherContext(parent), VERY_LONG);
        c.cancel();
        assertThat(isDone(c)).isTrue();
        assertThat(c.err()).isSameAs(Context.CANCELED);
        parent.cancel();
    }

    @Test
    @DisplayName("CX08/CX09 on a fake clock: not done one nanosecond before the deadline, done exactly at it")
    void exactDeadline() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            CancelContext t = Context.withTimeout(Context.background(), Duration.ofSeconds(1));
            CancelContext d = Context.withDeadline(Context.background(), ManualClock.at(Duration.ofSeconds(2)));
            assertThat(t.deadline()).contains(ManualClock.at(Duration.ofSeconds(1)));
            assertThat(d.deadline()).contains(ManualClock.at(Duration.ofSeconds(2)));

            clock.advance(Duration.ofSeconds(1).minusNanos(1));
            assertThat(t.err()).isNull();
            assertThat(isDone(t)).isFalse();
            clock.advance(Duration.ofNanos(1));
            assertThat(t.err()).isSameAs(Context.DEADLINE_EXCEEDED);
            assertThat(t.cause()).isSameAs(Context.DEADLINE_EXCEEDED);
            assertThat(isDone(t)).isTrue();

            clock.advance(Duration.ofSeconds(1).minusNanos(1));
            assertThat(d.err()).isNull();
            clock.advance(Duration.ofNanos(1));
            assertThat(d.err()).isSameAs(Context.DEADLINE_EXCEEDED);
            assertThat(clock.pending()).isZero();
        });
    }

    @Test
    @DisplayName("CX08: an earlier parent deadline makes the child a withCancel reporting the parent's deadline")
    void earlierParentDeadline() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            CancelContext parent = Context.withTimeout(Context.background(), Duration.ofSeconds(1));
            CancelContext child = Context.withTimeout(parent, Duration.ofSeconds(5));
            assertThat(child).hasToString(parent + ".WithCancel");
            assertThat(child.deadline()).isEqualTo(parent.deadline());
            assertThat(clock.pending()).as("only the parent's timer").isEqualTo(1);

            // An equal deadline still makes a timer context of its own (Go: only a strictly earlier one doesn't).
            CancelContext same = Context.withDeadline(parent, ManualClock.at(Duration.ofSeconds(1)));
            assertThat(same.toString()).contains(".WithDeadline(");

            clock.advance(Duration.ofSeconds(1));
            assertThat(child.err()).isSameAs(Context.DEADLINE_EXCEEDED);
            assertThat(same.err()).isSameAs(Context.DEADLINE_EXCEEDED);
        });
    }

    @Test
    @DisplayName("CX08: a later parent deadline does not shorten or lengthen the child's")
    void laterParentDeadline() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            CancelContext parent = Context.withTimeout(Context.background(), Duration.ofSeconds(5));
            CancelContext child = Context.withTimeout(parent, Duration.ofSeconds(1));
            assertThat(child.deadline()).contains(ManualClock.at(Duration.ofSeconds(1)));
            clock.advance(Duration.ofSeconds(1));
            assertThat(child.err()).isSameAs(Context.DEADLINE_EXCEEDED);
            assertThat(parent.err()).isNull();
            assertThat(((CancelCtx) parent).childCount()).as("the expired child unlinked itself").isZero();
        });
    }

    @Test
    @DisplayName("CX08: a past deadline (or a zero/negative timeout) is done at creation, with no timer")
    void pastDeadline() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            clock.advance(Duration.ofSeconds(10));
            CancelContext past = Context.withDeadline(Context.background(), ManualClock.at(Duration.ofSeconds(3)));
            CancelContext zero = Context.withTimeout(Context.background(), Duration.ZERO);
            CancelContext negative = Context.withTimeout(Context.background(), Duration.ofSeconds(-1));
            for (CancelContext c : new CancelContext[] {past, zero, negative}) {
                assertThat(isDone(c)).isTrue();
                assertThat(c.err()).isSameAs(Context.DEADLINE_EXCEEDED);
                c.cancel();
                assertThat(c.err()).as("err never changes").isSameAs(Context.DEADLINE_EXCEEDED);
            }
            assertThat(clock.pending()).isZero();
        });
    }

    @Test
    @DisplayName("CX08: cancel before the deadline gives CANCELED and stops the timer")
    void cancelStopsTimer() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            CancelContext c = Context.withTimeout(Context.background(), Duration.ofSeconds(1));
            assertThat(clock.pending()).isEqualTo(1);
            c.cancel();
            assertThat(clock.pending()).as("timer stopped").isZero();
            clock.advance(Duration.ofSeconds(2));
            assertThat(c.err()).isSameAs(Context.CANCELED);

            // Cancelled through the parent: the child's timer stops too.
            CancelContext parent = Context.withCancel(Context.background());
            CancelContext child = Context.withTimeout(parent, Duration.ofSeconds(1));
            assertThat(clock.pending()).isEqualTo(1);
            parent.cancel();
            assertThat(child.err()).isSameAs(Context.CANCELED);
            assertThat(clock.pending()).isZero();
        });
    }

    @Test
    @DisplayName("CX13: String of a deadline context is \"<parent>.WithDeadline(<deadline> [<time left>])\"")
    void deadlineString() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            CancelContext c = Context.withTimeout(Context.background(), Duration.ofMillis(1500));
            assertThat(c).hasToString("context.Background.WithDeadline(2000-01-01T00:00:01.500Z [1.5s])");
            clock.advance(Duration.ofSeconds(1));
            assertThat(c).hasToString("context.Background.WithDeadline(2000-01-01T00:00:01.500Z [500ms])");
            Context v = Context.withValue(c, "k", "v");
            CancelContext inner = Context.withDeadline(v, ManualClock.at(Duration.ofMillis(1200)));
            assertThat(inner).hasToString("context.Background.WithDeadline(2000-01-01T00:00:01.500Z [500ms])"
                    + ".WithValue(k, v).WithDeadline(2000-01-01T00:00:01.200Z [200ms])");
            clock.advance(Duration.ofSeconds(1));
            assertThat(c).hasToString("context.Background.WithDeadline(2000-01-01T00:00:01.500Z [-500ms])");
        });
    }

    @Test
    @DisplayName("CX09: time is read from the creating goroutine's clock (a bubble's fake clock here)")
    void deadlineUsesCallersClock() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            CancelContext c = Context.withTimeout(Context.background(), Duration.ofDays(365));
            assertThat(c.deadline()).contains(ManualClock.at(Duration.ofDays(365)));
            clock.advance(Duration.ofDays(365));
            assertThat(c.err()).isSameAs(Context.DEADLINE_EXCEEDED);
        });
    }

    @Test
    @DisplayName("CX09: huge timeouts and far deadlines saturate instead of overflowing")
    void hugeTimeouts() {
        CancelContext c = Context.withTimeout(Context.background(), Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(c.deadline()).isPresent();
        assertThat(c.err()).isNull();
        c.cancel();
        CancelContext d = Context.withDeadline(Context.background(), Instant.MAX);
        assertThat(d.deadline()).contains(Instant.MAX);
        assertThat(d.err()).isNull();
        d.cancel();
        assertThat(d.err()).isSameAs(Context.CANCELED);
    }
}
