package io.github.go4j.pool;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ChannelClosedException;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.chan.Received;
import io.github.go4j.chan.Select;
import io.github.go4j.context.CancelContext;
import io.github.go4j.context.Context;
import io.github.go4j.context.ContextException;
import io.github.go4j.internal.Clock;
import io.github.go4j.internal.WaitReason;
import io.github.go4j.patterns.internal.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Pool is a fixed set of worker goroutines fed by a bounded job queue: the seed's worker-pool example
 * (Go's {@code jobs}/{@code results} channels and {@code for j := range jobs}), with the parts a
 * production pool needs.
 *
 * <ul>
 * <li><b>Backpressure.</b> The queue holds {@code queueCapacity} jobs. {@link #submit(Object)} blocks while
 * it is full, {@link #submit(Context, Object)} gives up when its context is done, {@link #trySubmit}
 * returns false. A job is <em>accepted</em> when one of them returns normally (true).</li>
 * <li><b>Results.</b> Every accepted job ends as exactly one {@link Outcome} on {@link #results()}:
 * {@link Outcome.Status#DONE} with the worker's value, {@link Outcome.Status#FAILED} with the exception it
 * threw (per-job errors never stop the pool), or {@link Outcome.Status#CANCELLED} if the pool was
 * cancelled before the job started — unless {@link #shutdown(Duration)} returns it in
 * {@link ShutdownReport#notRun()} instead. Nothing is lost silently. The results channel has
 * {@code resultsCapacity} slots; workers block when it is full, so <em>someone must receive the
 * results</em> until the channel is closed, which happens at the end of {@code shutdown}.</li>
 * <li><b>Graceful shutdown.</b> {@link #shutdown(Duration)} stops accepting jobs, lets the workers
 * drain the queue for up to the timeout, then cancels: the pool's context is cancelled, workers are
 * interrupted, jobs still queued are returned as not run. It returns once every worker has exited
 * (a job that ignores both its context and interrupts delays that).</li>
 * <li><b>Statistics.</b> {@link #stats()} is a live snapshot: jobs per worker, queued, running, done,
 * failed, cancelled, throughput.</li>
 * </ul>
 *
 * <p><b>Blocking and interrupts.</b> {@code submit} and {@code shutdown} block as described and throw
 * {@link InterruptedException} if interrupted (an interrupted submit did not accept its job). Submitting
 * after shutdown has begun throws {@link IllegalStateException} {@code pool: submit after shutdown}.
 *
 * <p><b>Memory consistency.</b> Actions before a successful submit happen-before the worker runs the
 * job; the worker's actions happen-before the receive of its outcome. Jobs must not be null.
 *
 * {@snippet :
 * Pool<String, Integer> pool = Pool.start(Context.background(), 4, 100, 100,
 *         (ctx, url) -> fetchSize(ctx, url));
 * Go.go(() -> {
 *     for (String url : urls) {
 *         pool.submit(url);                    // blocks while 100 jobs are queued
 *     }
 *     ShutdownReport<String> report = pool.shutdown(Duration.ofSeconds(30));
 *     report.notRun().forEach(u -> log("not fetched: " + u));
 * });
 * for (Outcome<String, Integer> o : pool.results()) {   // ends when shutdown closes it
 *     if (o.status() == Outcome.Status.DONE) total += o.value(); else log(o.job() + ": " + o.error());
 * }
 * }
 *
 * @param <J> the job type
 * @param <R> the result type
 */
public final class Pool<J, R> {

    /** The work done for each job. */
    @FunctionalInterface
    public interface Worker<J, R> {
        /**
         * Processes one job. {@code ctx} is the pool's context, cancelled when a shutdown times out;
         * long jobs should watch it. An exception is the job's error; a null result is allowed.
         */
        R apply(Context ctx, J job) throws Exception;
    }

    private final CancelContext ctx;
    private final Channel<J> jobs;
    private final Channel<Outcome<J, R>> results;
    private final Worker<J, R> worker;
    private final Thread[] threads;
    private final Clock clock;
    private final long startNanos;
    private final Event allExited = new Event();
    private final AtomicInteger live;
    private final AtomicLongArray perWorker;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong notRun = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean shutdownStarted =
            new java.util.concurrent.atomic.AtomicBoolean();

    private Pool(Context parent, int workers, int queueCapacity, int resultsCapacity, Worker<J, R> worker) {
        if (workers < 1) {
            throw new IllegalArgumentException("pool: workers must be >= 1, got " + workers);
        }
        if (queueCapacity < 0 || resultsCapacity < 0) {
            throw new IllegalArgumentException("pool: negative capacity");
        }
        this.worker = Objects.requireNonNull(worker, "worker");
        this.ctx = Context.withCancel(Objects.requireNonNull(parent, "parent"));
        this.jobs = Channel.make(queueCapacity);
        this.results = Channel.make(resultsCapacity);
        this.threads = new Thread[workers];
        this.live = new AtomicInteger(workers);
        this.perWorker = new AtomicLongArray(workers);
        this.clock = Clock.current();
        this.startNanos = clock.nanoTime();
    }

    /**
     * Starts a pool of {@code workers} goroutines with a job queue of {@code queueCapacity} and a results
     * channel of {@code resultsCapacity}; jobs see a context derived from {@code parent}.
     *
     * @throws IllegalArgumentException if workers &lt; 1 or a capacity is negative
     */
    public static <J, R> Pool<J, R> start(Context parent, int workers, int queueCapacity, int resultsCapacity,
            Worker<J, R> worker) {
        Pool<J, R> p = new Pool<>(parent, workers, queueCapacity, resultsCapacity, worker);
        for (int i = 0; i < workers; i++) {
            int id = i;
            p.threads[i] = Go.go(() -> p.work(id));
        }
        return p;
    }

    /** Same as {@code start(Context.background(), workers, queueCapacity, queueCapacity, worker)}. */
    public static <J, R> Pool<J, R> start(int workers, int queueCapacity, Worker<J, R> worker) {
        return start(Context.background(), workers, queueCapacity, queueCapacity, worker);
    }

    /** The outcomes of the accepted jobs, in completion order; closed at the end of {@link #shutdown}. */
    public ReceiveChannel<Outcome<J, R>> results() {
        return results;
    }

    /** The pool's context: cancelled when a shutdown's timeout passes, or when the parent is done. */
    public Context context() {
        return ctx;
    }

    /**
     * Queues {@code job}, blocking while the queue is full.
     *
     * @throws IllegalStateException {@code pool: submit after shutdown}
     * @throws InterruptedException if interrupted while blocked; the job was not accepted
     */
    public void submit(J job) throws InterruptedException {
        Objects.requireNonNull(job, "job");
        checkOpen();
        try {
            jobs.send(job);
        } catch (ChannelClosedException e) {
            throw closed(e);
        }
        submitted.incrementAndGet();
    }

    /**
     * Queues {@code job}, blocking while the queue is full, until {@code ctx} is done.
     *
     * @throws ContextException the context's err; the job was not accepted
     * @throws IllegalStateException {@code pool: submit after shutdown}
     * @throws InterruptedException if interrupted while blocked; the job was not accepted
     */
    public void submit(Context ctx, J job) throws ContextException, InterruptedException {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(ctx, "ctx");
        checkOpen();
        ContextException err = ctx.err();
        if (err != null) {
            throw err;
        }
        boolean sent;
        try {
            sent = Select.select(jobs.onSend(job, () -> true), Select.onReceive(ctx.done(), (Void v) -> false));
        } catch (ChannelClosedException e) {
            throw closed(e);
        } catch (InterruptedException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (!sent) {
            throw ctx.err();
        }
        submitted.incrementAndGet();
    }

    /**
     * Queues {@code job} if there is room now; never blocks.
     *
     * @return whether the job was accepted
     * @throws IllegalStateException {@code pool: submit after shutdown}
     */
    public boolean trySubmit(J job) {
        Objects.requireNonNull(job, "job");
        checkOpen();
        try {
            if (!jobs.trySend(job)) {
                return false;
            }
        } catch (ChannelClosedException e) {
            throw closed(e);
        }
        submitted.incrementAndGet();
        return true;
    }

    private void checkOpen() {
        if (shutdownStarted.get()) {
            throw new IllegalStateException("pool: submit after shutdown");
        }
    }

    private static IllegalStateException closed(ChannelClosedException e) {
        return new IllegalStateException("pool: submit after shutdown", e);
    }

    /**
     * Shuts the pool down: no new jobs; the workers drain the queue for up to {@code timeout}; then the
     * pool's context is cancelled, workers are interrupted and the jobs still queued are returned, not
     * run. Returns when every worker has exited, after closing {@link #results()}. Only the first call
     * shuts down; later calls wait for it and return an empty report.
     *
     * @throws InterruptedException if interrupted while waiting (the shutdown then goes on in the
     *         background: the context is cancelled and the queue is left to drain as cancelled outcomes)
     */
    public ShutdownReport<J> shutdown(Duration timeout) throws InterruptedException {
        if (!shutdownStarted.compareAndSet(false, true)) {
            allExited.await(WaitReason.WAITGROUP_WAIT);
            return new ShutdownReport<>(true, List.of());
        }
        jobs.close();
        boolean graceful;
        try {
            graceful = allExited.await(WaitReason.WAITGROUP_WAIT, clock, timeout.toNanos());
        } catch (InterruptedException e) {
            ctx.cancel();
            throw e;
        }
        List<J> left = new ArrayList<>();
        if (!graceful) {
            // Take the queued jobs first, so that workers freed by the cancel cannot start them.
            J j;
            while ((j = jobs.tryReceive()) != null) {
                left.add(j);
            }
            notRun.addAndGet(left.size());
            ctx.cancel();
            for (Thread t : threads) {
                t.interrupt();
            }
            allExited.await(WaitReason.WAITGROUP_WAIT);
        }
        return new ShutdownReport<>(graceful, List.copyOf(left));
    }

    /** A live snapshot of the pool's counters. */
    public Stats stats() {
        long[] per = new long[perWorker.length()];
        for (int i = 0; i < per.length; i++) {
            per[i] = perWorker.get(i);
        }
        long d = done.get();
        long f = failed.get();
        long elapsed = Math.max(1, clock.nanoTime() - startNanos);
        double throughput = (d + f) * 1e9 / elapsed;
        return new Stats(per, submitted.get(), jobs.len(), running.get(), d, f, cancelled.get(), notRun.get(),
                throughput);
    }

    // ---------------------------------------------------------------- the worker loop

    private void work(int id) {
        try {
            while (true) {
                Received<J> r;
                try {
                    r = jobs.receiveOk();
                } catch (InterruptedException e) {
                    if (ctx.err() != null) {
                        // cancelled: stop taking jobs; shutdown drains the queue
                        return;
                    }
                    continue; // a stray interrupt: keep serving
                }
                if (!r.ok()) {
                    return; // closed and drained
                }
                deliver(runOne(id, r.value()));
            }
        } finally {
            if (live.decrementAndGet() == 0) {
                results.close();
                allExited.fire();
            }
        }
    }

    private Outcome<J, R> runOne(int id, J job) {
        if (ctx.err() != null) {
            cancelled.incrementAndGet();
            return new Outcome<>(job, null, ctx.err(), id, Outcome.Status.CANCELLED);
        }
        running.incrementAndGet();
        try {
            R value = worker.apply(ctx, job);
            done.incrementAndGet();
            return new Outcome<>(job, value, null, id, Outcome.Status.DONE);
        } catch (Exception e) {
            failed.incrementAndGet();
            return new Outcome<>(job, null, e, id, Outcome.Status.FAILED);
        } finally {
            running.decrementAndGet();
            perWorker.incrementAndGet(id);
        }
    }

    /** Sends the outcome, even across interrupts: an accepted job's outcome is never dropped. */
    private void deliver(Outcome<J, R> o) {
        boolean interrupted = false;
        while (true) {
            try {
                results.send(o);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Pool[" + stats() + "]";
    }
}
