package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.chan.SendChannel;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Time;
import java.util.ArrayList;
import java.util.List;

/** Exercise 2 (solution): generator, transformer and collector on buffered channels. */
public final class Exercise2 extends Program {

    /** The program, run in {@code env}. */
    public Exercise2(Env env) {
        super(env);
    }

    // Stage 1: Generate numbers
    void generator(int count, SendChannel<Integer> out, WaitGroup wg) throws InterruptedException {
        try { // defer wg.Done(); defer close(out)
            try {
                println("Generator: Starting...");
                for (int i = 1; i <= count; i++) {
                    out.send(i);
                    printf("Generator: Produced %d\n", i);
                    Time.sleep(ms(50));
                }
                println("Generator: Completed");
            } finally {
                out.close();
            }
        } finally {
            wg.done();
        }
    }

    // Stage 2: Transform data
    void transformer(ReceiveChannel<Integer> in, SendChannel<Integer> out, WaitGroup wg) throws InterruptedException {
        try {
            try {
                println("Transformer: Starting...");
                for (int num : in) {
                    // Transform: multiply by 2 and add 10
                    int transformed = num * 2 + 10;
                    out.send(transformed);
                    printf("Transformer: %d -> %d\n", num, transformed);
                    Time.sleep(ms(30));
                }
                println("Transformer: Completed");
            } finally {
                out.close();
            }
        } finally {
            wg.done();
        }
    }

    // Stage 3: Collect and filter results
    void collector(ReceiveChannel<Integer> in, int threshold, WaitGroup wg) throws InterruptedException {
        try { // defer wg.Done()
            printf("Collector: Starting (filtering > %d)...\n", threshold);

            List<Integer> filtered = new ArrayList<>();
            int sum = 0;

            for (int num : in) {
                if (num > threshold) {
                    filtered.add(num);
                    sum += num;
                    printf("Collector: Accepted %d\n", num);
                } else {
                    printf("Collector: Rejected %d\n", num);
                }
                Time.sleep(ms(20));
            }

            println("\nCollector: Completed");
            printf("\n=== Results ===\n");
            printf("Filtered count: %d\n", filtered.size());
            printf("Filtered values: %v\n", filtered);
            printf("Sum: %d\n", sum);
            if (filtered.size() > 0) {
                double avg = (double) sum / (double) filtered.size();
                printf("Average: %.2f\n", avg);
            }
        } finally {
            wg.done();
        }
    }

    @Override
    public void main() throws Exception {
        var startTime = Time.now();

        // Create pipeline channels
        Channel<Integer> stage1 = Channel.make(5); // generator -> transformer
        Channel<Integer> stage2 = Channel.make(5); // transformer -> collector

        var wg = new WaitGroup();

        println("=== Starting 3-Stage Pipeline ===\n");

        // Start pipeline stages
        wg.add(3);

        Go.go(() -> generator(20, stage1, wg));
        Go.go(() -> transformer(stage1, stage2, wg));
        Go.go(() -> collector(stage2, 30, wg));

        // Wait for pipeline to complete
        wg.await();

        var elapsed = Time.since(startTime);
        printf("\nTotal pipeline time: %v\n", elapsed);
    }
}
