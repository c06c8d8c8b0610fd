package io.github.go4j.chan;

import static io.github.go4j.chan.ChanTesting.awaitParked;
import static io.github.go4j.chan.ChanTesting.join;
import static io.github.go4j.chan.ChanTesting.within;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.Go;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fresh Java versions of Go's runtime channel tests (runtime/chan_test.go), spec section 10 items 1-9.
 * Go's {@code time.Sleep} "to let the goroutine block" is replaced by waiting until it is parked.
 */
class GoRuntimeChanTest {

    // ------------------------------------------------------------------------------ 1. TestChan

    @Test
    @DisplayName("§10.1 TestChan (caps 0..50): blocking, non-blocking, close, FIFO, 4x4 producers/consumers, len/cap")
    void testChan() {
        within(() -> {
            for (int cap = 0; cap <= 50; cap++) {
                testChanCap(cap);
            }
        });
    }

    private static void testChanCap(int cap) throws InterruptedException {
        {
            // Receives from an empty channel block; non-blocking ones take default.
            Channel<Integer> c = Channel.make(cap);
            AtomicBoolean received = new AtomicBoolean();
            Thread r = Go.go(() -> {
                c.receive();
                received.set(true);
            });
            awaitParked(r);
            assertThat(received).as("cap %d: receive from empty chan", cap).isFalse();
            assertThat(c.tryReceiveOk()).isNull();
            c.send(0);
            join(r);
            assertThat(received).isTrue();
        }
        {
            // A send to a full channel blocks; a non-blocking one takes default.
            Channel<Integer> c = Channel.make(cap);
            for (int i = 0; i < cap; i++) {
                c.send(i);
            }
            AtomicBoolean sent = new AtomicBoolean();
            Thread s = Go.go(() -> {
                c.send(0);
                sent.set(true);
            });
            awaitParked(s);
            assertThat(sent).as("cap %d: send to full chan", cap).isFalse();
            assertThat(c.trySend(0)).isFalse();
            c.receive();
            join(s);
            assertThat(sent).isTrue();
        }
        {
            // A closed channel yields its buffer, then zero/false.
            Channel<Integer> c = Channel.make(cap);
            for (int i = 0; i < cap; i++) {
                c.send(i);
            }
            c.close();
            for (int i = 0; i < cap; i++) {
                assertThat(c.receive()).isEqualTo(i);
            }
            assertThat(c.receive()).isNull();
            assertThat(c.receiveOk().ok()).isFalse();
        }
        {
            // Close unblocks a receiver.
            Channel<Integer> c = Channel.make(cap);
            AtomicReference<Received<Integer>> got = new AtomicReference<>();
            Thread r = Go.go(() -> got.set(c.receiveOk()));
            awaitParked(r);
            c.close();
            join(r);
            assertThat(got.get()).isEqualTo(Received.closed());
        }
        {
            // FIFO: 100 ints in order.
            Channel<Integer> c = Channel.make(cap);
            Go.go(() -> {
                for (int i = 0; i < 100; i++) {
                    c.send(i);
                }
            });
            for (int i = 0; i < 100; i++) {
                assertThat(c.receive()).isEqualTo(i);
            }
        }
        {
            // 4 producers send 0..L-1 each; 4 consumers; each value arrives exactly 4 times.
            int p = 4;
            int l = 200;
            Channel<Integer> c = Channel.make(cap);
            Channel<int[]> done = Channel.make();
            for (int i = 0; i < p; i++) {
                Go.go(() -> {
                    for (int j = 0; j < l; j++) {
                        c.send(j);
                    }
                });
            }
            for (int i = 0; i < p; i++) {
                Go.go(() -> {
                    int[] recv = new int[l];
                    for (int j = 0; j < l; j++) {
                        recv[c.receive()]++;
                    }
                    done.send(recv);
                });
            }
            int[] total = new int[l];
            for (int i = 0; i < p; i++) {
                int[] r = done.receive();
                for (int j = 0; j < l; j++) {
                    total[j] += r[j];
                }
            }
            for (int j = 0; j < l; j++) {
                assertThat(total[j]).as("cap %d: value %d", cap, j).isEqualTo(p);
            }
        }
        {
            // len/cap.
            Channel<Integer> c = Channel.make(cap);
            assertThat(c.len()).isZero();
            assertThat(c.cap()).isEqualTo(cap);
            for (int i = 0; i < cap; i++) {
                c.send(i);
            }
            assertThat(c.len()).isEqualTo(cap);
            assertThat(c.cap()).isEqualTo(cap);
        }
    }

    // ------------------------------------------------------------------ 2. TestNonblockRecvRace

    @Test
    @DisplayName("§10.2 TestNonblockRecvRace (CH13): a non-blocking receive of a 1-element channel being closed never takes default")
    void testNonblockRecvRace() {
        within(() -> {
            int n = 10_000;
            AtomicInteger failures = new AtomicInteger();
            for (int i = 0; i < n; i++) {
                Channel<Integer> c = Channel.make(1);
                c.send(1);
                Thread t = Go.go(() -> {
                    String r = Select.select(c.onReceive(v -> "received"), Select.otherwise(() -> "default"));
                    if (r.equals("default")) {
                        failures.incrementAndGet();
                    }
                });
                c.close();
                c.receive();
                if (i % 1000 == 0) {
                    join(t); // keep the number of live goroutines bounded
                }
            }
            assertThat(failures.get()).as("chan is not ready").isZero();
        });
    }

    // --------------------------------------------------------- 3/4. TestNonblockSelectRace(2)

    @Test
    @DisplayName("§10.3 TestNonblockSelectRace (SE03): default never runs while c1 or c2 is ready")
    void testNonblockSelectRace() {
        nonblockSelectRace(false);
    }

    @Test
    @DisplayName("§10.4 TestNonblockSelectRace2 (SE03): the same with close(c2) instead of a send")
    void testNonblockSelectRace2() {
        nonblockSelectRace(true);
    }

    private static void nonblockSelectRace(boolean close) {
        within(() -> {
            int n = 20_000; // Go runs 100,000; a fifth keeps this suite inside its time budget on 2 cores
            Channel<Boolean> done = Channel.make(1);
            for (int i = 0; i < n; i++) {
                Channel<Integer> c1 = Channel.make(1);
                Channel<Integer> c2 = Channel.make(1);
                c1.send(1);
                Go.go(() -> {
                    boolean ok = Select.select(
                            c1.onReceive(v -> true),
                            c2.onReceive(v -> true),
                            Select.otherwise(() -> false));
                    done.send(ok);
                });
                if (close) {
                    c2.close();
                } else {
                    c2.send(1);
                }
                Select.select(c1.onReceive(), c2.onReceive());
                assertThat(done.receive()).as("iteration %d: no chan is ready", i).isTrue();
            }
        });
    }

    // ------------------------------------------------------------------------ 5. TestSelfSelect

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {0, 10})
    @DisplayName("§10.5 TestSelfSelect (SE05): two goroutines select send+receive on one channel; no deadlock, no self-receive at cap 0")
    void testSelfSelect(int cap) {
        within(() -> {
            Channel<Integer> c = Channel.make(cap);
            Channel<Boolean> done = Channel.make(2);
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            for (int p = 0; p < 2; p++) {
                int me = p;
                Go.go(() -> {
                    for (int i = 0; i < 1000; i++) {
                        Select.Consumer<Integer> check = v -> {
                            if (cap == 0 && v == me) {
                                errors.add("self receive");
                            }
                        };
                        if (me == 0 || i % 2 == 0) {
                            Select.select(c.onSend(me), c.onReceive(check));
                        } else {
                            Select.select(c.onReceive(check), c.onSend(me));
                        }
                    }
                    done.send(true);
                });
            }
            done.receive();
            done.receive();
            assertThat(errors).isEmpty();
        });
    }

    // -------------------------------------------------------------------- 6. TestSelectFairness

    @Test
    @DisplayName("§10.6 TestSelectFairness (SE02): 2 of 4 cases always ready: |share-0.5| <= 4.891676/(2*sqrt(10000))")
    void testSelectFairness() {
        within(() -> {
            int trials = 10_000;
            Channel<Integer> c1 = Channel.make(trials + 1);
            Channel<Integer> c2 = Channel.make(trials + 1);
            for (int i = 0; i < trials + 1; i++) {
                c1.send(1);
                c2.send(2);
            }
            Channel<Integer> c3 = Channel.make();
            Channel<Integer> c4 = Channel.make();
            int cnt1 = 0;
            int cnt2 = 0;
            for (int i = 0; i < trials; i++) {
                int which = Select.select(
                        c1.onReceive(v -> 1),
                        c2.onReceive(v -> 2),
                        c3.onReceive(v -> 3),
                        c4.onReceive(v -> 4));
                if (which == 1) {
                    cnt1++;
                } else if (which == 2) {
                    cnt2++;
                } else {
                    throw new AssertionError("never-ready case chosen: " + which);
                }
            }
            // If the select in the goroutine is fair, cnt1 and cnt2 should be about the same value.
            // With 10,000 trials, the expected margin of error at a confidence level of 99.9999% is
            // 4.891676 / (2 * sqrt(10000)) (Go's bound).
            double p = (double) cnt1 / trials;
            double z = 4.891676;
            double interval = z / (2 * Math.sqrt(trials));
            assertThat(Math.abs(p - 0.5)).as("cnt1=%d cnt2=%d", cnt1, cnt2).isLessThanOrEqualTo(interval);
            assertThat(cnt1 + cnt2).isEqualTo(trials);
        });
    }

    // ------------------------------------------------------------------ 7. TestPseudoRandomSend

    @Test
    @DisplayName("§10.7 TestPseudoRandomSend (SE02): select{c<-1; c<-0} 100 times: each value in more than 10% of runs")
    void testPseudoRandomSend() {
        within(() -> {
            int n = 100;
            Channel<Integer> c = Channel.make();
            Channel<int[]> result = Channel.make(1);
            Go.go(() -> {
                int[] l = new int[n];
                for (int i = 0; i < n; i++) {
                    l[i] = c.receive();
                }
                result.send(l);
            });
            for (int i = 0; i < n; i++) {
                Select.select(c.onSend(1), c.onSend(0));
            }
            int n0 = 0;
            int n1 = 0;
            for (int v : result.receive()) {
                n0 += v == 0 ? 1 : 0;
                n1 += v == 1 ? 1 : 0;
            }
            assertThat(n0).as("want more zeros (n0=%d n1=%d)", n0, n1).isGreaterThan(n / 10);
            assertThat(n1).as("want more ones (n0=%d n1=%d)", n0, n1).isGreaterThan(n / 10);
        });
    }

    // ------------------------------------------------------------- 8. TestSelectDuplicateChannel

    @Test
    @DisplayName("§10.8 TestSelectDuplicateChannel (SE06): A waits on {<-c,<-c,<-d}, B on <-c; d<-7 wakes A, then c<-8 must wake B")
    void testSelectDuplicateChannel() {
        within(() -> {
            Channel<Integer> c = Channel.make();
            Channel<Integer> d = Channel.make();
            Channel<Integer> e = Channel.make();
            Thread a = Go.go(() -> {
                Select.select(c.onReceive(), c.onReceive(), d.onReceive());
                e.send(9);
            });
            awaitParked(a); // A is queued on c first (twice)
            AtomicReference<Integer> bGot = new AtomicReference<>();
            Thread b = Go.go(() -> bGot.set(c.receive()));
            awaitParked(b);
            d.send(7); // wakes A, which must leave both of its places in c's queue
            assertThat(e.receive()).isEqualTo(9);
            c.send(8); // must reach B, not a stale entry of A
            join(b);
            assertThat(bGot.get()).isEqualTo(8);
        });
    }

    // ----------------------------------------------------------------------- 9. TestMultiConsumer

    @Test
    @DisplayName("§10.9 TestMultiConsumer: 23 workers range over q and forward to r; count and sum of 271828 items kept")
    void testMultiConsumer() {
        within(() -> {
            int nwork = 23;
            int niter = 271_828;
            int[] pn = {2, 3, 7, 11, 13, 17, 19, 23, 27, 31};
            Channel<Integer> q = Channel.make(nwork * 3);
            Channel<Integer> r = Channel.make(nwork * 3);
            Channel<Boolean> finished = Channel.make(nwork);
            for (int i = 0; i < nwork; i++) {
                int w = i;
                Go.go(() -> {
                    for (int v : q) {
                        // mess with the fifo-ish nature of range
                        if (pn[w % pn.length] == v) {
                            Thread.yield();
                        }
                        r.send(v);
                    }
                    finished.send(true);
                });
            }
            Go.go(() -> { // wg.Wait(); close(r)
                for (int i = 0; i < nwork; i++) {
                    finished.receive();
                }
                r.close();
            });
            Channel<long[]> result = Channel.make(1);
            Go.go(() -> {
                long n = 0;
                long s = 0;
                for (int v : r) {
                    n++;
                    s += v;
                }
                result.send(new long[] {n, s});
            });
            long expect = 0;
            for (int i = 0; i < niter; i++) {
                int v = pn[i % pn.length];
                expect += v;
                q.send(v);
            }
            q.close();
            long[] ns = result.receive();
            assertThat(ns[0]).as("count").isEqualTo(niter);
            assertThat(ns[1]).as("sum").isEqualTo(expect);
        });
    }

    @Test
    @DisplayName("ports helper: awaitParked really waits for a parked goroutine")
    void awaitParkedSanity() {
        within(() -> {
            Channel<Integer> c = Channel.make();
            List<Thread> ts = new ArrayList<>();
            ts.add(Go.go(() -> c.receive()));
            awaitParked(ts.get(0));
            c.send(1);
            join(ts.get(0));
        });
    }
}
