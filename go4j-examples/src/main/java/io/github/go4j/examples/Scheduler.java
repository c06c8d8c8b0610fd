package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Time;

/** Example demonstrating scheduler efficiency: 10,000 goroutines that each sleep 10ms. */
public final class Scheduler extends Program {

    /** The program, run in {@code env}. */
    public Scheduler(Env env) {
        super(env);
    }

    @Override
    public void main() throws Exception {
        // Display scheduler configuration
        printf("GOMAXPROCS: %d\n", Go.gomaxprocs(0));
        printf("NumCPU: %d\n", Runtime.getRuntime().availableProcessors());
        printf("NumGoroutine (start): %d\n\n", Go.numGoroutine());

        // Create many goroutines to demonstrate lightweight nature
        final int numGoroutines = 10000;
        var wg = new WaitGroup();
        var start = Time.now();

        for (int i = 1; i <= numGoroutines; i++) {
            wg.add(1);
            Go.go(() -> {
                try {
                    // Simulate minimal work
                    Time.sleep(ms(10));
                } finally {
                    wg.done();
                }
            });
        }

        printf("Created %d goroutines in %v\n", numGoroutines, Time.since(start));
        printf("NumGoroutine (peak): %d\n", Go.numGoroutine());

        wg.await();
        var elapsed = Time.since(start);

        printf("\nCompleted %d goroutines in %v\n", numGoroutines, elapsed);
        printf("Average per goroutine: %v\n", elapsed.dividedBy(numGoroutines));
        printf("NumGoroutine (end): %d\n", Go.numGoroutine());
    }
}
