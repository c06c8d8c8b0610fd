package io.github.go4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The system clock's own timer heap (ADR 0011). Real time, but every wait is for an event. */
@Timeout(60)
class SystemClockTest {

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private final Clock clock = Clock.system();

    @Test
    @DisplayName("A timer due before the one the scheduler sleeps towards wakes it (else this would wait an hour)")
    void earlierTimerWakesTheScheduler() throws Exception {
        CountDownLatch late = new CountDownLatch(1);
        Clock.Scheduled far = clock.schedule(HOUR, late::countDown);
        try {
            for (int i = 0; i < 3; i++) { // also once the scheduler sleeps towards the far one
                CountDownLatch soon = new CountDownLatch(1);
                clock.schedule(TimeUnit.MILLISECONDS.toNanos(1), soon::countDown);
                assertThat(soon.await(30, TimeUnit.SECONDS)).as("the 1 ms timer ran").isTrue();
            }
            assertThat(late.getCount()).isOne();
        } finally {
            assertThat(far.cancel()).isTrue();
        }
    }

    @Test
    @DisplayName("Cancelling the timer the scheduler sleeps towards: the next one still runs, the cancelled one never")
    void cancelledHeadDoesNotStrandTheNext() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch second = new CountDownLatch(1);
        Clock.Scheduled first = clock.schedule(TimeUnit.MILLISECONDS.toNanos(20), () -> ran.add("first"));
        clock.schedule(TimeUnit.MILLISECONDS.toNanos(40), () -> {
            ran.add("second");
            second.countDown();
        });
        assertThat(first.cancel()).isTrue();
        assertThat(first.cancel()).isFalse();
        assertThat(second.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("second");
    }

    @Test
    @DisplayName("Timers due at once run in scheduling order; cancel after the run, or a second cancel, returns false")
    void orderCancelAndPending() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(100);
        List<Clock.Scheduled> handles = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            handles.add(clock.schedule(0, () -> {
                order.add(n);
                all.countDown();
            }));
        }
        assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(order.get(i)).isEqualTo(i);
        }
        for (Clock.Scheduled h : handles) {
            assertThat(h.cancel()).isFalse();
        }
        List<Clock.Scheduled> far = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            far.add(clock.schedule(HOUR + i, () -> {
                throw new AssertionError("cancelled timer ran");
            }));
        }
        // pending() is global: timers of earlier tests may run or be cancelled meanwhile, so only a
        // lower bound is certain while ours are scheduled.
        assertThat(SystemClock.pending()).isGreaterThanOrEqualTo(1000);
        for (int i = far.size() - 1; i >= 0; i -= 2) { // out of order: removals from the middle of the heap
            assertThat(far.get(i).cancel()).isTrue();
        }
        for (int i = 0; i < far.size(); i += 2) {
            assertThat(far.get(i).cancel()).isTrue();
        }
        for (Clock.Scheduled h : far) {
            assertThat(h.cancel()).as("cancelled once only").isFalse();
        }
    }

    @Test
    @DisplayName("An action that throws is reported and the scheduler keeps running")
    void throwingActionDoesNotKillTheScheduler() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        CountDownLatch after = new CountDownLatch(1);
        System.setErr(new PrintStream(captured, true));
        try {
            clock.schedule(0, () -> {
                throw new IllegalStateException("boom from a timer");
            });
            clock.schedule(TimeUnit.MILLISECONDS.toNanos(1), after::countDown);
            assertThat(after.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString()).contains("boom from a timer");
    }
}
