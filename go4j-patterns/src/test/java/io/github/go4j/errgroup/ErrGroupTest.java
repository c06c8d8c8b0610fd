package io.github.go4j.errgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.context.Context;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Contract tests for ErrGroup; fresh ports of x/sync/errgroup's tests (XS01-XS04, checklist items 21-23). */
@Timeout(30)
class ErrGroupTest {

    static final Exception ERR1 = new Exception("errgroup_test: 1");
    static final Exception ERR2 = new Exception("errgroup_test: 2");
    static final Exception DOOM = new Exception("group_test: doomed");

    @Test
    @DisplayName("XS01 TestZeroGroup: await returns the first error recorded")
    void zeroGroup() throws Exception {
        List<List<Exception>> cases = List.of(List.of(), Arrays.asList((Exception) null), List.of(ERR1),
                Arrays.asList(ERR1, null), Arrays.asList(ERR1, null, ERR2));
        for (List<Exception> errs : cases) {
            ErrGroup g = new ErrGroup();
            Exception firstErr = null;
            for (Exception err : errs) {
                g.go(() -> {
                    if (err != null) {
                        throw err;
                    }
                });
                if (firstErr == null && err != null) {
                    firstErr = err;
                }
                assertThat(g.await()).as("after %s", errs).isSameAs(firstErr);
            }
        }
    }

    @Test
    @DisplayName("item 21: errgroup TestWithContext (XS02): results nil, nil, doom, doom; ctx done after await")
    void withContext() throws Exception {
        List<List<Exception>> cases = List.of(List.of(), Arrays.asList((Exception) null), List.of(DOOM),
                Arrays.asList(DOOM, null));
        List<Exception> want = Arrays.asList(null, null, DOOM, DOOM);
        for (int i = 0; i < cases.size(); i++) {
            ErrGroup g = ErrGroup.withContext(Context.background());
            Context ctx = g.context();
            for (Exception err : cases.get(i)) {
                g.go(() -> {
                    if (err != null) {
                        throw err;
                    }
                });
            }
            assertThat(g.await()).as("case %d", i).isSameAs(want.get(i));
            assertThat(ctx.done().tryReceiveOk()).as("ctx.Done closed after await").isNotNull()
                    .satisfies(r -> assertThat(r.ok()).isFalse());
            assertThat(ctx.err()).isSameAs(Context.CANCELED);
        }
    }

    @Test
    @DisplayName("item 23: errgroup TestCancelCause (XS02): cause is the first error, or Canceled")
    void cancelCause() throws Exception {
        List<List<Exception>> cases = List.of(List.of(), Arrays.asList((Exception) null), List.of(DOOM),
                Arrays.asList(DOOM, null));
        List<Exception> want = Arrays.asList(null, null, DOOM, DOOM);
        for (int i = 0; i < cases.size(); i++) {
            ErrGroup g = ErrGroup.withContext(Context.background());
            for (Exception err : cases.get(i)) {
                assertThat(g.tryGo(() -> {
                    if (err != null) {
                        throw err;
                    }
                })).isTrue();
            }
            assertThat(g.await()).as("case %d", i).isSameAs(want.get(i));
            Throwable wantCause = want.get(i) == null ? Context.CANCELED : want.get(i);
            assertThat(g.context().cause()).as("case %d cause", i).isSameAs(wantCause);
        }
    }

    @Test
    @DisplayName("XS02 await with no error cancels the context with Canceled; a later error cannot change the cause")
    void causeFixedByFirstAwait() throws Exception {
        ErrGroup g = ErrGroup.withContext(Context.background());
        g.go(() -> {});
        assertThat(g.await()).isNull();
        assertThat(g.context().cause()).isSameAs(Context.CANCELED);
        g.go(() -> {
            throw DOOM;
        });
        assertThat(g.await()).isSameAs(DOOM);
        assertThat(g.context().cause()).isSameAs(Context.CANCELED);
    }

    @Test
    @DisplayName("XS02 the first error cancels the context at once, before await")
    void firstErrorCancelsEarly() throws Exception {
        ErrGroup g = ErrGroup.withContext(Context.background());
        Context ctx = g.context();
        Channel<Boolean> release = Channel.make();
        g.go(() -> {
            release.receive();
        });
        g.go(() -> {
            throw DOOM;
        });
        ctx.done().receive(); // cancelled while the other task still runs
        assertThat(ctx.cause()).isSameAs(DOOM);
        release.send(true);
        assertThat(g.await()).isSameAs(DOOM);
    }

    @Test
    @DisplayName("item 22: errgroup TestGoLimit (XS03): with setLimit(10), never more than 10 at once")
    void goLimit() throws Exception {
        int limit = 10;
        ErrGroup g = new ErrGroup();
        g.setLimit(limit);
        AtomicInteger active = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        for (int i = 0; i <= 1 << 10; i++) {
            g.go(() -> {
                int n = active.incrementAndGet();
                max.accumulateAndGet(n, Math::max);
                if (n > limit) {
                    throw new Exception("saw " + n + " active goroutines; want <= " + limit);
                }
                Thread.yield(); // let other goroutines run
                active.decrementAndGet();
            });
        }
        assertThat(g.await()).isNull();
        assertThat(max.get()).isLessThanOrEqualTo(limit).isPositive();
    }

    @Test
    @DisplayName("XS03 TestTryGo: tryGo fails at the limit; setLimit(0) blocks everything")
    void tryGo() throws Exception {
        ErrGroup g = new ErrGroup();
        int n = 42;
        g.setLimit(n);
        Channel<Boolean> ch = Channel.make();
        ErrGroup.Task fn = () -> ch.send(true);
        for (int i = 0; i < n; i++) {
            assertThat(g.tryGo(fn)).as("tryGo %d", i).isTrue();
        }
        assertThat(g.tryGo(fn)).as("tryGo over the limit").isFalse();
        Go.go(g::await);
        for (int i = 0; i < n; i++) {
            ch.receive();
        }
        assertThat(g.await()).isNull();

        g.setLimit(1);
        assertThat(g.tryGo(fn)).isTrue();
        assertThat(g.tryGo(fn)).isFalse();
        ch.receive();
        g.await();

        g.setLimit(0);
        for (int i = 0; i < 1 << 10; i++) {
            assertThat(g.tryGo(fn)).isFalse();
        }
        assertThat(g.await()).isNull();
    }

    @Test
    @DisplayName("XS03 setLimit while limited goroutines are active fails with Go's message")
    void setLimitWhileActive() throws Exception {
        ErrGroup g = new ErrGroup();
        g.setLimit(2);
        Channel<Boolean> release = Channel.make();
        g.go(release::receive);
        assertThatThrownBy(() -> g.setLimit(5)).isInstanceOf(IllegalStateException.class)
                .hasMessage("errgroup: modify limit while 1 goroutines in the group are still active");
        g.setLimit(-1); // removing the limit is always allowed
        release.send(true);
        assertThat(g.await()).isNull();
    }

    @Test
    @DisplayName("XS03 go blocks at the limit until a slot frees; waiters start in FIFO order")
    void goBlocksAtLimit() throws Exception {
        ErrGroup g = new ErrGroup();
        g.setLimit(1);
        Channel<Boolean> release = Channel.make();
        g.go(release::receive);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch submitted = new CountDownLatch(1);
        Go.go(() -> {
            g.go(started::countDown); // blocks: the slot is taken
            submitted.countDown();
        });
        assertThat(submitted.getCount()).isEqualTo(1);
        release.send(true);
        submitted.await();
        started.await();
        assertThat(g.await()).isNull();
    }

    @Test
    @DisplayName("tasks may start tasks in the same group; await waits for all")
    void nested() throws Exception {
        ErrGroup g = new ErrGroup();
        AtomicInteger ran = new AtomicInteger();
        g.go(() -> {
            ran.incrementAndGet();
            g.go(() -> {
                ran.incrementAndGet();
                throw ERR2;
            });
        });
        // The inner go happens before the outer task returns, so await sees both.
        assertThat(g.await()).isSameAs(ERR2);
        assertThat(ran.get()).isEqualTo(2);
    }

    @Test
    @DisplayName("XS04 an Error (panic) is reported, cancels the context, and is rethrown by await")
    void panicIsNotLost() throws Exception {
        AtomicReference<Throwable> reported = new AtomicReference<>();
        Go.setPanicHandler((p, report) -> reported.set(p));
        try {
            ErrGroup g = ErrGroup.withContext(Context.background());
            AssertionError boom = new AssertionError("boom");
            g.go(() -> {
                throw boom;
            });
            assertThatThrownBy(g::await).isSameAs(boom);
            assertThat(g.context().cause()).isSameAs(boom);
        } finally {
            Go.setPanicHandler(null);
        }
    }

    @Test
    @DisplayName("an interrupt while go waits for a slot becomes the group's error; the task never runs")
    void interruptedGo() throws Exception {
        ErrGroup g = ErrGroup.withContext(Context.background());
        g.setLimit(1);
        Channel<Boolean> release = Channel.make();
        g.go(release::receive);
        AtomicInteger ran = new AtomicInteger();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread t = Go.go(() -> {
            g.go(ran::incrementAndGet);
            flag.set(Thread.currentThread().isInterrupted());
        });
        while (t.getState() != Thread.State.WAITING) {
            Thread.yield();
        }
        t.interrupt();
        t.join();
        assertThat(flag.get()).isTrue();
        g.context().done().receive();
        release.send(true);
        assertThat(g.await()).isInstanceOf(InterruptedException.class);
        assertThat(ran.get()).isZero();
    }
}
