package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.chan.SendChannel;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Time;
import java.util.List;

/** Example 3: a pipeline of three stages (generate, square, filter) on unbuffered channels. */
public final class Pipeline extends Program {

    /** The program, run in {@code env}. */
    public Pipeline(Env env) {
        super(env);
    }

    // Stage 1: Generate numbers
    void generator(List<Integer> nums, SendChannel<Integer> out, WaitGroup wg) throws InterruptedException {
        try { // defer wg.Done(); defer close(out): deferred calls run last-in first-out
            try {
                for (int num : nums) {
                    out.send(num);
                    printf("Generated: %d\n", num);
                    Time.sleep(ms(100));
                }
                println("Generator finished");
            } finally {
                out.close();
            }
        } finally {
            wg.done();
        }
    }

    // Stage 2: Square numbers
    void squarer(ReceiveChannel<Integer> in, SendChannel<Integer> out, WaitGroup wg) throws InterruptedException {
        try {
            try {
                for (int num : in) {
                    int squared = num * num;
                    out.send(squared);
                    printf("Squared %d -> %d\n", num, squared);
                    Time.sleep(ms(50));
                }
                println("Squarer finished");
            } finally {
                out.close();
            }
        } finally {
            wg.done();
        }
    }

    // Stage 3: Filter results
    void filter(ReceiveChannel<Integer> in, SendChannel<Integer> out, int threshold, WaitGroup wg)
            throws InterruptedException {
        try {
            try {
                for (int num : in) {
                    if (num > threshold) {
                        out.send(num);
                        printf("Filtered: %d (> %d)\n", num, threshold);
                    } else {
                        printf("Rejected: %d (<= %d)\n", num, threshold);
                    }
                }
                println("Filter finished");
            } finally {
                out.close();
            }
        } finally {
            wg.done();
        }
    }

    @Override
    public void main() throws Exception {
        // Input data
        List<Integer> numbers = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

        // Create pipeline stages
        Channel<Integer> stage1 = Channel.make(); // generator -> squarer
        Channel<Integer> stage2 = Channel.make(); // squarer -> filter
        Channel<Integer> stage3 = Channel.make(); // filter -> main

        var wg = new WaitGroup();

        println("Starting pipeline with threshold of 50");

        // Start pipeline stages
        wg.add(3);

        Go.go(() -> generator(numbers, stage1, wg));
        Go.go(() -> squarer(stage1, stage2, wg));
        Go.go(() -> filter(stage2, stage3, 50, wg));

        // Collect final results
        Go.go(() -> {
            wg.await();
            println("Pipeline completed");
        });

        // Process results
        println("\nFinal results:");
        int count = 0;
        for (int result : stage3) {
            count++;
            printf("Result %d: %d\n", count, result);
        }

        if (count == 0) {
            println("No results above threshold");
        } else {
            printf("\nTotal results: %d\n", count);
        }
    }
}
