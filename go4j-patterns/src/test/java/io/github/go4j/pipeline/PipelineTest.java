package io.github.go4j.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.context.CancelContext;
import io.github.go4j.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Contract tests for Pipeline: ordering, fan-out/fan-in, batching, errors, cancellation, no leaks. */
@Timeout(30)
class PipelineTest {

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    /** An endless source. */
    static Iterable<Integer> naturals() {
        return () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return i++;
            }
        };
    }

    /** Waits until the goroutine count is back to {@code baseline} (stage goroutines have exited). */
    static void assertNoLeak(int baseline) {
        while (Go.numGoroutine() > baseline) {
            Thread.yield();
        }
        assertThat(Go.numGoroutine()).isLessThanOrEqualTo(baseline);
    }

    @Test
    @DisplayName("generate -> map -> filter -> sink keeps order and closes every stage")
    void linear() throws Exception {
        int baseline = Go.numGoroutine();
        Pipeline p = Pipeline.withContext(Context.background());
        List<Integer> got = new ArrayList<>();
        var sq = p.map(p.generate(range(20)), n -> n * n);
        p.sink(p.filter(sq, n -> n % 2 == 0), got::add);
        assertThat(p.await()).isNull();
        assertThat(got).isEqualTo(range(20).stream().map(n -> n * n).filter(n -> n % 2 == 0).toList());
        assertThat(p.context().err()).isNotNull();
        assertNoLeak(baseline);
    }

    @Test
    @DisplayName("mapParallel ordered keeps input order; unordered keeps the multiset")
    void mapParallel() throws Exception {
        for (boolean ordered : new boolean[] {true, false}) {
            Pipeline p = Pipeline.withContext(Context.background(), 2);
            List<Integer> got = new ArrayList<>();
            var out = p.mapParallel(p.generate(range(200)), 4, ordered, n -> {
                if (n % 3 == 0) {
                    Thread.yield(); // let later items overtake
                }
                return n + 1000;
            });
            p.sink(out, got::add);
            assertThat(p.await()).isNull();
            List<Integer> want = range(200).stream().map(n -> n + 1000).toList();
            if (ordered) {
                assertThat(got).isEqualTo(want);
            } else {
                assertThat(got).containsExactlyInAnyOrderElementsOf(want);
            }
        }
    }

    @Test
    @DisplayName("fanOut spreads one input over N workers; merge (fan-in) gathers them and closes once")
    void fanOutFanIn() throws Exception {
        Pipeline p = Pipeline.withContext(Context.background());
        List<ReceiveChannel<Integer>> outs = p.fanOut(p.generate(range(500)), 5, n -> n * 2);
        assertThat(outs).hasSize(5);
        List<Integer> got = new ArrayList<>();
        p.sink(p.merge(outs), got::add);
        assertThat(p.await()).isNull();
        assertThat(got).containsExactlyInAnyOrderElementsOf(range(500).stream().map(n -> n * 2).toList());
        Pipeline empty = Pipeline.withContext(Context.background());
        assertThat(empty.merge(List.<ReceiveChannel<Integer>>of()).receiveOk().ok()).isFalse();
    }

    @Test
    @DisplayName("batch emits full batches, a partial one after maxWait, and the rest on close")
    void batch() throws Exception {
        Pipeline p = Pipeline.withContext(Context.background());
        List<List<Integer>> got = new ArrayList<>();
        p.sink(p.batch(p.generate(range(7)), 3, Duration.ofHours(1)), got::add);
        assertThat(p.await()).isNull();
        assertThat(got).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));

        Pipeline q = Pipeline.withContext(Context.background());
        Channel<Integer> in = Channel.make();
        ReceiveChannel<List<Integer>> batches = q.batch(in, 10, Duration.ofMillis(20));
        in.send(1);
        in.send(2);
        assertThat(batches.receive()).containsExactly(1, 2); // flushed by maxWait, not by size
        in.send(3);
        in.close();
        assertThat(batches.receive()).containsExactly(3);
        assertThat(batches.receiveOk().ok()).isFalse();
        assertThat(q.await()).isNull();
    }

    @Test
    @DisplayName("the first error cancels every stage, is the context's cause, and is returned by await")
    void firstError() throws Exception {
        int baseline = Go.numGoroutine();
        Pipeline p = Pipeline.withContext(Context.background());
        IllegalStateException boom = new IllegalStateException("boom at 5");
        var out = p.map(p.generate(naturals()), n -> {
            if (n == 5) {
                throw boom;
            }
            return n;
        });
        ConcurrentLinkedQueue<Integer> got = new ConcurrentLinkedQueue<>();
        p.sink(p.mapParallel(out, 3, true, n -> n), got::add);
        assertThat(p.await()).isSameAs(boom);
        assertThat(p.context().cause()).isSameAs(boom);
        assertThat(got).isSubsetOf(range(5));
        assertNoLeak(baseline);
    }

    @Test
    @DisplayName("a consumer that stops early cancels; no goroutine is left blocked on a send")
    void earlyStop() throws Exception {
        int baseline = Go.numGoroutine();
        Pipeline p = Pipeline.withContext(Context.background());
        ReceiveChannel<Integer> out = p.merge(p.fanOut(p.generate(naturals()), 3, n -> n));
        for (int i = 0; i < 10; i++) {
            out.receive();
        }
        p.cancel();
        assertThat(p.await()).as("cancel is not an error").isNull();
        assertNoLeak(baseline);
    }

    @Test
    @DisplayName("a done parent context stops the pipeline")
    void parentCancel() throws Exception {
        CancelContext parent = Context.withCancel(Context.background());
        Pipeline p = Pipeline.withContext(parent);
        ReceiveChannel<Integer> out = p.generate(naturals());
        out.receive();
        parent.cancel();
        assertThat(p.await()).isNull();
        assertThat(p.context().err()).isSameAs(Context.CANCELED);
    }

    @Test
    @Tag("slow")
    @DisplayName("conservation: every generated item arrives exactly once through fan-out, fan-in and parallel map")
    void conservationStress() throws Exception {
        for (int round = 0; round < 4; round++) {
            int n = 3_000;
            Pipeline p = Pipeline.withContext(Context.background(), round % 3);
            var merged = p.merge(p.fanOut(p.generate(range(n)), 4, x -> x));
            var mapped = p.mapParallel(merged, 3, round % 2 == 0, x -> x);
            var kept = p.filter(mapped, x -> true);
            List<Integer> got = new ArrayList<>();
            p.sink(p.batch(kept, 64, Duration.ofMillis(5)), got::addAll);
            assertThat(p.await()).isNull();
            assertThat(got).as("round %d", round).hasSize(n).containsExactlyInAnyOrderElementsOf(range(n));
        }
        // With an early cancel: what arrives is a duplicate-free subset.
        Pipeline p = Pipeline.withContext(Context.background());
        ReceiveChannel<Integer> out = p.mapParallel(p.merge(p.fanOut(p.generate(range(100_000)), 4, x -> x)), 3, true,
                x -> x);
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            got.add(out.receive());
        }
        p.cancel();
        assertThat(p.await()).isNull();
        assertThat(got).doesNotHaveDuplicates().allSatisfy(x -> assertThat(x).isBetween(0, 99_999));
    }
}
