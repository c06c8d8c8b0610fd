package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.Select;
import io.github.go4j.time.Time;

/** Example 2: select over several channels, with a quit channel and a per-iteration timeout. */
public final class SelectExample extends Program {

    // Go's local messageCount: a field, because the select clauses (lambdas) update it.
    private int messageCount;

    /** The program, run in {@code env}. */
    public SelectExample(Env env) {
        super(env);
    }

    @Override
    public void main() throws Exception {
        // Create multiple channels
        Channel<String> ch1 = Channel.make();
        Channel<String> ch2 = Channel.make();
        Channel<Boolean> quit = Channel.make();

        // Goroutine 1: sends to ch1
        Go.go(() -> {
            for (int i = 1; i <= 3; i++) {
                Time.sleep(ms(1000));
                ch1.send(sprintf("Channel 1 message %d", i));
            }
        });

        // Goroutine 2: sends to ch2
        Go.go(() -> {
            for (int i = 1; i <= 3; i++) {
                Time.sleep(ms(1500));
                ch2.send(sprintf("Channel 2 message %d", i));
            }
        });

        // Goroutine 3: signals quit after 5 seconds
        Go.go(() -> {
            Time.sleep(seconds(5));
            quit.send(true);
        });

        // Main goroutine: select from multiple channels
        println("Starting select loop...");
        messageCount = 0;

        for (;;) {
            boolean done = Select.select(
                    ch1.onReceive(msg1 -> {
                        printf("Received from ch1: %s\n", msg1);
                        messageCount++;
                        return false;
                    }),

                    ch2.onReceive(msg2 -> {
                        printf("Received from ch2: %s\n", msg2);
                        messageCount++;
                        return false;
                    }),

                    quit.onReceive(q -> {
                        printf("Quit signal received after %d messages\n", messageCount);
                        return true;
                    }),

                    Time.after(seconds(2)).onReceive(t -> {
                        println("Timeout: no message received in 2 seconds");
                        return false;
                    }));
            if (done) {
                return;
            }
        }
    }
}
