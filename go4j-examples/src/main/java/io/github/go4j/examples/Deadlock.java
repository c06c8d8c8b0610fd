package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.Select;
import io.github.go4j.time.Time;

/**
 * Pitfall 3: deadlocks, and three ways out. Where the Go program only describes the deadlock, the
 * Java port also runs it safely: the send that would block forever is given a one-second bound, and
 * the program explains what Go would do.
 */
public final class Deadlock extends Program {

    /** The program, run in {@code env}. */
    public Deadlock(Env env) {
        super(env);
    }

    // ❌ WRONG: Deadlock with unbuffered channel
    void deadlockExample() throws InterruptedException {
        println("=== Deadlock Example ===");
        Channel<Integer> ch = Channel.make(); // Unbuffered

        // This would deadlock if uncommented:
        // ch.send(1);            // Blocks waiting for receiver
        // int val = ch.receive(); // Never reached

        println("Skipping deadlock example to avoid hanging...");

        // Java port only: try that send with a bound, to show it can never complete.
        boolean sent = ch.send(1, seconds(1));
        printf("go4j: ch.send(1) with no receiver, bounded to %v: sent=%v, still blocked when the bound expired\n",
                seconds(1), sent);
        println("go4j: unbounded, main would wait forever; Go detects that no goroutine can ever run again"
                + " and stops with \"fatal error: all goroutines are asleep - deadlock!\"");
    }

    // ✅ CORRECT: Multiple solutions
    void fixedExamples() throws InterruptedException {
        // Solution 1: Buffered channel
        println("\n=== Solution 1: Buffered Channel ===");
        Channel<Integer> ch1 = Channel.make(1); // Buffer size 1
        ch1.send(1);                            // Doesn't block
        int val = ch1.receive();                // Receives the value
        printf("Received: %d\n", val);

        // Solution 2: Separate goroutines
        println("\n=== Solution 2: Separate Goroutines ===");
        Channel<Integer> ch2 = Channel.make();

        Go.go(() -> {
            ch2.send(42); // Send in goroutine
        });

        int val2 = ch2.receive(); // Receive in main goroutine
        printf("Received: %d\n", val2);

        // Solution 3: Select with timeout
        println("\n=== Solution 3: Select with Timeout ===");
        Channel<Integer> ch3 = Channel.make();

        Select.select(
                ch3.onSend(100, () -> {
                    println("Sent successfully");
                }),
                Time.after(seconds(1)).onReceive(t -> {
                    println("Send timed out (expected)");
                }));
    }

    @Override
    public void main() throws Exception {
        deadlockExample();
        fixedExamples();
    }
}
