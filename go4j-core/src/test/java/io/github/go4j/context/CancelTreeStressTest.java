package io.github.go4j.context;

import static io.github.go4j.context.ContextTesting.HANG_GUARD;
import static io.github.go4j.context.ContextTesting.isDone;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bounded stress of the cancel tree (CX04, CX05, CX07, CX12): goroutines grow the tree, cancel random
 * nodes and register/stop afterFuncs concurrently. Afterwards, cancelling the root must leave every node
 * done with a consistent err/cause, the root with no linked children, and every afterFunc run exactly
 * once unless its stop() returned true (conservation).
 */
@Tag("slow")
class CancelTreeStressTest {

    private static final int WORKERS = 8;
    private static final int OPS = 1000;

    @Test
    @DisplayName("stress (CX04, CX05, CX07, CX12): concurrent growth, cancels and afterFuncs; then everything is done exactly once")
    void stress() throws Exception {
        CancelCauseContext root = Context.withCancelCause(Context.background());
        List<Context> nodes = new CopyOnWriteArrayList<>(List.of(root));
        List<Throwable> causes = new CopyOnWriteArrayList<>();
        AtomicInteger registered = new AtomicInteger();
        AtomicInteger stoppedTrue = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        ConcurrentLinkedQueue<Context.Stop> stops = new ConcurrentLinkedQueue<>();
        Channel<Integer> finished = Channel.make(WORKERS);

        for (int w = 0; w < WORKERS; w++) {
            Go.go(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                for (int i = 0; i < OPS; i++) {
                    Context parent = nodes.get(r.nextInt(nodes.size()));
                    switch (r.nextInt(8)) {
                        case 0, 1 -> nodes.add(Context.withCancel(parent));
                        case 2 -> nodes.add(Context.withCancelCause(parent));
                        case 3 -> nodes.add(Context.withTimeout(parent, Duration.ofHours(1)));
                        case 4 -> nodes.add(Context.withCancel(Context.withValue(parent, i, i)));
                        case 5 -> {
                            registered.incrementAndGet();
                            stops.add(Context.afterFunc(parent, ran::incrementAndGet));
                        }
                        case 6 -> {
                            Context.Stop s = stops.poll();
                            if (s != null && s.stop()) {
                                stoppedTrue.incrementAndGet();
                            }
                        }
                        default -> {
                            Context victim = nodes.get(r.nextInt(nodes.size()));
                            if (victim instanceof CancelCauseContext cc && victim != root) {
                                Exception cause = new Exception("cause " + i);
                                causes.add(cause);
                                cc.cancel(cause);
                            } else if (victim instanceof CancelContext c && victim != root) {
                                c.cancel();
                            }
                        }
                    }
                }
                finished.send(1);
            });
        }
        for (int w = 0; w < WORKERS; w++) {
            assertThat(finished.receive(HANG_GUARD)).as("worker %d finished", w).isNotNull();
        }
        Exception rootCause = new Exception("root");
        root.cancel(rootCause);

        assertThat(((CancelCtx) root).childCount()).as("root has no linked children left").isZero();
        List<Throwable> allowed = new ArrayList<>(causes);
        allowed.add(rootCause);
        allowed.add(Context.CANCELED);
        for (Context n : nodes) {
            assertThat(isDone(n)).as("%s done", n).isTrue();
            assertThat(n.err()).isSameAs(Context.CANCELED);
            assertThat(n.cause()).as("cause of %s", n).isIn(allowed);
        }
        int expected = registered.get() - stoppedTrue.get();
        for (long spins = 0; ran.get() < expected; spins++) {
            assertThat(spins).as("hang guard: %s of %s afterFuncs ran", ran.get(), expected).isLessThan(200_000_000L);
            Go.gosched();
        }
        for (Context.Stop s : stops) {
            assertThat(s.stop()).as("every afterFunc has started or was stopped").isFalse();
        }
        assertThat(ran.get()).as("each afterFunc ran exactly once unless stopped").isEqualTo(expected);
    }
}
