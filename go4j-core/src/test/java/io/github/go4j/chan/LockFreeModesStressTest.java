package io.github.go4j.chan;

import static io.github.go4j.chan.ChanTesting.within;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.Go;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A channel goes in and out of its lock-free mode all the time: a buffered channel's ring (ADR 0050) and
 * an unbuffered channel's slot (ADR 0051) are used without the lock while nobody else waits, and the
 * lock takes over while a sender or receiver is queued, a timed wait gives up, or a select is queued on
 * it. Producers and consumers below mix every kind of operation so that both modes and every
 * transition between them happen many times, and check what a FIFO channel promises: every value is
 * received exactly once (CH10, CH11), one consumer sees each producer's values in the order they were
 * sent (CH16), and {@code len} stays within {@code [0, cap]}. A send or receive that finds the ring full
 * or empty, and a select whose channels are all buffered, first spin while their partners move (ADR
 * 0052): the selects below pair the channel with an idle unbuffered channel or an idle buffered one, so
 * that both kinds of select run.
 */
@Tag("slow")
class LockFreeModesStressTest {

    private static final int PRODUCERS = 4;
    private static final int CONSUMERS = 4;
    private static final int PER_PRODUCER = 20_000;

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, 3, 16})
    @DisplayName("stress: exactly once, per-producer FIFO and len in range while the ring or slot switches modes")
    void fifoExactlyOnce(int cap) {
        within(() -> {
            Channel<Long> ch = Channel.make(cap);
            // A second select case nobody serves, picked per select: unbuffered, or buffered (then a select
            // over two buffered channels spins first, ADR 0052).
            List<Channel<Long>> idle = List.of(Channel.make(), Channel.make(1));
            ConcurrentLinkedQueue<long[]> logs = new ConcurrentLinkedQueue<>();
            AtomicLong lenOutOfRange = new AtomicLong();
            AtomicBoolean producing = new AtomicBoolean(true);
            List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                long id = p;
                producers.add(Go.go(() -> produce(ch, idle, id)));
            }
            List<Thread> consumers = new ArrayList<>();
            for (int c = 0; c < CONSUMERS; c++) {
                consumers.add(Go.go(() -> logs.add(consume(ch, idle, producing, cap, lenOutOfRange))));
            }
            for (Thread t : producers) {
                t.join();
            }
            producing.set(false);
            ch.close(); // consumers drain what is left, then see the close
            for (Thread t : consumers) {
                t.join();
            }
            long[] next = new long[PRODUCERS];
            long total = 0;
            for (long[] log : logs) {
                long[] last = new long[PRODUCERS];
                java.util.Arrays.fill(last, -1);
                for (int i = 1; i <= (int) log[0]; i++) {
                    long v = log[i];
                    int producer = (int) (v >>> 32);
                    long seq = v & 0xFFFF_FFFFL;
                    assertThat(seq).as("consumer sees producer %d in send order", producer)
                            .isGreaterThan(last[producer]);
                    last[producer] = seq;
                    next[producer]++;
                    total++;
                }
            }
            assertThat(total).as("every value received exactly once").isEqualTo((long) PRODUCERS * PER_PRODUCER);
            for (int p = 0; p < PRODUCERS; p++) {
                assertThat(next[p]).as("values of producer %d", p).isEqualTo(PER_PRODUCER);
            }
            assertThat(lenOutOfRange).as("len outside [0, cap]").hasValue(0);
        });
    }

    /** Sends PER_PRODUCER values in order, each by a randomly chosen kind of send, retrying until it went. */
    private static void produce(Channel<Long> ch, List<Channel<Long>> idle, long id) throws InterruptedException {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (long seq = 0; seq < PER_PRODUCER; seq++) {
            long v = id << 32 | seq;
            boolean sent = false;
            while (!sent) {
                switch (rnd.nextInt(5)) {
                    case 0 -> sent = ch.trySend(v);
                    case 1 -> sent = ch.send(v, Duration.ofNanos(rnd.nextInt(1, 20_000)));
                    case 2 -> sent = Select.select(ch.onSend(v, () -> true), idle.get(rnd.nextInt(2)).onReceive(x -> false));
                    case 3 -> sent = Select.select(ch.onSend(v, () -> true), Select.otherwise(() -> false));
                    default -> {
                        ch.send(v);
                        sent = true;
                    }
                }
                if (!sent && rnd.nextInt(8) == 0) {
                    Thread.yield();
                }
            }
        }
    }

    /** Receives until the channel is closed and drained; returns {count, values...}. */
    private static long[] consume(Channel<Long> ch, List<Channel<Long>> idle, AtomicBoolean producing, int cap,
            AtomicLong lenOutOfRange) throws InterruptedException {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long[] log = new long[1 + PRODUCERS * PER_PRODUCER];
        int n = 0;
        for (;;) {
            Received<Long> r;
            switch (rnd.nextInt(6)) {
                case 0 -> r = ch.tryReceiveOk();
                case 1 -> r = ch.receiveOk(Duration.ofNanos(rnd.nextInt(1, 20_000)));
                case 2 -> r = Select.select(ch.onReceiveOk(LockFreeModesStressTest::received),
                        idle.get(rnd.nextInt(2)).onReceive((Long x) -> Received.of(x)));
                case 3 -> r = Select.select(ch.onReceiveOk(LockFreeModesStressTest::received),
                        Select.otherwise(() -> (Received<Long>) null));
                case 4 -> {
                    int len = ch.len();
                    if (len < 0 || len > cap) {
                        lenOutOfRange.incrementAndGet();
                    }
                    r = null;
                }
                default -> r = ch.receiveOk();
            }
            if (r == null) {
                if (!producing.get() && rnd.nextInt(4) == 0) {
                    r = ch.receiveOk(); // after the producers: make progress towards the close
                } else {
                    continue;
                }
            }
            if (!r.ok()) {
                log[0] = n;
                return log;
            }
            log[++n] = r.value();
        }
    }

    private static Received<Long> received(Long x, Boolean ok) {
        return ok ? Received.of(x) : Received.closed();
    }
}
