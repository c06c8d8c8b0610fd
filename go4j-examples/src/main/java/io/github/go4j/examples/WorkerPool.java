package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.chan.Select;
import io.github.go4j.chan.SendChannel;
import io.github.go4j.context.CancelContext;
import io.github.go4j.context.Context;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Example 4: a worker pool with a context for cancellation and a shutdown with a timeout. */
public final class WorkerPool extends Program {

    /** The program, run in {@code env}. */
    public WorkerPool(Env env) {
        super(env);
    }

    // Job represents work to be done
    record Job(int id, String data, Duration duration) {}

    // Result represents job completion
    static final class Result {
        int jobID;
        boolean success;
        Duration duration;
        Exception error;

        Result(boolean success, Duration duration, Exception error) {
            this.success = success;
            this.duration = duration;
            this.error = error;
        }
    }

    // Worker processes jobs from a channel
    final class Worker {
        final int id;
        final ReceiveChannel<Job> jobChan;
        final SendChannel<Result> resultChan;
        final Context ctx;

        Worker(int id, ReceiveChannel<Job> jobChan, SendChannel<Result> resultChan, Context ctx) {
            this.id = id;
            this.jobChan = jobChan;
            this.resultChan = resultChan;
            this.ctx = ctx;
        }

        void start() throws InterruptedException {
            printf("Worker %d starting\n", id);

            for (;;) {
                boolean stop = Select.select(
                        jobChan.onReceiveOk((job, ok) -> {
                            if (!ok) {
                                printf("Worker %d: job channel closed, shutting down\n", id);
                                return true;
                            }

                            // Process job with context awareness
                            Result result = processJob(job);
                            result.jobID = job.id();

                            return Select.select(
                                    resultChan.onSend(result, () -> {
                                        // Result sent successfully
                                        return false;
                                    }),
                                    ctx.done().onReceive(d -> {
                                        printf("Worker %d: context cancelled while sending result\n", id);
                                        return true;
                                    }));
                        }),

                        ctx.done().onReceive(d -> {
                            printf("Worker %d: context cancelled, shutting down\n", id);
                            return true;
                        }));
                if (stop) {
                    return;
                }
            }
        }

        Result processJob(Job job) throws InterruptedException {
            var startTime = Time.now();

            // Simulate job processing with potential cancellation
            Channel<Boolean> processingDone = Channel.make();

            Go.go(() -> {
                // Simulate work
                Time.sleep(job.duration());

                // Simulate occasional failure (10% chance)
                if (rand.nextInt(10) == 0) {
                    processingDone.send(false);
                } else {
                    processingDone.send(true);
                }
            });

            return Select.select(
                    processingDone.onReceive(success -> {
                        var duration = Time.since(startTime);
                        if (success) {
                            return new Result(true, duration, null);
                        }
                        return new Result(false, duration,
                                new Exception(sprintf("job %d failed during processing", job.id())));
                    }),

                    ctx.done().onReceive(d -> {
                        return new Result(false, Time.since(startTime), new Exception("job cancelled by context"));
                    }));
        }
    }

    // WorkerPool manages multiple workers
    final class Pool {
        List<Worker> workers;
        final Channel<Job> jobChan;
        final Channel<Result> resultChan;
        final CancelContext ctx; // Go's ctx and cancel in one: ctx.cancel() is cancel()
        final WaitGroup wg = new WaitGroup();

        Pool(int numWorkers, int jobQueueSize) {
            this.ctx = Context.withCancel(Context.background());
            this.jobChan = Channel.make(jobQueueSize);
            this.resultChan = Channel.make(jobQueueSize);
        }

        void start(int numWorkers) {
            printf("Starting worker pool with %d workers\n", numWorkers);

            // Create and start workers
            workers = new ArrayList<>(numWorkers);
            for (int i = 1; i <= numWorkers; i++) {
                var worker = new Worker(i, jobChan, resultChan, ctx);
                workers.add(worker);

                wg.add(1);
                Go.go(() -> {
                    try {
                        worker.start();
                    } finally {
                        wg.done();
                    }
                });
            }
        }

        boolean submit(Job job) throws InterruptedException {
            return Select.select(
                    jobChan.onSend(job, () -> true),
                    ctx.done().onReceive(d -> {
                        printf("Pool shutting down, cannot submit job %d\n", job.id());
                        return false;
                    }));
        }

        void shutdown(Duration timeout) throws InterruptedException {
            println("Initiating worker pool shutdown...");

            // Close job channel to signal no more jobs
            jobChan.close();

            // Wait for workers to finish with timeout
            Channel<Struct> done = Channel.make();
            Go.go(() -> {
                wg.await();
                done.close();
            });

            Select.select(
                    done.onReceive(d -> {
                        println("All workers completed gracefully");
                    }),
                    Time.after(timeout).onReceive(t -> {
                        println("Shutdown timed out, forcing termination");
                        ctx.cancel();
                    }));

            resultChan.close();
        }
    }

    @Override
    public void main() throws Exception {
        // Create worker pool
        var pool = new Pool(3, 10); // 3 workers, queue size 10
        pool.start(3);

        // Submit jobs
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            jobs.add(new Job(i + 1, sprintf("job-data-%d", i + 1), ms(rand.nextInt(200) + 100)));
        }

        // Submit jobs concurrently
        println("Submitting jobs...");
        for (Job job : jobs) {
            if (pool.submit(job)) {
                printf("Submitted job %d\n", job.id());
            }
            Time.sleep(ms(50));
        }

        // Process results
        println("\nProcessing results:");
        int successCount = 0;
        int errorCount = 0;

        Go.go(() -> {
            Time.sleep(seconds(3));
            pool.shutdown(seconds(2));
        });

        for (Result result : pool.resultChan) {
            if (result.success) {
                printf("✓ Job %d completed in %v\n", result.jobID, result.duration);
                successCount++;
            } else {
                printf("✗ Job %d failed: %v\n", result.jobID, result.error);
                errorCount++;
            }
        }

        // Print statistics
        printf("\n=== Job Statistics ===\n");
        printf("Successful: %d\n", successCount);
        printf("Failed: %d\n", errorCount);
        printf("Total: %d\n", successCount + errorCount);
    }
}
