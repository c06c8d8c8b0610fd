package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.chan.SendChannel;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Time;

/** Example 1: basic goroutine creation and synchronization (3 workers square 5 jobs). */
public final class Workers extends Program {

    /** The program, run in {@code env}. */
    public Workers(Env env) {
        super(env);
    }

    // Simple task that simulates work
    void worker(int id, ReceiveChannel<Integer> jobs, SendChannel<Integer> results, WaitGroup wg)
            throws InterruptedException {
        // Defer to signal when done
        try {
            printf("Worker %d starting\n", id);

            // Process jobs until channel is closed
            for (int job : jobs) {
                printf("Worker %d processing job %d\n", id, job);

                // Simulate work
                Time.sleep(ms(100));

                // Send result
                int result = job * job; // Square the number
                results.send(result);
            }

            printf("Worker %d finished\n", id);
        } finally {
            wg.done();
        }
    }

    @Override
    public void main() throws Exception {
        // Create channels for jobs and results
        Channel<Integer> jobs = Channel.make(10);
        Channel<Integer> results = Channel.make(10);

        var wg = new WaitGroup();

        // Start 3 worker goroutines
        int numWorkers = 3;
        for (int i = 1; i <= numWorkers; i++) {
            wg.add(1); // Add worker to waitgroup
            int id = i;
            Go.go(() -> worker(id, jobs, results, wg));
        }

        printf("Started %d workers\n", numWorkers);

        // Send 5 jobs
        int numJobs = 5;
        for (int j = 1; j <= numJobs; j++) {
            jobs.send(j);
            printf("Sent job %d to workers\n", j);
        }

        jobs.close(); // Signal no more jobs

        // Wait for all workers to finish in a separate goroutine
        Go.go(() -> {
            wg.await();
            results.close();
        });

        // Collect results
        println("Collecting results:");
        for (int result : results) {
            printf("Received result: %d\n", result);
        }

        println("All workers completed");
    }
}
