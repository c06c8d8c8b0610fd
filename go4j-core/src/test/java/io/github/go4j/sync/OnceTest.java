package io.github.go4j.sync;

import static io.github.go4j.sync.SyncTesting.go;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.github.go4j.internal.WaitReason;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Once and OnceFunc/OnceValue/OnceValues: spec section 3, SY12-SY14. */
class OnceTest {

    @Test
    @DisplayName("SY12: run calls the task at most once, even when later calls pass another task")
    void sy12AtMostOnce() {
        Once once = new Once();
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        assertThat(once.isDone()).isFalse();
        once.run(a::incrementAndGet);
        once.run(a::incrementAndGet);
        once.run(b::incrementAndGet);
        assertThat(a).hasValue(1);
        assertThat(b).hasValue(0);
        assertThat(once.isDone()).isTrue();
        assertThatThrownBy(() -> once.run(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("SY12: concurrent callers block (semacquire) until the first task returns, then see its writes")
    void sy12ConcurrentCallersWait() throws Exception {
        Once once = new Once();
        CountDownLatch inTask = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        int[] plain = {0};
        SyncTesting.Task first = go(() -> once.run(() -> {
            inTask.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            plain[0] = 42;
        }));
        inTask.await();
        int[] seen = new int[4];
        SyncTesting.Task[] others = new SyncTesting.Task[seen.length];
        for (int i = 0; i < others.length; i++) {
            int k = i;
            others[i] = go(() -> {
                once.run(() -> fail("second task ran"));
                seen[k] = plain[0];
            });
        }
        for (SyncTesting.Task t : others) {
            t.awaitBlocked(WaitReason.SEMACQUIRE);
        }
        finish.countDown();
        first.join();
        for (SyncTesting.Task t : others) {
            t.join();
        }
        assertThat(seen).containsOnly(42);
    }

    @Test
    @DisplayName("SY13: TestOncePanic: the exception reaches the caller and the Once counts as done")
    void sy13OncePanic() {
        Once once = new Once();
        assertThatThrownBy(() -> once.run(() -> {
            throw new IllegalStateException("failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("failed");
        once.run(() -> fail("Once.Do called twice"));
        assertThat(once.isDone()).isTrue();
    }

    @Test
    @DisplayName("SY14: Once.func runs f once; a failure is re-thrown (same object) on every call")
    void sy14FuncFailure() {
        AtomicInteger calls = new AtomicInteger();
        RuntimeException boom = new RuntimeException("boom");
        Runnable f = Once.func(() -> {
            calls.incrementAndGet();
            throw boom;
        });
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(f::run).isSameAs(boom);
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    @DisplayName("SY14: Once.func success: f runs once, concurrently too")
    void sy14FuncConcurrent() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Runnable f = Once.func(calls::incrementAndGet);
        SyncTesting.Task[] ts = new SyncTesting.Task[8];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = go(f::run);
        }
        for (SyncTesting.Task t : ts) {
            t.join();
        }
        f.run();
        assertThat(calls).hasValue(1);
    }

    @Test
    @DisplayName("SY14: Once.value caches the value (null included) and a failure")
    void sy14Value() {
        AtomicInteger calls = new AtomicInteger();
        Supplier<String> v = Once.value(() -> "v" + calls.incrementAndGet());
        assertThat(v.get()).isEqualTo("v1");
        assertThat(v.get()).isEqualTo("v1");
        Supplier<Object> nul = Once.value(() -> null);
        assertThat(nul.get()).isNull();
        Error err = new AssertionError("f panicked");
        Supplier<Object> bad = Once.value(() -> {
            calls.incrementAndGet();
            throw err;
        });
        assertThatThrownBy(bad::get).isSameAs(err);
        assertThatThrownBy(bad::get).isSameAs(err);
        assertThat(calls).hasValue(2);
    }

    @Test
    @DisplayName("SY14: Once.values: Go's (T, error) as a value or a cached checked exception")
    void sy14Values() {
        AtomicInteger calls = new AtomicInteger();
        IOException io = new IOException("no file");
        Once.ValueOrError<byte[], IOException> read = Once.values(() -> {
            calls.incrementAndGet();
            throw io;
        });
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(read::get).isSameAs(io);
        }
        Once.ValueOrError<Integer, RuntimeException> ok = Once.values(calls::incrementAndGet);
        assertThat(ok.get()).isEqualTo(2);
        assertThat(ok.get()).isEqualTo(2);
        assertThat(calls).hasValue(2);
    }

    @Test
    @DisplayName("SY14: the reference to f is dropped after success, kept after failure")
    void sy14DropsF() throws Exception {
        Object big = new Object();
        WeakReference<Object> ref = new WeakReference<>(big);
        int expected = big.hashCode();
        Supplier<Integer> v = Once.value(capturing(big));
        big = null;
        assertThat(v.get()).isEqualTo(expected);
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(5);
        }
        assertThat(ref.get()).as("f (and what it captured) still reachable after success").isNull();
        assertThat(v.get()).isEqualTo(expected); // v still returns the cached value
    }

    /** A supplier that holds {@code o} until it is dropped. */
    private static Supplier<Integer> capturing(Object o) {
        return o::hashCode;
    }

    @Test
    @DisplayName("Once waiters are uninterruptible: an interrupted caller still waits, then returns with the flag set")
    void onceWaitIsUninterruptible() throws Exception {
        Once once = new Once();
        CountDownLatch inTask = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        SyncTesting.Task first = go(() -> once.run(() -> {
            inTask.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));
        inTask.await();
        AtomicBoolean flag = new AtomicBoolean();
        SyncTesting.Task second = go(() -> {
            once.run(() -> {});
            flag.set(Thread.currentThread().isInterrupted());
        });
        second.awaitBlocked(WaitReason.SEMACQUIRE);
        second.thread.interrupt();
        second.awaitBlocked(WaitReason.SEMACQUIRE);
        finish.countDown();
        first.join();
        second.join();
        assertThat(flag).isTrue();
    }
}
