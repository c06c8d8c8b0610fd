package io.github.go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.internal.DeadlockDetector;
import io.github.go4j.goleak.GoLeak;
import io.github.go4j.time.Time;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DeadlockDetectionTest {

    private final List<String> reports = new CopyOnWriteArrayList<>();

    @BeforeEach
    void on() throws InterruptedException {
        GoLeak.verifyNone(); // no goroutine left over from other tests: they would keep detection off
        DeadlockDetector.setReportSink(reports::add);
        Go.setDeadlockDetection(true);
    }

    @AfterEach
    void off() {
        Go.setDeadlockDetection(false);
        DeadlockDetector.setReportSink(null);
    }

    @Test
    @DisplayName("RU04: main (a thread that is not a goroutine) alone, sending with no receiver: reported, the send fails")
    void mainAlone() {
        Channel<Integer> c = Channel.make();
        assertThatThrownBy(() -> c.send(1)).isInstanceOf(InterruptedException.class);
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0)).startsWith(DeadlockDetector.MESSAGE + "\n\n").contains(" [chan send]:");
    }

    @Test
    @DisplayName("RU04: main and a goroutine waiting on each other: reported with both, both waits fail")
    void mainAndGoroutine() throws InterruptedException {
        Channel<Integer> never = Channel.make();
        AtomicReference<Throwable> inGoroutine = new AtomicReference<>();
        Thread t = Go.go(() -> {
            try {
                never.send(1);
            } catch (InterruptedException e) {
                inGoroutine.set(e);
            }
        });
        assertThatThrownBy(() -> Channel.<Integer>make().receive()).isInstanceOf(InterruptedException.class);
        t.join();
        assertThat(inGoroutine.get()).isInstanceOf(InterruptedException.class);
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0)).startsWith(DeadlockDetector.MESSAGE + "\n\n")
                .contains(" [chan receive]:")
                .containsPattern("goroutine \\d+ \\[chan send\\]:")
                .contains("created by io.github.go4j.runtime.DeadlockDetectionTest (lambda) in goroutine 1");
    }

    @Test
    @DisplayName("RU04: a pending timer stops detection: main waits for a goroutine that sleeps, no report")
    void pendingTimerIsNotADeadlock() throws InterruptedException {
        Channel<Integer> c = Channel.make();
        Go.go(() -> {
            Time.sleep(Duration.ofMillis(30));
            c.send(7);
        });
        assertThat(c.receive()).isEqualTo(7);
        assertThat(reports).isEmpty();
    }

    @Test
    @DisplayName("A running goroutine stops detection: main waits while it computes, no report")
    void runningGoroutineIsNotADeadlock() throws InterruptedException {
        Channel<Long> c = Channel.make();
        Go.go(() -> {
            long x = 0;
            for (int i = 0; i < 20_000_000; i++) {
                x += i ^ (x >>> 3);
            }
            c.send(x);
        });
        c.receive();
        assertThat(reports).isEmpty();
    }

    @Test
    @DisplayName("Goroutines blocked while main is busy are not a deadlock (main has not blocked in go4j)")
    void busyMainIsNotADeadlock() throws InterruptedException {
        Channel<Integer> c = Channel.make();
        Channel<Integer> back = Channel.make();
        Thread t = Go.go(() -> back.send(c.receive() + 1));
        DumpTest.waitFor(t, io.github.go4j.internal.WaitReason.CHAN_RECEIVE);
        // The only goroutine is asleep; main computes, then sends: a detector that ignored main would fire.
        long x = 0;
        for (int i = 0; i < 5_000_000; i++) {
            x += i ^ (x >>> 3);
        }
        c.send((int) (x & 1));
        assertThat(back.receive()).isBetween(1, 2);
        assertThat(reports).isEmpty();
    }

    @Test
    @DisplayName("Ping-pong between main and goroutines never triggers a false report")
    void noFalseAlarms() throws InterruptedException {
        Channel<Integer> ping = Channel.make();
        Channel<Integer> pong = Channel.make();
        for (int w = 0; w < 4; w++) {
            Go.go(() -> {
                for (int i = 0; i < 2_000; i++) {
                    pong.send(ping.receive() + 1);
                }
            });
        }
        for (int i = 0; i < 8_000; i++) {
            ping.send(i);
            assertThat(pong.receive()).isEqualTo(i + 1);
        }
        assertThat(reports).isEmpty();
    }
}
