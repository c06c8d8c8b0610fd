package io.github.go4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runtime hooks the bubbles and the deadlock detector rely on (ADR 0031): blocked/readied alternate
 * per goroutine, and a late readied for an earlier wait cannot end the current one. Lives in the
 * internal package to call the package-private hooks the way a delayed waker would.
 */
@Timeout(30)
class ParkedStateTest {

    /** Records the hook calls of its goroutines. */
    static final class Recorder implements Bubble {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public Clock clock() {
            return Clock.system();
        }

        @Override
        public void started(G g) {}

        @Override
        public void exited(G g) {
            events.add("exited");
        }

        @Override
        public void blocked(G g, WaitReason reason) {
            events.add("blocked " + reason.text());
        }

        @Override
        public void readied(G g) {
            events.add("readied");
        }
    }

    /**
     * Waits until {@code g} is parked on {@code w} and its {@code blocked} hook has been recorded as
     * event number {@code events}: G publishes the parked state before it calls the hook, so a waker
     * that acted on the state alone could get its {@code readied} recorded first (see {@link Bubble}).
     */
    static void waitParked(G g, Waiter w, Recorder r, int events) {
        while (g.parkedWaiter() != w || r.events.size() < events) {
            Thread.onSpinWait();
        }
    }

    @Test
    @DisplayName("A late readied from the waker of an earlier wait does not end the current wait")
    void staleReadiedIsIgnored() throws Exception {
        Recorder r = new Recorder();
        AtomicReference<G> self = new AtomicReference<>();
        AtomicReference<Waiter> first = new AtomicReference<>();
        AtomicReference<Waiter> second = new AtomicReference<>();
        Thread t = Panics.start(() -> {
            self.set(G.current());
            Waiter w1 = new Waiter();
            first.set(w1);
            w1.await(WaitReason.CHAN_RECEIVE, this);
            Waiter w2 = new Waiter();
            second.set(w2);
            w2.await(WaitReason.CHAN_SEND, this);
        }, null, r);
        while (first.get() == null) {
            Thread.onSpinWait();
        }
        waitParked(self.get(), first.get(), r, 1);
        first.get().complete(Waiter.DONE);
        while (second.get() == null) {
            Thread.onSpinWait();
        }
        G g = self.get();
        waitParked(g, second.get(), r, 3);
        g.readied(first.get()); // the first wait's waker, arriving late
        assertThat(g.parkedWaiter()).isSameAs(second.get());
        assertThat(g.parkedAndWaiting()).isTrue();
        assertThat(g.waitReason()).isEqualTo(WaitReason.CHAN_SEND);
        second.get().complete(Waiter.DONE);
        t.join();
        // Hooks run on the waker's thread, so a readied may be recorded after the goroutine's next event
        // (see selfReadiedOnReturn); what must hold is one readied per blocked and no extra one from the
        // late call above.
        assertThat(r.events).first().isEqualTo("blocked chan receive");
        assertThat(r.events).containsExactlyInAnyOrder("blocked chan receive", "readied", "blocked chan send",
                "readied", "exited");
    }

    @Test
    @DisplayName("A goroutine clears its own parked state on return, even before its waker's readied arrives")
    void selfReadiedOnReturn() throws Exception {
        Recorder r = new Recorder();
        AtomicReference<G> self = new AtomicReference<>();
        AtomicReference<Waiter> w = new AtomicReference<>();
        AtomicReference<Waiter> afterReturn = new AtomicReference<>(new Waiter());
        Thread t = Panics.start(() -> {
            self.set(G.current());
            Waiter w1 = new Waiter();
            w.set(w1);
            w1.await(WaitReason.SLEEP, this);
            afterReturn.set(G.current().parkedWaiter()); // cleared already, whoever did it
        }, null, r);
        while (w.get() == null) {
            Thread.onSpinWait();
        }
        waitParked(self.get(), w.get(), r, 1);
        w.get().complete(Waiter.DONE);
        t.join();
        assertThat(afterReturn.get()).isNull();
        // The waker's readied hook runs on the waker's thread: it may be recorded after the goroutine's
        // exit (the waker won the CAS on the parked state, the goroutine returned and exited before the
        // waker's hook call got to the recorder). Exactly one readied either way.
        assertThat(r.events).first().isEqualTo("blocked sleep");
        assertThat(r.events).containsExactlyInAnyOrder("blocked sleep", "readied", "exited");
    }
}
