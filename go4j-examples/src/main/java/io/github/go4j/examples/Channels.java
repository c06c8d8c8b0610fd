package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.chan.SendChannel;
import io.github.go4j.time.Time;

/** Unbuffered vs buffered channels, and channel directions checked by the compiler. */
public final class Channels extends Program {

    /** The program, run in {@code env}. */
    public Channels(Env env) {
        super(env);
    }

    void demonstrateUnbuffered() throws InterruptedException {
        println("=== Unbuffered Channel Demo ===");
        Channel<String> ch = Channel.make();

        // Sender goroutine
        Go.go(() -> {
            println("Sender: Preparing to send...");
            ch.send("message");
            println("Sender: Sent! (receiver must have received)");
        });

        // Main goroutine receives
        Time.sleep(seconds(1)); // Delay to show blocking behavior
        println("Receiver: Ready to receive");
        String msg = ch.receive();
        printf("Receiver: Got '%s'\n\n", msg);
    }

    void demonstrateBuffered() throws InterruptedException {
        println("=== Buffered Channel Demo ===");
        Channel<String> ch = Channel.make(2); // Buffer size 2

        // Sender can send multiple values without blocking
        println("Sender: Sending multiple values...");
        ch.send("first");
        println("Sender: Sent 'first' (didn't block)");
        ch.send("second");
        println("Sender: Sent 'second' (didn't block)");

        // Buffer is now full - next send would block
        println("Sender: Buffer is full, would block on next send");

        // Receive values later
        Time.sleep(seconds(1));
        println("\nReceiver: Reading values...");
        printf("Receiver: Got '%s'\n", ch.receive());
        printf("Receiver: Got '%s'\n\n", ch.receive());
    }

    // Send-only channel parameter (Go: a func literal taking chan<- int)
    static void sendOnly(SendChannel<Integer> ch, int value) throws InterruptedException {
        ch.send(value);
        // Cannot receive: ch.receive()  // Compile error
    }

    // Receive-only channel parameter (Go: a func literal taking <-chan int)
    static int receiveOnly(ReceiveChannel<Integer> ch) throws InterruptedException {
        return ch.receive();
        // Cannot send: ch.send(42)  // Compile error
    }

    void demonstrateChannelDirections() throws InterruptedException {
        println("=== Channel Directions Demo ===");

        Channel<Integer> ch = Channel.make(1);
        sendOnly(ch, 42);
        int result = receiveOnly(ch);
        printf("Sent and received: %d\n", result);
    }

    @Override
    public void main() throws Exception {
        demonstrateUnbuffered();
        demonstrateBuffered();
        demonstrateChannelDirections();
    }
}
