package io.github.go4j.pipeline;

import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.chan.Received;
import io.github.go4j.chan.Select;
import io.github.go4j.context.CancelContext;
import io.github.go4j.context.Context;
import io.github.go4j.errgroup.ErrGroup;
import io.github.go4j.internal.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pipeline is a set of stages connected by channels, run as one unit of work: the seed's pipeline,
 * fan-out and fan-in patterns (Go's "Pipelines and cancellation" blog post), with first-error
 * propagation and no goroutine leaks.
 *
 * <p>Each stage method starts goroutines that read the stage's input channel and write its output
 * channel, and returns the output. Every stage:
 * <ul>
 * <li><b>closes its output</b> when its input is closed and drained, or when the pipeline stops;</li>
 * <li><b>stops promptly</b> when the pipeline's {@link #context()} is done, even while blocked sending to a
 *     consumer that went away: every send and receive selects on {@code ctx.done()}, so
 *     {@link #cancel()} after an early exit leaves no goroutine behind;</li>
 * <li><b>propagates the first error</b>: an exception thrown by a stage function cancels the context
 *     (with the exception as its cause), which stops all the other stages; {@link #await()} returns it.</li>
 * </ul>
 * Stages: {@link #generate}, {@link #map}, {@link #filter}, {@link #mapParallel} (ordered or unordered),
 * {@link #batch}, {@link #sink}; and the plumbing {@link #fanOut} (N workers on one input, one output
 * each) and {@link #merge} (Go's fan-in: N inputs to one output). A stage's output channel has the
 * capacity given to {@link #withContext(Context, int)} (0 by default: each hand-off is a rendezvous).
 *
 * <p><b>Blocking and interrupts.</b> Stage methods never block; {@link #await()} blocks until every
 * stage goroutine has returned, and throws {@link InterruptedException} if interrupted. An interrupted
 * stage goroutine counts as failed with that InterruptedException.
 *
 * <p><b>Memory consistency.</b> As for channels: a value's writes happen-before its receipt by the next
 * stage; every stage's actions happen-before {@link #await()} returns. Values must not be null (channels
 * carry no nulls); a stage function that returns null from {@code map} fails the pipeline.
 *
 * {@snippet :
 * Pipeline p = Pipeline.withContext(ctx);
 * ReceiveChannel<Integer> numbers = p.generate(List.of(1, 2, 3, 4, 5, 6));
 * ReceiveChannel<Integer> squares = p.mapParallel(numbers, 4, true, n -> n * n);  // ordered
 * ReceiveChannel<Integer> even = p.filter(squares, n -> n % 2 == 0);
 * ReceiveChannel<List<Integer>> pages = p.batch(even, 2, Duration.ofMillis(10));
 * p.sink(pages, page -> System.out.println(page));                                  // [4, 16] [36]
 * Exception err = p.await();   // null, or the first exception a stage threw
 * }
 */
public final class Pipeline {

    /** A stage function. */
    @FunctionalInterface
    public interface Fn<T, R> {
        /** Transforms one value; an exception fails the pipeline. */
        R apply(T value) throws Exception;
    }

    /** A stage predicate. */
    @FunctionalInterface
    public interface Predicate<T> {
        /** Tests one value; an exception fails the pipeline. */
        boolean test(T value) throws Exception;
    }

    /** A sink's consumer. */
    @FunctionalInterface
    public interface Consumer<T> {
        /** Consumes one value; an exception fails the pipeline. */
        void accept(T value) throws Exception;
    }

    private final CancelContext cancel;
    private final ErrGroup group;
    private final Context ctx;
    private final int capacity;

    private Pipeline(Context parent, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("pipeline: negative capacity " + capacity);
        }
        this.cancel = Context.withCancel(Objects.requireNonNull(parent, "parent"));
        this.group = ErrGroup.withContext(cancel);
        this.ctx = group.context();
        this.capacity = capacity;
    }

    /** A pipeline whose stages stop when {@code parent} is done; unbuffered stage outputs. */
    public static Pipeline withContext(Context parent) {
        return new Pipeline(parent, 0);
    }

    /** A pipeline whose stage outputs have {@code capacity} slots each. */
    public static Pipeline withContext(Context parent, int capacity) {
        return new Pipeline(parent, capacity);
    }

    /** The pipeline's context: done when the parent is, on {@link #cancel()}, or on the first error. */
    public Context context() {
        return ctx;
    }

    /** Stops every stage (the consumer is done early). Not an error: {@link #await()} returns null for it. */
    public void cancel() {
        cancel.cancel();
    }

    /**
     * Blocks until every stage goroutine has returned; returns the first exception a stage threw, or
     * null. Afterwards the context is done.
     */
    public Exception await() throws InterruptedException {
        Exception err = group.await();
        cancel.cancel();
        return err;
    }

    // ---------------------------------------------------------------- stages

    /** A stage that emits {@code items} in order, then closes. */
    public <T> ReceiveChannel<T> generate(Iterable<? extends T> items) {
        Objects.requireNonNull(items, "items");
        Channel<T> out = Channel.make(capacity);
        group.go(() -> {
            try {
                Iterator<? extends T> it = items.iterator();
                while (it.hasNext()) {
                    if (!send(out, it.next())) {
                        return;
                    }
                }
            } finally {
                out.close();
            }
        });
        return out;
    }

    /** A stage that emits {@code fn(v)} for each input value, in order. */
    public <T, R> ReceiveChannel<R> map(ReceiveChannel<T> in, Fn<? super T, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        Channel<R> out = Channel.make(capacity);
        group.go(() -> {
            try {
                T v;
                while ((v = receive(in)) != null) {
                    if (!send(out, fn.apply(v))) {
                        return;
                    }
                }
            } finally {
                out.close();
            }
        });
        return out;
    }

    /** A stage that passes on the input values for which {@code keep} is true, in order. */
    public <T> ReceiveChannel<T> filter(ReceiveChannel<T> in, Predicate<? super T> keep) {
        Objects.requireNonNull(keep, "keep");
        Channel<T> out = Channel.make(capacity);
        group.go(() -> {
            try {
                T v;
                while ((v = receive(in)) != null) {
                    if (keep.test(v) && !send(out, v)) {
                        return;
                    }
                }
            } finally {
                out.close();
            }
        });
        return out;
    }

    /**
     * A stage that applies {@code fn} with {@code workers} goroutines. With {@code ordered}, outputs come
     * in input order (at most {@code workers} results are held back waiting for a slow one); otherwise
     * in completion order.
     */
    public <T, R> ReceiveChannel<R> mapParallel(ReceiveChannel<T> in, int workers, boolean ordered,
            Fn<? super T, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        if (workers < 1) {
            throw new IllegalArgumentException("pipeline: workers must be >= 1, got " + workers);
        }
        return ordered ? mapOrdered(in, workers, fn) : merge(fanOut(in, workers, fn));
    }

    /** One pending ordered result: the input and a one-slot channel its worker fills. */
    private record Slot<T, R>(T input, Channel<R> result) {}

    private <T, R> ReceiveChannel<R> mapOrdered(ReceiveChannel<T> in, int workers, Fn<? super T, ? extends R> fn) {
        Channel<R> out = Channel.make(capacity);
        Channel<Slot<T, R>> work = Channel.make(workers);
        Channel<Slot<T, R>> order = Channel.make(workers);
        // The dispatcher: one slot per input, queued for a worker and, in input order, for the emitter.
        group.go(() -> {
            try {
                T v;
                while ((v = receive(in)) != null) {
                    Slot<T, R> s = new Slot<>(v, Channel.make(1));
                    if (!send(order, s) || !send(work, s)) {
                        return;
                    }
                }
            } finally {
                work.close();
                order.close();
            }
        });
        for (int i = 0; i < workers; i++) {
            group.go(() -> {
                Slot<T, R> s;
                while ((s = receive(work)) != null) {
                    s.result().send(Objects.requireNonNull(fn.apply(s.input()), "pipeline: null result"));
                }
            });
        }
        // The emitter: waits for each slot's result in input order.
        group.go(() -> {
            try {
                Slot<T, R> s;
                while ((s = receive(order)) != null) {
                    R r = receive(s.result());
                    if (r == null || !send(out, r)) {
                        return;
                    }
                }
            } finally {
                out.close();
            }
        });
        return out;
    }

    /**
     * A stage that groups values into lists of up to {@code size}, emitting a partial list when
     * {@code maxWait} has passed since its first value, and the rest when the input closes.
     */
    public <T> ReceiveChannel<List<T>> batch(ReceiveChannel<T> in, int size, Duration maxWait) {
        if (size < 1) {
            throw new IllegalArgumentException("pipeline: batch size must be >= 1, got " + size);
        }
        Objects.requireNonNull(maxWait, "maxWait");
        Channel<List<T>> out = Channel.make(capacity);
        Clock clock = Clock.current();
        group.go(() -> {
            try {
                List<T> buf = new ArrayList<>(size);
                long deadline = 0;
                while (true) {
                    Received<T> r;
                    if (buf.isEmpty()) {
                        r = receiveOk(in, null);
                    } else {
                        long left = deadline - clock.nanoTime();
                        r = left <= 0 ? TIMEOUT_MARK() : receiveOk(in, Duration.ofNanos(left));
                    }
                    if (r == null) {
                        return; // cancelled
                    }
                    if (r == TIMEOUT || !r.ok()) {
                        if (!buf.isEmpty()) {
                            if (!send(out, List.copyOf(buf))) {
                                return;
                            }
                            buf.clear();
                        }
                        if (!r.ok() && r != TIMEOUT) {
                            return; // input closed
                        }
                        continue;
                    }
                    if (buf.isEmpty()) {
                        deadline = clock.nanoTime() + maxWait.toNanos();
                    }
                    buf.add(r.value());
                    if (buf.size() == size) {
                        if (!send(out, List.copyOf(buf))) {
                            return;
                        }
                        buf.clear();
                    }
                }
            } finally {
                out.close();
            }
        });
        return out;
    }

    /** A final stage that gives every input value to {@code consumer}, in order. */
    public <T> void sink(ReceiveChannel<T> in, Consumer<? super T> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        group.go(() -> {
            T v;
            while ((v = receive(in)) != null) {
                consumer.accept(v);
            }
        });
    }

    /**
     * Fan-out: {@code n} goroutines read the one input, each applying {@code fn} and writing its own
     * output channel, which it closes when done. Values go to whichever worker is free.
     */
    public <T, R> List<ReceiveChannel<R>> fanOut(ReceiveChannel<T> in, int n, Fn<? super T, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        if (n < 1) {
            throw new IllegalArgumentException("pipeline: n must be >= 1, got " + n);
        }
        List<ReceiveChannel<R>> outs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            outs.add(map(in, fn));
        }
        return outs;
    }

    /** Fan-in (Go's {@code merge}): one output carrying the values of all inputs; closed when all are. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public final <T> ReceiveChannel<T> merge(ReceiveChannel<? extends T>... ins) {
        return merge(List.of(ins));
    }

    /** Fan-in over a list of inputs. */
    public <T> ReceiveChannel<T> merge(List<? extends ReceiveChannel<? extends T>> ins) {
        Channel<T> out = Channel.make(capacity);
        if (ins.isEmpty()) {
            out.close();
            return out;
        }
        AtomicInteger left = new AtomicInteger(ins.size());
        for (ReceiveChannel<? extends T> in : ins) {
            group.go(() -> {
                try {
                    T v;
                    while ((v = receive(in)) != null) {
                        if (!send(out, v)) {
                            return;
                        }
                    }
                } finally {
                    if (left.decrementAndGet() == 0) {
                        out.close();
                    }
                }
            });
        }
        return out;
    }

    // ---------------------------------------------------------------- cancellable channel operations

    private static final Received<Object> TIMEOUT = new Received<>(null, false);

    @SuppressWarnings("unchecked")
    private static <T> Received<T> TIMEOUT_MARK() {
        return (Received<T>) TIMEOUT;
    }

    /** Sends unless the pipeline stops first; returns false if it stopped. */
    private <T> boolean send(Channel<T> out, T v) throws Exception {
        Objects.requireNonNull(v, "pipeline: null value");
        if (ctx.err() != null) {
            return false;
        }
        // Fast path: a ready receiver or buffer slot, without touching the shared done channel's lock.
        if (out.trySend(v)) {
            return true;
        }
        return Select.select(out.onSend(v, () -> true), Select.onReceive(ctx.done(), (Void x) -> false));
    }

    /** Receives the next value; null when the input is closed or the pipeline stopped. */
    private <T> T receive(ReceiveChannel<? extends T> in) throws Exception {
        Received<? extends T> r = receiveOk(in, null);
        return r == null || !r.ok() ? null : r.value();
    }

    /**
     * Receives with an optional timeout: the value, {@link Received#closed()}, {@link #TIMEOUT} on
     * timeout, or null if the pipeline stopped.
     */
    private <T> Received<T> receiveOk(ReceiveChannel<? extends T> in, Duration timeout) throws Exception {
        if (ctx.err() != null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Received<T> ready = (Received<T>) in.tryReceiveOk();
        if (ready != null) {
            return ready.ok() ? ready : Received.closed();
        }
        if (timeout == null) {
            return Select.select(
                    Select.onReceiveOk(in, (T v, Boolean ok) -> ok ? Received.of(v) : Received.<T>closed()),
                    Select.onReceive(ctx.done(), (Void x) -> (Received<T>) null));
        }
        return Select.select(
                Select.onReceiveOk(in, (T v, Boolean ok) -> ok ? Received.of(v) : Received.<T>closed()),
                Select.onReceive(ctx.done(), (Void x) -> (Received<T>) null),
                Select.onTimeout(timeout, () -> TIMEOUT_MARK()));
    }
}
