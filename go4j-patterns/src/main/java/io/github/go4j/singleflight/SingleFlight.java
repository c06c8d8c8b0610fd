package io.github.go4j.singleflight;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.internal.WaitReason;
import io.github.go4j.patterns.internal.Event;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SingleFlight suppresses duplicate calls: Go's {@code golang.org/x/sync/singleflight.Group}. While a
 * function for a key is running, other callers with the same key wait for it and share its result
 * instead of running it again (XS10).
 *
 * <ul>
 * <li>{@link #run(Object, Fn)} is Go's {@code Do}: it blocks until the result is there and returns it as a
 * {@link Result} (value, error, shared). {@code shared} is true for every caller, the one that ran the
 * function included, when at least one other caller shared the call.</li>
 * <li>{@link #runAsync(Object, Fn)} is Go's {@code DoChan}: it returns at once a channel of capacity 1
 * that receives the one result and is never closed (XS11). The function runs in a new goroutine.</li>
 * <li>{@link #forget(Object)} makes the next call for a key run the function again; calls already in
 * flight are unaffected (XS11).</li>
 * </ul>
 * The key is removed when the call completes, so a later call runs the function afresh: this is not a
 * cache.
 *
 * <p><b>Errors and panics</b> (ADR 0036). An {@link Exception} thrown by the function, checked or not, is
 * Go's returned {@code error}: every waiting caller gets it in {@link Result#error()}. A
 * {@link java.lang.Error} is Go's panic (XS12): every {@code run} caller throws a {@link PanicError}
 * carrying it and its stack; if {@code runAsync} callers are waiting, the panic is also raised in a new
 * goroutine (reported by {@link Go}'s panic policy) and their channels receive nothing, as in Go.
 *
 * <p><b>Blocking and interrupts.</b> {@code run} blocks a duplicate caller until the call completes; an
 * interrupt makes that caller throw {@link InterruptedException} and leaves the call running. The
 * function runs on the thread of the first caller, whose interrupt is the function's business.
 *
 * <p><b>Memory consistency.</b> The function's actions happen-before every caller's return with its
 * result. Keys must not be null (NullPointerException); values and functions' results may be null.
 *
 * {@snippet :
 * SingleFlight<String, User> loads = new SingleFlight<>();
 *
 * User load(String id) throws Exception {
 *     // A hundred concurrent requests for the same id hit the database once.
 *     return loads.run(id, () -> database.loadUser(id)).get();
 * }
 * }
 *
 * @param <K> the key type (compared with {@code equals})
 * @param <V> the result type
 */
public final class SingleFlight<K, V> {

    /** The function whose calls are de-duplicated. */
    @FunctionalInterface
    public interface Fn<V> {
        /** Computes the value; an exception is the call's error. */
        V call() throws Exception;
    }

    /**
     * The outcome of a call: Go's {@code (v, err, shared)} and {@code singleflight.Result}.
     *
     * @param value  the function's value, or null if it failed
     * @param error  the exception it threw, or null
     * @param shared whether the result was given to more than one caller
     */
    public record Result<V>(V value, Exception error, boolean shared) {
        /** Returns the value, or throws the error. */
        public V get() throws Exception {
            if (error != null) {
                throw error;
            }
            return value;
        }
    }

    /**
     * The function panicked (threw a {@link java.lang.Error}): Go's {@code *panicError}. Its message is
     * Go's {@code "%v\n\n%s"}, the panic value and the stack of the goroutine that panicked; its
     * {@linkplain #getCause() cause} is the Error itself (Go's {@code Unwrap}).
     */
    public static final class PanicError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient String stack;

        PanicError(Throwable value) {
            super(value + "\n\n" + stackOf(value), value);
            this.stack = stackOf(value);
        }

        /** The panic value. */
        public Throwable value() {
            return getCause();
        }

        /** The stack trace of the panic, as text. */
        public String stack() {
            return stack;
        }

        private static String stackOf(Throwable t) {
            StringWriter out = new StringWriter();
            t.printStackTrace(new PrintWriter(out));
            return out.toString();
        }
    }

    /** One call in flight or completed. */
    private static final class Call<V> {
        final Event done = new Event();
        // Written by the running caller before done fires; read after.
        V value;
        Exception error;
        PanicError panic;
        // Guarded by the group's lock.
        int dups;
        List<Channel<Result<V>>> chans;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<K, Call<V>> calls = new HashMap<>();

    /** Creates an empty group (Go's zero {@code Group}). */
    public SingleFlight() {}

    /**
     * Runs {@code fn} for {@code key} unless a call for the key is in flight, in which case it waits for
     * that call and returns its result (Go's {@code Do}).
     *
     * @return the value, the error, and whether the result was shared
     * @throws PanicError if fn threw a {@link java.lang.Error}
     * @throws InterruptedException if interrupted while waiting for another caller's call
     */
    public Result<V> run(K key, Fn<? extends V> fn) throws InterruptedException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fn, "fn");
        Call<V> c;
        boolean leader = false;
        lock.lock();
        try {
            c = calls.get(key);
            if (c != null) {
                c.dups++;
            } else {
                c = new Call<>();
                calls.put(key, c);
                leader = true;
            }
        } finally {
            lock.unlock();
        }
        if (leader) {
            doCall(c, key, fn);
        }
        return waitFor(c);
    }

    private Result<V> waitFor(Call<V> c) throws InterruptedException {
        c.done.await(WaitReason.WAITGROUP_WAIT);
        if (c.panic != null) {
            throw c.panic;
        }
        return new Result<>(c.value, c.error, sharedOf(c));
    }

    private boolean sharedOf(Call<V> c) {
        lock.lock();
        try {
            return c.dups > 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Like {@link #run} but returns at once a channel that will receive the result (Go's
     * {@code DoChan}): capacity 1, never closed. If this is the first call for the key, fn runs in a new
     * goroutine.
     */
    public ReceiveChannel<Result<V>> runAsync(K key, Fn<? extends V> fn) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fn, "fn");
        Channel<Result<V>> ch = Channel.make(1);
        Call<V> c;
        lock.lock();
        try {
            c = calls.get(key);
            if (c != null) {
                c.dups++;
                if (c.chans == null) {
                    c.chans = new ArrayList<>();
                }
                c.chans.add(ch);
                return ch;
            }
            c = new Call<>();
            c.chans = new ArrayList<>();
            c.chans.add(ch);
            calls.put(key, c);
        } finally {
            lock.unlock();
        }
        Call<V> leader = c;
        Go.go(() -> doCall(leader, key, fn));
        return ch;
    }

    /**
     * Forgets {@code key}: the next call for it runs the function even if a call is in flight (whose
     * callers still get its result).
     */
    public void forget(K key) {
        lock.lock();
        try {
            calls.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /** The number of callers sharing the call in flight for key, or -1 if none (tests). */
    int dups(K key) {
        lock.lock();
        try {
            Call<V> c = calls.get(key);
            return c == null ? -1 : c.dups;
        } finally {
            lock.unlock();
        }
    }

    /** Runs fn as the leader, publishes the result, and wakes the waiters. */
    private void doCall(Call<V> c, K key, Fn<? extends V> fn) {
        try {
            c.value = fn.call();
        } catch (Exception e) {
            c.error = e;
        } catch (Error e) {
            c.panic = new PanicError(e);
        }
        List<Channel<Result<V>>> chans;
        boolean shared;
        lock.lock();
        try {
            if (calls.get(key) == c) {
                calls.remove(key);
            }
            chans = c.chans;
            shared = c.dups > 0;
        } finally {
            lock.unlock();
        }
        c.done.fire();
        if (chans != null && !chans.isEmpty()) {
            if (c.panic != null) {
                PanicError p = c.panic;
                Go.go(() -> {
                    throw p;
                });
                return;
            }
            Result<V> r = new Result<>(c.value, c.error, shared);
            for (Channel<Result<V>> ch : chans) {
                ch.trySend(r); // capacity 1, one send each: never blocks, never fails
            }
        }
    }
}
