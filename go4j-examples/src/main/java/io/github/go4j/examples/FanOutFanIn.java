package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.chan.SendChannel;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Time;
import java.util.ArrayList;
import java.util.List;

/** Example 5: fan-out (one channel, four workers) and fan-in (three channels merged into one). */
public final class FanOutFanIn extends Program {

    /** The program, run in {@code env}. */
    public FanOutFanIn(Env env) {
        super(env);
    }

    // Task represents work to be done
    record Task(int id, int value) {}

    // Process tasks with variable complexity
    void worker(int id, ReceiveChannel<Task> tasks, SendChannel<Integer> results, WaitGroup wg)
            throws InterruptedException {
        try {
            for (Task task : tasks) {
                // Simulate variable processing time
                var processingTime = ms(rand.nextInt(100) + 50);
                Time.sleep(processingTime);

                // Process task (square the value)
                int result = task.value() * task.value();
                printf("Worker %d processed task %d: %d -> %d\n", id, task.id(), task.value(), result);

                results.send(result);
            }

            printf("Worker %d finished\n", id);
        } finally {
            wg.done();
        }
    }

    // Fan-out: distribute tasks to multiple workers
    ReceiveChannel<Integer> fanOut(List<Task> tasks, int numWorkers) {
        Channel<Task> taskChan = Channel.make(tasks.size());
        Channel<Integer> resultChan = Channel.make(tasks.size());

        var wg = new WaitGroup();

        // Start workers (fan-out)
        printf("Starting %d workers (fan-out)...\n", numWorkers);
        for (int i = 1; i <= numWorkers; i++) {
            wg.add(1);
            int id = i;
            Go.go(() -> worker(id, taskChan, resultChan, wg));
        }

        // Send tasks to workers
        Go.go(() -> {
            for (Task task : tasks) {
                taskChan.send(task);
            }
            taskChan.close();
        });

        // Close results channel when all workers finish
        Go.go(() -> {
            wg.await();
            resultChan.close();
            println("All workers completed");
        });

        return resultChan;
    }

    // Fan-in: collect results from multiple channels into one
    @SafeVarargs
    private ReceiveChannel<Integer> fanIn(ReceiveChannel<Integer>... channels) {
        Channel<Integer> out = Channel.make();
        var wg = new WaitGroup();

        // Start a goroutine for each input channel
        for (int i = 0; i < channels.length; i++) {
            wg.add(1);
            int channelID = i + 1;
            ReceiveChannel<Integer> c = channels[i];
            Go.go(() -> {
                try {
                    for (int val : c) {
                        printf("Fan-in from channel %d: %d\n", channelID, val);
                        out.send(val);
                    }
                } finally {
                    wg.done();
                }
            });
        }

        // Close output channel when all inputs are exhausted
        Go.go(() -> {
            wg.await();
            out.close();
            println("Fan-in completed");
        });

        return out;
    }

    @Override
    public void main() throws Exception {
        // Create tasks
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tasks.add(new Task(i + 1, rand.nextInt(10) + 1));
        }

        println("=== Fan-Out Pattern Demo ===");
        printf("Processing %d tasks with 4 workers\n\n", tasks.size());

        // Fan-out: distribute to 4 workers
        var results = fanOut(tasks, 4);

        // Collect and sum results
        println("\nCollecting results...");
        int sum = 0;
        int count = 0;
        for (int result : results) {
            sum += result;
            count++;
        }

        printf("\n=== Results ===\n");
        printf("Processed tasks: %d\n", count);
        printf("Sum of squared values: %d\n", sum);

        // Demonstrate fan-in pattern
        println("\n=== Fan-In Pattern Demo ===");

        // Create multiple result channels
        Channel<Integer> ch1 = Channel.make(3);
        Channel<Integer> ch2 = Channel.make(3);
        Channel<Integer> ch3 = Channel.make(3);

        // Send values to channels
        Go.go(() -> {
            for (int i = 1; i <= 3; i++) {
                ch1.send(i * 10);
                Time.sleep(ms(100));
            }
            ch1.close();
        });

        Go.go(() -> {
            for (int i = 1; i <= 3; i++) {
                ch2.send(i * 20);
                Time.sleep(ms(150));
            }
            ch2.close();
        });

        Go.go(() -> {
            for (int i = 1; i <= 3; i++) {
                ch3.send(i * 30);
                Time.sleep(ms(200));
            }
            ch3.close();
        });

        // Fan-in: merge channels
        var merged = fanIn(ch1, ch2, ch3);

        // Collect merged results
        println("Collecting merged results...");
        int mergedSum = 0;
        int mergedCount = 0;
        for (int val : merged) {
            mergedSum += val;
            mergedCount++;
        }

        printf("\n=== Fan-In Results ===\n");
        printf("Total values: %d\n", mergedCount);
        printf("Sum: %d\n", mergedSum);
    }
}
