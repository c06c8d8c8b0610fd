package io.github.go4j.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.Select;
import io.github.go4j.internal.Clock;
import io.github.go4j.internal.DeadlockDetector;
import io.github.go4j.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Timers inside select (SE11, TM07) and timers as a way out of a deadlock (TM12). */
class SelectTimeTest {

    private static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    @Test
    @DisplayName("SE11: after(d) in a for-select makes a new timer each turn; it fires only after d without work")
    void afterInForSelectRestartsEachTurn() throws Exception {
        ManualClock clock = new ManualClock();
        Channel<String> work = Channel.make();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Thread loop = clock.go(() -> {
            for (;;) {
                String r = Select.select(
                        work.onReceive(w -> "work " + w + " at " + clock.elapsed().toMillis()),
                        Time.after(ms(10)).onReceive(t -> "timeout at " + clock.elapsed().toMillis()));
                log.add(r);
                if (r.startsWith("timeout")) {
                    return;
                }
            }
        });
        clock.awaitScheduled(1); // turn 1 armed its timer (due at 10)
        clock.advance(ms(6));
        work.send("a"); // at 6
        clock.awaitScheduled(2); // turn 2 armed its own timer, due at 16
        clock.advance(ms(6)); // 12: the first timer fires, into a channel nobody selects any more
        work.send("b");
        clock.awaitScheduled(3); // turn 3: due at 22
        clock.advance(ms(9)); // 21
        clock.advance(ms(1)); // 22
        clock.join(loop);
        assertThat(log).containsExactly("work a at 6", "work b at 12", "timeout at 22");
    }

    @Test
    @DisplayName("SE11 on the system clock: a select with nothing ready times out after at least d")
    void selectTimesOutAfterAtLeastD() throws Exception {
        Channel<Integer> never = Channel.make();
        Clock clock = Clock.system();
        long start = clock.nanoTime();
        Instant fired = Select.select(
                never.onReceive(v -> (Instant) null),
                Time.after(ms(3)).onReceive(t -> t));
        assertThat(clock.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(3));
        assertThat(fired).isNotNull();
    }

    @Test
    @DisplayName("TM07: an afterFunc timer's null channel is Go's nil channel in select: never ready")
    void afterFuncChannelNeverReady() throws Exception {
        Timer t = Time.afterFunc(Duration.ofHours(1), () -> {});
        try {
            String r = Select.select(
                    Select.onReceive(t.c(), (Instant v) -> "nil channel fired"),
                    Select.otherwise(() -> "default"));
            assertThat(r).isEqualTo("default");
        } finally {
            assertThat(t.stop()).isTrue();
        }
    }

    @Test
    @DisplayName("TM09: a ticker drives a for-select; stop ends the ticks, the channel stays open")
    void tickerInForSelect() throws Exception {
        ManualClock clock = new ManualClock();
        clock.run(() -> {
            Ticker tk = Time.newTicker(ms(5));
            Channel<Boolean> quit = Channel.make(1);
            int ticks = 0;
            for (int i = 0; i < 4; i++) {
                clock.advance(ms(5));
                if (i == 3) {
                    quit.send(true);
                    tk.stop();
                }
                boolean done = Select.select(
                        tk.c().onReceive(v -> false),
                        quit.onReceive(v -> true));
                if (done) {
                    break;
                }
                ticks++;
            }
            assertThat(ticks).isEqualTo(3);
            assertThat(tk.c().tryReceiveOk()).isNull();
        });
    }

    @Test
    @DisplayName("TM12: a pending timer or sleep keeps the deadlock detector quiet")
    void pendingTimerIsNotADeadlock() throws Exception {
        List<String> reports = Collections.synchronizedList(new ArrayList<>());
        boolean was = DeadlockDetector.enabled();
        DeadlockDetector.setReportSink(reports::add);
        Go.setDeadlockDetection(true);
        try {
            Channel<String> ch = Channel.make();
            Go.go(() -> {
                Time.sleep(ms(30));
                ch.send("woke");
            });
            // Everybody is blocked (this thread on ch, the goroutine in sleep), but a timer is pending.
            assertThat(ch.receive()).isEqualTo("woke");
            // The same with a timer channel: a receive on it is a chan receive, yet its timer is pending.
            assertThat(Time.after(ms(30)).receive()).isNotNull();
            assertThat(reports).isEmpty();
        } finally {
            Go.setDeadlockDetection(was);
            DeadlockDetector.setReportSink(null);
        }
    }
}
