package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.chan.SendChannel;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Time;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Exercise 3 (solution): a pool of four workers, twenty jobs, statistics per worker. */
public final class Exercise3 extends Program {

    /** The program, run in {@code env}. */
    public Exercise3(Env env) {
        super(env);
    }

    record Job(int id, int complexity) {} // complexity: processing time in milliseconds

    record Result(int jobID, int workerID, Duration duration) {}

    void worker(int id, ReceiveChannel<Job> jobs, SendChannel<Result> results, WaitGroup wg)
            throws InterruptedException {
        try { // defer wg.Done()
            printf("Worker %d: Started\n", id);
            int jobsProcessed = 0;

            for (Job job : jobs) {
                var startTime = Time.now();

                // Simulate work based on complexity
                Time.sleep(ms(job.complexity()));

                var duration = Time.since(startTime);
                jobsProcessed++;

                printf("Worker %d: Completed job %d (complexity: %dms, actual: %v)\n",
                        id, job.id(), job.complexity(), duration);

                results.send(new Result(job.id(), id, duration));
            }

            printf("Worker %d: Finished (%d jobs processed)\n", id, jobsProcessed);
        } finally {
            wg.done();
        }
    }

    @Override
    public void main() throws Exception {
        final int numWorkers = 4;
        final int numJobs = 20;

        // Create channels
        Channel<Job> jobs = Channel.make(numJobs);
        Channel<Result> results = Channel.make(numJobs);

        var wg = new WaitGroup();

        // Start workers
        printf("=== Starting Worker Pool (%d workers) ===\n\n", numWorkers);
        var startTime = Time.now();

        for (int i = 1; i <= numWorkers; i++) {
            wg.add(1);
            int id = i;
            Go.go(() -> worker(id, jobs, results, wg));
        }

        // Submit jobs
        println("Submitting jobs...");
        Go.go(() -> {
            for (int i = 1; i <= numJobs; i++) {
                var job = new Job(i, rand.nextInt(100) + 50); // 50-150ms
                jobs.send(job);
                printf("Submitted job %d (complexity: %dms)\n", job.id(), job.complexity());
            }
            jobs.close();
            println("All jobs submitted\n");
        });

        // Close results channel when all workers finish
        Go.go(() -> {
            wg.await();
            results.close();
        });

        // Collect results and compute statistics
        Map<Integer, Integer> workerStats = new HashMap<>();
        var totalDuration = Duration.ZERO;
        int jobCount = 0;

        for (Result result : results) {
            workerStats.merge(result.workerID(), 1, Integer::sum);
            totalDuration = totalDuration.plus(result.duration());
            jobCount++;
        }

        var elapsed = Time.since(startTime);

        // Print statistics
        printf("\n=== Worker Pool Statistics ===\n");
        printf("Total time: %v\n", elapsed);
        printf("Jobs processed: %d\n", jobCount);
        printf("Average job duration: %v\n", totalDuration.dividedBy(jobCount));
        printf("Throughput: %.2f jobs/second\n", jobCount / (elapsed.toNanos() / 1e9));

        println("\nJobs per worker:");
        for (int workerID = 1; workerID <= numWorkers; workerID++) {
            int count = workerStats.getOrDefault(workerID, 0);
            printf("  Worker %d: %d jobs (%.1f%%)\n",
                    workerID, count, (double) count / (double) jobCount * 100);
        }
    }
}
