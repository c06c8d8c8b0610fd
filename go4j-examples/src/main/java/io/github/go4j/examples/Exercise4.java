package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.Select;
import io.github.go4j.context.Context;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Exercise 4 (solution): fifteen operations, each with its own 2s timeout under a global 5s one. */
public final class Exercise4 extends Program {

    /** The program, run in {@code env}. */
    public Exercise4(Env env) {
        super(env);
    }

    record Operation(int id, Duration duration) {}

    record Result(int opID, String status, Duration duration, Exception error) {} // status: "success", "timeout", "cancelled"

    Result executeOperation(Context ctx, Operation op) throws InterruptedException {
        var startTime = Time.now();

        // Create a channel for operation completion
        Channel<Boolean> done = Channel.make();

        Go.go(() -> {
            // Simulate work
            Time.sleep(op.duration());
            done.send(true); // after a timeout nobody receives: this goroutine leaks, as in Go
        });

        // Wait for completion, timeout, or cancellation
        return Select.select(
                done.onReceive(ok -> {
                    return new Result(op.id(), "success", Time.since(startTime), null);
                }),

                ctx.done().onReceive(d -> {
                    if (ctx.err() == Context.DEADLINE_EXCEEDED) {
                        return new Result(op.id(), "timeout", Time.since(startTime), ctx.err());
                    }
                    return new Result(op.id(), "cancelled", Time.since(startTime), ctx.err());
                }));
    }

    @Override
    public void main() throws Exception {
        // Create operations with variable durations
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            operations.add(new Operation(i + 1, ms(rand.nextInt(3000) + 500)));
        }

        // Create context with timeout
        try (var ctx = Context.withTimeout(Context.background(), seconds(5))) { // defer cancel()

            Channel<Result> results = Channel.make(operations.size());
            var wg = new WaitGroup();

            println("=== Context-Aware Operations Demo ===");
            printf("Starting %d operations with 2s timeout per operation\n", operations.size());
            println("Global context will cancel after 5 seconds\n");

            var startTime = Time.now();

            // Launch operations
            for (Operation op : operations) {
                wg.add(1);

                Go.go(() -> {
                    try { // defer wg.Done()
                        // Create operation-specific timeout context
                        try (var opCtx = Context.withTimeout(ctx, seconds(2))) { // defer opCancel()

                            printf("Operation %d: Starting (duration: %v)\n", op.id(), op.duration());

                            var result = executeOperation(opCtx, op);
                            results.send(result);

                            switch (result.status()) {
                                case "success" -> printf("Operation %d: ✓ Success (took %v)\n",
                                        op.id(), result.duration());
                                case "timeout" -> printf("Operation %d: ⏱ Timeout (took %v)\n",
                                        op.id(), result.duration());
                                case "cancelled" -> printf("Operation %d: ✗ Cancelled (took %v)\n",
                                        op.id(), result.duration());
                                default -> { }
                            }
                        }
                    } finally {
                        wg.done();
                    }
                });

                Time.sleep(ms(100)); // Stagger operation starts
            }

            // Wait for all operations to complete
            Go.go(() -> {
                wg.await();
                results.close();
            });

            // Collect results
            Map<String, Integer> stats = new LinkedHashMap<>();
            stats.put("success", 0);
            stats.put("timeout", 0);
            stats.put("cancelled", 0);

            for (Result result : results) {
                stats.merge(result.status(), 1, Integer::sum);
            }

            var elapsed = Time.since(startTime);

            // Print statistics
            printf("\n=== Results ===\n");
            printf("Total time: %v\n", elapsed);
            printf("Operations completed: %d\n", stats.get("success"));
            printf("Operations timed out: %d\n", stats.get("timeout"));
            printf("Operations cancelled: %d\n", stats.get("cancelled"));
            printf("Total operations: %d\n", operations.size());
        }
    }
}
