package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.Select;
import io.github.go4j.context.Context;
import io.github.go4j.time.Time;

/** Pattern 1: timeout and cancellation, with a context deadline, a cancel call and time.After. */
public final class Timeout extends Program {

    /** The program, run in {@code env}. */
    public Timeout(Env env) {
        super(env);
    }

    // Go returns an error; here the error, or null for nil.
    Exception doWork(Context ctx, String task) throws InterruptedException {
        // Simulate long-running work
        Channel<Boolean> workDone = Channel.make();

        Go.go(() -> {
            printf("Starting task: %s\n", task);
            Time.sleep(seconds(2));
            workDone.send(true); // nobody receives after a timeout: this goroutine leaks, as in Go
        });

        return Select.select(
                workDone.onReceive(ok -> {
                    printf("Task completed: %s\n", task);
                    return null; // nil error
                }),

                ctx.done().onReceive(d -> {
                    printf("Task cancelled: %s\n", task);
                    return ctx.err();
                }),

                Time.after(seconds(1)).onReceive(t -> {
                    printf("Task timed out: %s\n", task);
                    return new Exception("timeout exceeded");
                }));
    }

    @Override
    public void main() throws Exception {
        // Example 1: Timeout using context
        println("=== Example 1: Context with Timeout ===");
        try (var ctx1 = Context.withTimeout(Context.background(), ms(500))) { // defer cancel1()

            var err = doWork(ctx1, "quick-task");
            if (err != null) {
                printf("Error: %v\n", err);
            }

            Time.sleep(seconds(1));

            // Example 2: Manual cancellation
            println("\n=== Example 2: Manual Cancellation ===");
            var ctx2 = Context.withCancel(Context.background());

            Go.go(() -> {
                Time.sleep(ms(500));
                println("Sending cancellation signal...");
                ctx2.cancel();
            });

            err = doWork(ctx2, "cancellable-task");
            if (err != null) {
                printf("Error: %v\n", err);
            }

            // Example 3: Select with timeout
            println("\n=== Example 3: Select with Timeout ===");
            Channel<String> ch = Channel.make(1);

            Go.go(() -> {
                Time.sleep(seconds(2));
                ch.send("result");
            });

            Select.select(
                    ch.onReceive(result -> {
                        printf("Received: %s\n", result);
                    }),
                    Time.after(seconds(1)).onReceive(t -> {
                        println("Operation timed out");
                    }));
        }
    }
}
