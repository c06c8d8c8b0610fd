package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.Select;
import io.github.go4j.time.Time;

/**
 * Pitfall 1: a goroutine leak, and the fix. The Java port also shows the leak: it counts goroutines
 * with {@link Go#numGoroutine()} before and after, then (unlike the Go program, which simply exits)
 * sends the value the leaky function forgot, so the leaked goroutine ends before the program does.
 */
public final class Leak extends Program {

    // Java port only: the leaked goroutine and its channel, kept so main can release it at the end.
    private Channel<Integer> leaked;
    private Thread leakedGoroutine;

    /** The program, run in {@code env}. */
    public Leak(Env env) {
        super(env);
    }

    // ❌ WRONG: Goroutine leak
    void leakExample() {
        Channel<Integer> ch = Channel.make();

        leakedGoroutine = Go.go(() -> {
            Integer val = ch.receive(); // This goroutine will block forever
            println("Received:", val);
        });

        // Forgot to send to channel or close it
        // Goroutine leaks - never exits
        println("Function returned, but goroutine is still running!");
        leaked = ch;
    }

    // ✅ CORRECT: Ensure goroutine cleanup
    void fixedExample() throws InterruptedException {
        Channel<Integer> ch = Channel.make();
        Channel<Struct> done = Channel.make();

        Go.go(() -> {
            try { // defer close(done)
                Select.select(
                        ch.onReceive(val -> {
                            println("Received:", val);
                        }),
                        Time.after(seconds(2)).onReceive(t -> {
                            println("Timeout waiting for value");
                        }));
            } finally {
                done.close();
            }
        });

        // Send value within reasonable time
        Time.sleep(ms(500));
        ch.send(42);

        done.receive(); // Wait for goroutine to finish
        println("Goroutine completed properly");
    }

    @Override
    public void main() throws Exception {
        println("=== Goroutine Leak Example ===");
        int before = Go.numGoroutine();
        leakExample();

        Time.sleep(seconds(1));
        int after = Go.numGoroutine();
        printf("go4j: NumGoroutine before leakExample: %d, one second after it returned: %d (leaked: %d)\n",
                before, after, after - before);

        println("\n=== Fixed Example ===");
        fixedExample();

        // Java port only: Go would exit here and take the leaked goroutine with it. A JVM lives on
        // (in a test, or the rest of the tour), so hand the leaked goroutine the value it waits for.
        println("\ngo4j: releasing the leaked goroutine by sending the value leakExample forgot:");
        leaked.send(0);
        leakedGoroutine.join();
        printf("go4j: NumGoroutine at the end: %d\n", Go.numGoroutine());
    }
}
