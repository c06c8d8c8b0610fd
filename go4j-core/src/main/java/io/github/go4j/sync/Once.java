package io.github.go4j.sync;

import io.github.go4j.internal.WaitReason;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Once performs exactly one action: Go's {@code sync.Once}. {@link #run(Runnable)} (Go's {@code Do},
 * a Java keyword) calls its task only the first time it is called on this Once, even if later calls
 * pass a different task (SY12).
 *
 * <p><b>Blocking.</b> Concurrent callers wait until the first task returns, so no {@code run} returns
 * before the action is complete. They wait uninterruptibly, with wait reason {@code semacquire}; an
 * interrupt is kept and re-asserted on return. Calling {@code run} on the same Once from inside the
 * task deadlocks, as in Go.
 *
 * <p><b>Deadlock detection.</b> With {@link io.github.go4j.Go#setDeadlockDetection deadlock detection}
 * on, a goroutine waiting in {@code run} waits for the goroutine running the task, so a recursive
 * {@code run} on the same Once, or a cycle through other locks, is reported as a partial deadlock
 * (RU04, beyond Go; ADR 0034), and the waiting {@code run} then throws {@link SyncFatalError} with
 * the report's first line instead of hanging. The Once is not changed by that: the first task, if it
 * is still running, goes on and marks it done when it returns or throws.
 *
 * <p><b>Exceptions (SY13).</b> If the task throws, the exception reaches the caller of that
 * {@code run}, and the Once still counts as done: later calls do not call any task. To retry on
 * failure, or to cache a result or failure, use {@link #func}, {@link #value} or {@link #values}
 * (Go 1.21's {@code OnceFunc}, {@code OnceValue}, {@code OnceValues}, SY14).
 *
 * <p><b>Memory consistency.</b> The return of the task happens-before the return of every
 * {@code run} call on the same Once.
 *
 * <p><b>Nulls.</b> A null task throws {@link NullPointerException}, even when the Once is done.
 *
 * {@snippet :
 * private final Once once = new Once();
 * private Config config;
 *
 * Config config() {
 *     once.run(() -> config = Config.load());
 *     return config;
 * }
 * }
 */
public final class Once {

    // Go's design: a done flag for the fast path, a mutex for the slow one. The flag is written in
    // a finally block, after the task, and read under the same mutex: whoever sees it set also sees
    // everything the task did.
    private volatile boolean done;
    private final Mutex m = new Mutex();

    /** Creates a Once that has not run yet (Go's zero value). */
    public Once() {}

    /**
     * Calls {@code task} if and only if this is the first {@code run} on this Once; otherwise waits for
     * the first call's task to return (if it is still running) and returns.
     *
     * @throws NullPointerException if task is null
     * @throws SyncFatalError if the deadlock detector (when on) reported this wait as part of a deadlock
     */
    public void run(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (!done) {
            runSlow(task);
        }
    }

    private void runSlow(Runnable task) {
        m.lock(WaitReason.SEMACQUIRE, this);
        try {
            if (!done) {
                try {
                    task.run();
                } finally {
                    done = true;
                }
            }
        } finally {
            m.unlock();
        }
    }

    /** Whether a task has been run (and returned or thrown): a snapshot, for monitoring and tests. */
    public boolean isDone() {
        return done;
    }

    @Override
    public String toString() {
        return done ? "Once[done]" : "Once[not done]";
    }

    // ---------------------------------------------------------------------------------------------
    // Go 1.21: OnceFunc, OnceValue, OnceValues
    // ---------------------------------------------------------------------------------------------

    /**
     * A computation that returns a value or throws: the Java form of Go's {@code func() (T, error)}.
     *
     * @param <T> the value's type
     * @param <X> the checked exception it may throw ({@link RuntimeException} if none)
     */
    @FunctionalInterface
    public interface ValueOrError<T, X extends Exception> {
        /** Computes the value, or throws. */
        T get() throws X;
    }

    /**
     * Returns a function that calls {@code f} only once (Go's {@code OnceFunc}). Concurrent calls wait
     * for the first. If {@code f} throws, every call of the returned function, the first included,
     * throws that same exception object (SY14). After {@code f} returns normally the function drops its
     * reference to {@code f}.
     *
     * @throws NullPointerException if f is null
     */
    public static Runnable func(Runnable f) {
        Objects.requireNonNull(f, "f");
        return new OnceFunc(f);
    }

    /**
     * Returns a supplier that calls {@code f} only once and then returns its value (Go's
     * {@code OnceValue}); the value may be null. If {@code f} throws, every call throws that same
     * exception object (SY14). The reference to {@code f} is dropped after it succeeds.
     *
     * @throws NullPointerException if f is null
     */
    public static <T> Supplier<T> value(Supplier<T> f) {
        Objects.requireNonNull(f, "f");
        OnceCall<T> c = new OnceCall<>(f::get);
        return c::getUnchecked;
    }

    /**
     * Returns a function that calls {@code f} only once and then returns its result (Go's
     * {@code OnceValues}, whose {@code (T, error)} pair becomes a value or a thrown exception). The
     * outcome is cached either way: every call returns the same value, or throws the same exception
     * object, checked or not (SY14). The reference to {@code f} is dropped after it returns normally.
     *
     * {@snippet :
     * Once.ValueOrError<byte[], IOException> readConfig =
     *         Once.values(() -> Files.readAllBytes(Path.of("app.conf")));
     * byte[] conf = readConfig.get();   // reads the file once; later calls reuse the bytes or the error
     * }
     *
     * @throws NullPointerException if f is null
     */
    public static <T, X extends Exception> ValueOrError<T, X> values(ValueOrError<T, X> f) {
        Objects.requireNonNull(f, "f");
        OnceCall<T> c = new OnceCall<>(f::get);
        return c::getUnchecked;
    }

    /** Any computation; what it throws is cached and re-thrown as is. */
    @FunctionalInterface
    private interface Call<T> {
        T call() throws Exception;
    }

    /** The state behind {@link #value} and {@link #values}. Fields are published by {@link #once}. */
    private static final class OnceCall<T> {
        private final Once once = new Once();
        private Call<T> f;
        private T value;
        private Throwable failure;

        OnceCall(Call<T> f) {
            this.f = f;
        }

        T getUnchecked() {
            once.run(this::compute);
            if (failure != null) {
                throw Once.<RuntimeException>sneakyThrow(failure);
            }
            return value;
        }

        private void compute() {
            try {
                value = f.call();
                f = null;
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    /** The state behind {@link #func}. */
    private static final class OnceFunc implements Runnable {
        private final Once once = new Once();
        private Runnable f;
        private Throwable failure;

        OnceFunc(Runnable f) {
            this.f = f;
        }

        @Override
        public void run() {
            once.run(this::compute);
            if (failure != null) {
                throw Once.<RuntimeException>sneakyThrow(failure);
            }
        }

        private void compute() {
            try {
                f.run();
                f = null;
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    /** Re-throws {@code t} as it is, checked or not: the cached failure of a computation that declared it. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }
}
