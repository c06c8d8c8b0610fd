package io.github.go4j.chan;

import static io.github.go4j.chan.ChanTesting.within;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.Go;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;

/**
 * Conservation under chaos: many goroutines do random sends, receives, selects, iteration, closes,
 * timeouts and interrupts on a few channels of mixed capacity. Every value is unique; at the end every
 * value that a send reported as sent was received exactly once, and no value whose send reported
 * failure (exception, false, timeout, interrupt) was received at all.
 */
@Tag("slow")
class ChannelStressTest {

    private static final int[] CAPS = {0, 0, 0, 1, 1, 2, 4, 16};
    private static final int WORKERS = 16;
    private static final int OPS = 2_500;

    /** What one worker saw; written by that worker only, read by the test after it ended. */
    static final class Log {
        final List<Long> sent = new ArrayList<>();
        final List<Long> received = new ArrayList<>();
        long failedSends;
    }

    @RepeatedTest(2)
    @DisplayName("stress: every value is received exactly once, or its send reported failure")
    void conservation() {
        within(() -> {
            List<Channel<Long>> chans = new ArrayList<>();
            for (int cap : CAPS) {
                chans.add(Channel.make(cap));
            }
            ConcurrentLinkedQueue<Log> logs = new ConcurrentLinkedQueue<>();
            List<Thread> workers = new ArrayList<>();
            Channel<Boolean> finished = Channel.make(WORKERS);
            AtomicLong ids = new AtomicLong();
            for (int w = 0; w < WORKERS; w++) {
                Log log = new Log();
                logs.add(log);
                workers.add(Go.go(() -> {
                    try {
                        work(chans, log, ids);
                    } finally {
                        Thread.interrupted(); // a late interrupt must not break the final report
                        finished.send(true);
                    }
                }));
            }
            AtomicBoolean stop = new AtomicBoolean();
            Thread chaos = Go.go(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (!stop.get()) {
                    workers.get(rnd.nextInt(workers.size())).interrupt();
                    for (int i = rnd.nextInt(200); i > 0; i--) {
                        Thread.yield();
                    }
                }
            });
            // Phase 1: let them run; untimed operations may wait for partners that have finished, so
            // after a while close everything: blocked senders fail, blocked receivers are released.
            int done = 0;
            while (done < WORKERS && finished.receive(Duration.ofSeconds(3)) != null) {
                done++;
            }
            stop.set(true);
            for (Channel<Long> c : chans) {
                try {
                    c.close();
                } catch (ChannelClosedException alreadyClosed) {
                    // closed by a worker
                }
            }
            for (; done < WORKERS; done++) {
                finished.receive();
            }
            chaos.join();
            // Drain what is still buffered.
            List<Long> drained = new ArrayList<>();
            for (Channel<Long> c : chans) {
                for (long v : c) {
                    drained.add(v);
                }
            }
            Set<Long> sent = new HashSet<>();
            List<Long> received = new ArrayList<>(drained);
            long failed = 0;
            for (Log l : logs) {
                sent.addAll(l.sent);
                received.addAll(l.received);
                failed += l.failedSends;
            }
            Set<Long> receivedSet = new HashSet<>(received);
            assertThat(received).as("no value received twice").hasSameSizeAs(receivedSet);
            assertThat(receivedSet).as("received exactly the values reported sent").isEqualTo(sent);
            // sanity only: on a starved machine phase 1 may end early, so no quota of work is required
            assertThat(sent.size() + failed).as("the run did some work").isPositive();
        });
    }

    private static void work(List<Channel<Long>> chans, Log log, AtomicLong ids) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int op = 0; op < OPS; op++) {
            Channel<Long> a = chans.get(rnd.nextInt(chans.size()));
            Channel<Long> b = chans.get(rnd.nextInt(chans.size()));
            long v = ids.incrementAndGet();
            long w = ids.incrementAndGet();
            int kind = rnd.nextInt(100);
            try {
                if (kind < 12) {
                    a.send(v);
                    log.sent.add(v);
                } else if (kind < 24) {
                    if (a.send(v, Duration.ofNanos(rnd.nextInt(1_000_000)))) {
                        log.sent.add(v);
                    } else {
                        log.failedSends++;
                    }
                } else if (kind < 32) {
                    if (a.trySend(v)) {
                        log.sent.add(v);
                    } else {
                        log.failedSends++;
                    }
                } else if (kind < 44) {
                    record(log, a.receive());
                } else if (kind < 56) {
                    Received<Long> r = a.receiveOk(Duration.ofNanos(rnd.nextInt(1_000_000)));
                    if (r != null && r.ok()) {
                        log.received.add(r.value());
                    }
                } else if (kind < 64) {
                    record(log, a.tryReceive());
                } else if (kind < 92) {
                    select(a, b, v, w, log, rnd);
                } else if (kind < 99) {
                    Iterator<Long> it = a.iterator();
                    for (int k = 0; k < 3 && it.hasNext(); k++) {
                        log.received.add(it.next());
                    }
                } else if (rnd.nextInt(20) == 0) {
                    a.close();
                }
            } catch (ChannelClosedException | InterruptedException | ChannelInterruptedException e) {
                if (e instanceof ChannelClosedException && e.getMessage().equals("send on closed channel")) {
                    log.failedSends++;
                }
            }
        }
    }

    private static void record(Log log, Long v) {
        if (v != null) {
            log.received.add(v);
        }
    }

    private static void select(Channel<Long> a, Channel<Long> b, long v, long w, Log log, ThreadLocalRandom rnd)
            throws InterruptedException {
        List<Select.Clause<? extends Object>> cs = new ArrayList<>();
        cs.add(a.onSend(v, () -> {
            log.sent.add(v);
        }));
        cs.add(b.onReceiveOk((x, ok) -> {
            if (ok) {
                log.received.add(x);
            }
        }));
        if (rnd.nextBoolean()) {
            cs.add(b.onSend(w, () -> {
                log.sent.add(w);
            }));
        }
        if (rnd.nextBoolean()) {
            cs.add(a.onReceive(x -> {
                record(log, x);
            }));
        }
        switch (rnd.nextInt(3)) {
            case 0 -> cs.add(Select.otherwise(() -> { }));
            case 1 -> cs.add(Select.onTimeout(Duration.ofNanos(rnd.nextInt(1_000_000)), () -> { }));
            default -> { } // may block until the final close (or an interrupt)
        }
        java.util.Collections.shuffle(cs, rnd);
        @SuppressWarnings("unchecked")
        Select.Clause<Object>[] arr = cs.toArray(new Select.Clause[0]);
        Select.select(arr);
    }
}
