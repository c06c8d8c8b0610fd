package io.github.go4j.examples;

import static io.github.go4j.examples.TourRun.VIRTUAL;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The tutorial's opening programs: the scheduler, channels, broadcast shutdown. */
class BasicsTest {

    @Test
    @DisplayName("scheduler: 10,000 goroutines all complete; WaitGroup.await returns after every done (SY01)")
    void scheduler() {
        TourRun r = TourRun.run(Scheduler::new);
        assertThat(r.intOf("GOMAXPROCS: (\\d+)")).isPositive();
        assertThat(r.intOf("NumGoroutine \\(start\\): (\\d+)")).isPositive();
        assertThat(r.startingWith("Created 10000 goroutines in ")).hasSize(1);
        assertThat(r.startingWith("Completed 10000 goroutines in ")).hasSize(1);
        assertThat(r.startingWith("Average per goroutine: ")).hasSize(1);
        int peak = r.intOf("NumGoroutine \\(peak\\): (\\d+)");
        if (VIRTUAL) {
            // The clock stands still while main runs, so none of the 10ms sleeps has ended yet.
            assertThat(peak).isGreaterThanOrEqualTo(10_001);
        }
        assertThat(r.intOf("NumGoroutine \\(end\\): (\\d+)")).isPositive();
        r.assertBefore("NumGoroutine (peak): " + peak, "NumGoroutine (end): " + r.intOf("NumGoroutine \\(end\\): (\\d+)"));
    }

    @Test
    @DisplayName("channels: an unbuffered send completes only with its receive (CH01); a buffer of 2 takes two sends (CH03); FIFO")
    void channels() {
        TourRun r = TourRun.run(Channels::new);
        r.assertBefore("=== Unbuffered Channel Demo ===", "Sender: Preparing to send...");
        r.assertBefore("Sender: Preparing to send...", "Receiver: Got 'message'");
        // The send cannot complete before the receiver is there, so its print follows "Ready".
        r.assertBefore("Receiver: Ready to receive", "Sender: Sent! (receiver must have received)");
        r.assertBefore("Receiver: Ready to receive", "Receiver: Got 'message'");

        r.assertBefore("Sender: Sending multiple values...", "Sender: Sent 'first' (didn't block)");
        r.assertBefore("Sender: Sent 'first' (didn't block)", "Sender: Sent 'second' (didn't block)");
        r.assertBefore("Sender: Sent 'second' (didn't block)", "Sender: Buffer is full, would block on next send");
        r.assertBefore("Receiver: Reading values...", "Receiver: Got 'first'");
        r.assertBefore("Receiver: Got 'first'", "Receiver: Got 'second'");

        assertThat(r.lastLine()).isEqualTo("Sent and received: 42");
    }

    @Test
    @DisplayName("broadcast-shutdown: closing a channel wakes every receiver (CH08); each worker stops once")
    void broadcastShutdown() {
        TourRun r = TourRun.run(BroadcastShutdown::new);
        int broadcast = r.indexOf("Main: Broadcasting shutdown signal...");
        for (int id = 1; id <= 3; id++) {
            String stopped = "Worker " + id + ": Received shutdown signal";
            assertThat(r.count(stopped)).isEqualTo(1);
            assertThat(r.indexOf(stopped)).isGreaterThan(broadcast);
            assertThat(r.count("Worker " + id + ": Working...")).isPositive();
        }
        assertThat(r.lastLine()).isEqualTo("Main: All workers stopped");
    }
}
