package io.github.go4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The recipes of docs/sync.md for Go's sync.Map, sync.Pool and sync/atomic, which map onto the JDK
 * rather than onto go4j classes: these tests pin down that each recipe behaves as Go's API does.
 */
class JdkMappingTest {

    @Test
    @DisplayName("SY17: sync.Map -> ConcurrentHashMap: LoadOrStore(actual, loaded), LoadAndDelete, Swap, CAS, CAD, Clear")
    void sy17SyncMap() {
        ConcurrentHashMap<String, Integer> m = new ConcurrentHashMap<>();
        // LoadOrStore: first stores (loaded=false, actual=v), then loads (loaded=true, actual=old)
        Integer prev = m.putIfAbsent("k", 1);
        assertThat(prev).isNull();
        prev = m.putIfAbsent("k", 2);
        assertThat(prev).isEqualTo(1);
        assertThat(m.get("k")).isEqualTo(1);
        // Swap returns the previous value
        assertThat(m.put("k", 3)).isEqualTo(1);
        // CompareAndSwap / CompareAndDelete
        assertThat(m.replace("k", 9, 4)).isFalse();
        assertThat(m.replace("k", 3, 4)).isTrue();
        assertThat(m.remove("k", 3)).isFalse();
        assertThat(m.remove("k", 4)).isTrue();
        // LoadAndDelete
        m.put("a", 1);
        assertThat(m.remove("a")).isEqualTo(1);
        assertThat(m.remove("a")).isNull();
        // Range: each key at most once, the callback may mutate the map
        for (int i = 0; i < 100; i++) {
            m.put("x" + i, i);
        }
        List<String> seen = new ArrayList<>();
        m.forEach((k, v) -> {
            seen.add(k);
            m.remove(k);
            m.put("new" + k, v); // may or may not be visited: not a snapshot
        });
        assertThat(seen).doesNotHaveDuplicates();
        m.clear(); // Clear (1.23)
        assertThat(m).isEmpty();
    }

    /** The bounded pool recipe of docs/sync.md. */
    private static final class Pool {
        private final ArrayBlockingQueue<StringBuilder> free = new ArrayBlockingQueue<>(2);

        StringBuilder get() {
            StringBuilder b = free.poll();
            return b != null ? b : new StringBuilder();
        }

        void put(StringBuilder b) {
            if (b != null) {
                free.offer(b);
            }
        }
    }

    @Test
    @DisplayName("SY18: sync.Pool recipe: Get returns a pooled item or New(); Put(nil) is ignored; overflow vanishes")
    void sy18PoolRecipe() {
        Pool p = new Pool();
        StringBuilder a = p.get();
        p.put(a);
        p.put(null);
        assertThat(p.get()).isSameAs(a);
        assertThat(p.get()).isNotSameAs(a).isNotNull();
        p.put(new StringBuilder());
        p.put(new StringBuilder());
        p.put(new StringBuilder()); // dropped
        assertThat(p.free).hasSize(2);
    }

    @Test
    @DisplayName("SY19: typed atomics: Add returns the new value, And/Or the old one, unsigned views")
    void sy19TypedAtomics() {
        AtomicInteger i32 = new AtomicInteger();
        assertThat(i32.addAndGet(5)).isEqualTo(5); // Go's Add returns the new value
        assertThat(i32.getAndSet(7)).isEqualTo(5); // Swap returns the old value
        assertThat(i32.compareAndSet(7, 8)).isTrue();
        assertThat(i32.getAndUpdate(x -> x & 0b1100)).isEqualTo(8); // And (1.23): old value
        assertThat(i32.getAndUpdate(x -> x | 0b0001)).isEqualTo(8); // Or (1.23): old value
        assertThat(i32.get()).isEqualTo(9);
        AtomicInteger u32 = new AtomicInteger();
        u32.addAndGet(-1); // Go: u32.Add(^uint32(0)) wraps to MaxUint32
        assertThat(Integer.toUnsignedLong(u32.get())).isEqualTo(4_294_967_295L);
        AtomicLong u64 = new AtomicLong(-1);
        assertThat(Long.toUnsignedString(u64.get())).isEqualTo("18446744073709551615");
        assertThat(Long.compareUnsigned(u64.get(), 1)).isPositive();
    }

    @Test
    @DisplayName("SY20: atomic.Value -> AtomicReference; Go's nil check moves to the call site with Go's message")
    void sy20AtomicValue() {
        AtomicReference<String> v = new AtomicReference<>();
        assertThat(v.get()).isNull(); // Load before Store: nil
        String x = null;
        assertThatThrownBy(() -> v.set(Objects.requireNonNull(x, "sync/atomic: store of nil value into Value")))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("sync/atomic: store of nil value into Value");
        v.set("a");
        assertThat(v.getAndSet("b")).isEqualTo("a"); // Swap
        String cur = v.get();
        assertThat(v.compareAndSet(cur, "c")).isTrue(); // CompareAndSwap on the instance read
        // Identity, not Go's value ==: an equal but distinct string does not match.
        assertThat(v.compareAndSet(new String("c"), "d")).isFalse();
    }
}
