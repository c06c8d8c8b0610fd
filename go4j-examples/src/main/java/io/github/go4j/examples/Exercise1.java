package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.SendChannel;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Time;
import java.util.List;

/** Exercise 1 (solution): square ten numbers concurrently and sum the squares. */
public final class Exercise1 extends Program {

    /** The program, run in {@code env}. */
    public Exercise1(Env env) {
        super(env);
    }

    void processNumber(int num, SendChannel<Integer> results, WaitGroup wg) throws InterruptedException {
        try { // defer wg.Done()
            // Simulate variable processing time
            var processingTime = ms(rand.nextInt(100) + 50);
            Time.sleep(processingTime);

            int square = num * num;
            results.send(square);
            printf("Processed %d -> %d (took %v)\n", num, square, processingTime);
        } finally {
            wg.done();
        }
    }

    @Override
    public void main() throws Exception {
        List<Integer> numbers = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

        // Create channels and waitgroup
        Channel<Integer> results = Channel.make(numbers.size());
        var wg = new WaitGroup();

        var startTime = Time.now();

        // Start goroutines
        println("Starting concurrent number processing...");
        for (int num : numbers) {
            wg.add(1);
            Go.go(() -> processNumber(num, results, wg));
        }

        // Close results channel after all goroutines finish
        Go.go(() -> {
            wg.await();
            results.close();
        });

        // Collect results
        println("\nCollecting results:");
        int sum = 0;
        int count = 0;
        for (int result : results) {
            sum += result;
            count++;
            printf("Result %d: %d (running sum: %d)\n", count, result, sum);
        }

        var elapsed = Time.since(startTime);

        printf("\n=== Summary ===\n");
        printf("Processed %d numbers\n", count);
        printf("Sum of squares: %d\n", sum);
        printf("Total time: %v\n", elapsed);
        printf("Average time per number: %v\n", elapsed.dividedBy(count));
    }
}
