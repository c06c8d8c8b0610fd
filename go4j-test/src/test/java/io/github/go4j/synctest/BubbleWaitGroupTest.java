package io.github.go4j.synctest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import io.github.go4j.internal.G;
import io.github.go4j.internal.WaitReason;
import io.github.go4j.sync.SyncFatalError;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Go 1.25's WaitGroup rules inside synctest bubbles (TH07, TH10). */
@Timeout(30)
class BubbleWaitGroupTest {

    private static final String INSIDE_AND_OUTSIDE =
            "fatal error: sync: WaitGroup.Add called from inside and outside synctest bubble";
    private static final String MULTIPLE = "fatal error: sync: WaitGroup.Add called from multiple synctest bubbles";

    @Test
    @DisplayName("TH10: add inside a bubble, then add or done outside it, is a fatal error; the counter is unchanged")
    void addInsideThenOutside() throws Exception {
        WaitGroup wg = new WaitGroup();
        SyncTest.run(() -> wg.add(1));
        assertThatThrownBy(() -> wg.add(1)).isInstanceOf(SyncFatalError.class).hasMessage(INSIDE_AND_OUTSIDE);
        assertThatThrownBy(wg::done).isInstanceOf(SyncFatalError.class).hasMessage(INSIDE_AND_OUTSIDE);
        AtomicReference<Throwable> err = new AtomicReference<>();
        Thread t = Go.go(() -> {
            try {
                wg.done();
            } catch (Throwable e) {
                err.set(e);
            }
        });
        assertThat(t.join(Duration.ofSeconds(30))).isTrue();
        assertThat(err.get()).isInstanceOf(SyncFatalError.class).hasMessage(INSIDE_AND_OUTSIDE);
        assertThat(wg.toString()).isEqualTo("WaitGroup[counter=1, waiters=0]");
    }

    @Test
    @DisplayName("TH10: add outside a bubble, then add inside it, is a fatal error")
    void addOutsideThenInside() {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        assertThatThrownBy(() -> SyncTest.run(() -> wg.add(1)))
                .isInstanceOf(SyncFatalError.class).hasMessage(INSIDE_AND_OUTSIDE);
        assertThat(wg.toString()).isEqualTo("WaitGroup[counter=1, waiters=0]");
        wg.done();
    }

    @Test
    @DisplayName("TH10: add from two bubbles while the counter is not zero is a fatal error")
    void addFromTwoBubbles() throws Exception {
        WaitGroup wg = new WaitGroup();
        SyncTest.run(() -> wg.add(1));
        assertThatThrownBy(() -> SyncTest.run(() -> wg.add(1)))
                .isInstanceOf(SyncFatalError.class).hasMessage(MULTIPLE);
    }

    @Test
    @DisplayName("TH10: a WaitGroup whose counter is back to zero may move to another bubble or out of bubbles")
    void idleGroupMoves() throws Exception {
        WaitGroup wg = new WaitGroup();
        SyncTest.run(() -> {
            wg.go(() -> Time.sleep(Duration.ofSeconds(1)));
            wg.await();
        });
        SyncTest.run(() -> {
            wg.add(1);
            wg.done();
        });
        wg.add(1); // outside, at a zero counter: fine
        wg.done();
        wg.await();
        SyncTest.run(() -> {
            wg.go(() -> {});
            wg.await();
        });
    }

    @Test
    @DisplayName("TH07: await on a WaitGroup counted inside the bubble is durable: the clock moves while it waits")
    void countedInsideIsDurable() throws Exception {
        AtomicReference<Instant> doneAt = new AtomicReference<>();
        SyncTest.run(() -> {
            WaitGroup wg = new WaitGroup();
            wg.go(() -> Time.sleep(Duration.ofMinutes(3)));
            wg.await();
            doneAt.set(Time.now());
        });
        assertThat(doneAt.get()).isEqualTo(Instant.parse("2000-01-01T00:03:00Z"));
    }

    @Test
    @DisplayName("TH07: await in a bubble on a WaitGroup counted outside is not durable: await waits for the outside done")
    void countedOutsideIsNotDurable() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        AtomicReference<String> header = new AtomicReference<>();
        Thread releaser = Thread.ofPlatform().start(() -> {
            try {
                G waiter = BubbleChannelTest.awaitParked(g -> g.waitReason() == WaitReason.WAITGROUP_WAIT && g.blockedOn() == wg);
                BubbleChannelTest.awaitParked(g -> g.waitReason() == WaitReason.SYNCTEST_WAIT);
                header.set(io.github.go4j.internal.Dump.header(waiter));
            } finally {
                wg.done();
            }
        });
        AtomicReference<String> seen = new AtomicReference<>();
        SyncTest.run(() -> {
            Go.go(() -> wg.await());
            SyncTest.await(); // returns only after the outside done: the waiter never counts as durable
            seen.set(header.get());
        });
        releaser.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(seen.get()).as("await returned before the outside done").matches("goroutine \\d+ \\[sync.WaitGroup.Wait\\]:");
    }
}
