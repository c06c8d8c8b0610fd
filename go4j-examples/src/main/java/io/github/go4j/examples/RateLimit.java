package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.Select;
import io.github.go4j.time.Time;

/** Pattern 2: rate limiting with time.Tick, then a token bucket refilled by a ticker. */
public final class RateLimit extends Program {

    /** The program, run in {@code env}. */
    public RateLimit(Env env) {
        super(env);
    }

    // time.Now().Format("15:04:05.000")
    private static String now() {
        return Fmt.clock(Time.now());
    }

    // Simple rate limiter using channels
    void rateLimiter() throws InterruptedException {
        // Allow 3 requests per second
        Channel<Integer> requests = Channel.make(5);
        var limiter = Time.tick(seconds(1).dividedBy(3)); // 3 requests per second

        // Simulate incoming requests
        for (int i = 1; i <= 5; i++) {
            requests.send(i);
        }
        requests.close();

        println("=== Rate Limiter Demo ===");
        println("Processing 5 requests at 3 requests/second...");

        for (int req : requests) {
            limiter.receive(); // Wait for rate limiter
            printf("Processing request %d at %s\n", req, now());
        }

        println("\n=== Token Bucket Rate Limiter ===");

        // Token bucket implementation
        Channel<Struct> tokenBucket = Channel.make(3); // Bucket capacity: 3 tokens

        // Fill bucket with initial tokens
        for (int i = 0; i < 3; i++) {
            tokenBucket.send(new Struct());
        }

        // Java port only: Go's refill goroutine runs until the process exits; a Java method returns
        // into a JVM that lives on, so the goroutine also stops when `stop` is closed at the end.
        Channel<Struct> stop = Channel.make();

        // Refill tokens periodically
        Go.go(() -> {
            var ticker = Time.newTicker(seconds(1));
            try { // defer ticker.Stop()
                for (boolean running = true; running; ) { // for range ticker.C
                    running = Select.select(
                            ticker.c().onReceive(t -> {
                                Select.select(
                                        tokenBucket.onSend(new Struct(), () -> {
                                            println("Added token to bucket");
                                        }),
                                        Select.otherwise(() -> {
                                            // Bucket is full, skip
                                        }));
                                return true;
                            }),
                            stop.onReceive(s -> false));
                }
            } finally {
                ticker.stop();
            }
        });

        // Process requests using token bucket
        for (int i = 1; i <= 6; i++) {
            int reqID = i;
            Go.go(() -> {
                tokenBucket.receive(); // Wait for token
                printf("Request %d processed at %s\n", reqID, now());
            });

            Time.sleep(ms(300));
        }

        Time.sleep(seconds(3));
        stop.close();
    }

    @Override
    public void main() throws Exception {
        rateLimiter();
    }
}
