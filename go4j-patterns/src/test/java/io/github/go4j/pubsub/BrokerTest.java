package io.github.go4j.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.Go;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Contract tests for Broker and Subscription: routing, overflow policies, stats, shutdown, conservation. */
@Timeout(30)
class BrokerTest {

    final Broker<String> broker = new Broker<>();

    static <T> List<T> drain(Subscription<T> s) throws InterruptedException {
        List<T> out = new ArrayList<>();
        for (Message<T> m : s.messages()) {
            out.add(m.payload());
        }
        return out;
    }

    @Test
    @DisplayName("patterns: literal, * one segment, final # any rest")
    void patterns() {
        assertThat(new TopicPattern("orders.eu").matches("orders.eu")).isTrue();
        assertThat(new TopicPattern("orders.eu").matches("orders.us")).isFalse();
        assertThat(new TopicPattern("orders.*").matches("orders.eu")).isTrue();
        assertThat(new TopicPattern("orders.*").matches("orders.eu.paid")).isFalse();
        assertThat(new TopicPattern("orders.*").matches("orders")).isFalse();
        assertThat(new TopicPattern("*.paid").matches("orders.paid")).isTrue();
        assertThat(new TopicPattern("orders.#").matches("orders")).isTrue();
        assertThat(new TopicPattern("orders.#").matches("orders.eu.paid")).isTrue();
        assertThat(new TopicPattern("orders.#").matches("ordersx")).isFalse();
        assertThat(new TopicPattern("#").matches("a.b.c")).isTrue();
        assertThatThrownBy(() -> new TopicPattern("a.#.b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicPattern("a..b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> broker.publish("a.*", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("patterns: segment boundaries, prefixes and counts; topics with empty or wildcard segments are refused")
    void patternEdges() {
        assertThat(new TopicPattern("a.b").matches("a.bc")).isFalse();
        assertThat(new TopicPattern("a.bc").matches("a.b")).isFalse();
        assertThat(new TopicPattern("ab").matches("a")).isFalse();
        assertThat(new TopicPattern("a").matches("a.b")).isFalse();
        assertThat(new TopicPattern("*").matches("a.b")).isFalse();
        assertThat(new TopicPattern("*.*").matches("a")).isFalse();
        assertThat(new TopicPattern("*.*").matches("a.b")).isTrue();
        assertThat(new TopicPattern("*.b.#").matches("x.b")).isTrue();
        assertThat(new TopicPattern("*.b.#").matches("x.bb")).isFalse();
        for (String bad : List.of("a..b", ".a", "a.", ".", "*", "#", "a.*", "*.a", "a.#.b", "a.#")) {
            assertThatThrownBy(() -> TopicPattern.checkTopic(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("pubsub: invalid topic " + bad);
        }
        for (String good : List.of("a", "a.b", "a*.b", "#a", "a.b*c.d")) {
            TopicPattern.checkTopic(good);
        }
    }

    /** What matching means, spelled out with String.split: the reference the in-place matcher must agree with. */
    private static boolean matchesBySplit(String pattern, String topic) {
        String[] p = pattern.split("\\.", -1);
        String[] t = topic.split("\\.", -1);
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !p[i].equals("*") && !p[i].equals(t[i])) {
                return false;
            }
        }
        return t.length == p.length;
    }

    @Test
    @DisplayName("patterns: the in-place matcher agrees with a split-based reference on random patterns and topics")
    void matcherAgreesWithReference() {
        java.util.Random rnd = new java.util.Random(42);
        String[] words = {"a", "b", "ab", "ba", "aa"};
        int matched = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder p = new StringBuilder();
            int pn = 1 + rnd.nextInt(4);
            for (int i = 0; i < pn; i++) {
                int k = rnd.nextInt(7);
                p.append(i == 0 ? "" : ".").append(k == 5 ? "*" : k == 6 && i == pn - 1 ? "#" : words[k % 5]);
            }
            StringBuilder t = new StringBuilder();
            int tn = 1 + rnd.nextInt(4);
            for (int i = 0; i < tn; i++) {
                t.append(i == 0 ? "" : ".").append(words[rnd.nextInt(words.length)]);
            }
            boolean expected = matchesBySplit(p.toString(), t.toString());
            assertThat(new TopicPattern(p.toString()).matches(t.toString())).as(p + " ~ " + t).isEqualTo(expected);
            matched += expected ? 1 : 0;
        }
        assertThat(matched).as("both outcomes are exercised").isBetween(1_000, 19_000);
    }

    @Test
    @DisplayName("routing: each matching subscription gets a message once, others none; multi-pattern subscriptions")
    void routing() throws Exception {
        var opts = SubscribeOptions.of(10, Overflow.DROP_NEWEST);
        Subscription<String> eu = broker.subscribe(opts, "orders.eu.*");
        Subscription<String> all = broker.subscribe(opts, "#");
        Subscription<String> multi = broker.subscribe(opts, "orders.#", "orders.eu.paid", "users.*");
        assertThat(broker.publish("orders.eu.paid", "o1")).isEqualTo(3);
        assertThat(broker.publish("orders.us.paid", "o2")).isEqualTo(2);
        assertThat(broker.publish("users.new", "u1")).isEqualTo(2);
        assertThat(broker.publish("misc", "m")).isEqualTo(1);
        assertThat(eu.messages().receive()).isEqualTo(new Message<>("orders.eu.paid", "o1"));
        assertThat(eu.messages().tryReceive()).isNull();
        broker.shutdown(Duration.ofSeconds(1));
        assertThat(drain(all)).containsExactly("o1", "o2", "u1", "m");
        assertThat(drain(multi)).containsExactly("o1", "o2", "u1");
    }

    @Test
    @DisplayName("DROP_NEWEST: a full buffer rejects the new message, counted per subscription and topic")
    void dropNewest() throws Exception {
        Subscription<String> s = broker.subscribe(SubscribeOptions.of(2, Overflow.DROP_NEWEST), "t");
        for (int i = 0; i < 5; i++) {
            broker.publish("t", "m" + i);
        }
        assertThat(s.stats()).isEqualTo(new Stats(0, 5, 2, 3, 2));
        assertThat(broker.stats("t")).isEqualTo(new Stats(5, 5, 2, 3, 0));
        s.close();
        assertThat(drain(s)).containsExactly("m0", "m1");
    }

    @Test
    @DisplayName("DROP_OLDEST: the oldest buffered message is evicted and counted against its own topic")
    void dropOldest() throws Exception {
        Subscription<String> s = broker.subscribe(SubscribeOptions.of(2, Overflow.DROP_OLDEST), "a", "b");
        broker.publish("a", "a0");
        broker.publish("a", "a1");
        broker.publish("b", "b0"); // evicts a0
        broker.publish("b", "b1"); // evicts a1
        broker.publish("b", "b2"); // evicts b0
        assertThat(s.stats()).isEqualTo(new Stats(0, 5, 2, 3, 2));
        assertThat(broker.stats("a")).isEqualTo(new Stats(2, 2, 0, 2, 0));
        assertThat(broker.stats("b")).isEqualTo(new Stats(3, 3, 2, 1, 0));
        assertThat(broker.stats()).containsOnlyKeys("a", "b");
        s.close();
        assertThat(drain(s)).containsExactly("b1", "b2");
        assertThatThrownBy(() -> SubscribeOptions.of(0, Overflow.DROP_OLDEST)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("BLOCK: the publisher waits for room up to the timeout, then the delivery is dropped")
    void blockWithTimeout() throws Exception {
        Subscription<String> s = broker.subscribe(SubscribeOptions.block(1, Duration.ofMillis(20)), "t");
        Subscription<String> fast = broker.subscribe(SubscribeOptions.of(10, Overflow.DROP_NEWEST), "t");
        assertThat(broker.publish("t", "m0")).isEqualTo(2);
        assertThat(broker.publish("t", "m1")).as("s full for 20ms").isEqualTo(1);
        assertThat(s.stats().dropped()).isEqualTo(1);
        assertThat(fast.stats().delivered()).isEqualTo(2);
        // With a consumer, a BLOCK subscriber loses nothing.
        Subscription<String> b = broker.subscribe(SubscribeOptions.block(0, Duration.ofHours(1)), "u");
        List<String> got = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Go.go(() -> {
            got.addAll(drain(b));
            done.countDown();
        });
        for (int i = 0; i < 100; i++) {
            assertThat(broker.publish("u", "x" + i)).isEqualTo(1);
        }
        b.close();
        done.await();
        assertThat(got).hasSize(100);
        assertThat(b.stats().dropped()).isZero();
    }

    @Test
    @DisplayName("unsubscribe closes the channel, keeps what is buffered, and stops deliveries")
    void unsubscribe() throws Exception {
        Subscription<String> s = broker.subscribe(SubscribeOptions.of(4, Overflow.DROP_NEWEST), "t");
        broker.publish("t", "m0");
        s.unsubscribe();
        s.close(); // idempotent
        assertThat(broker.publish("t", "m1")).isZero();
        assertThat(broker.subscriptions()).isEmpty();
        assertThat(drain(s)).containsExactly("m0");
    }

    @Test
    @DisplayName("shutdown: accepted messages stay receivable, channels close, publish/subscribe after fail")
    void shutdown() throws Exception {
        Subscription<String> s = broker.subscribe(SubscribeOptions.of(4, Overflow.DROP_NEWEST), "t");
        broker.publish("t", "m0");
        broker.publish("t", "m1");
        assertThat(broker.shutdown(Duration.ofSeconds(1))).isTrue();
        assertThat(broker.isShutdown()).isTrue();
        assertThat(drain(s)).containsExactly("m0", "m1");
        assertThatThrownBy(() -> broker.publish("t", "m2")).isInstanceOf(IllegalStateException.class)
                .hasMessage("pubsub: publish after shutdown");
        assertThatThrownBy(() -> broker.subscribe(SubscribeOptions.of(1, Overflow.DROP_NEWEST), "t"))
                .hasMessage("pubsub: broker is shut down");
        assertThat(broker.shutdown(Duration.ZERO)).isTrue();
    }

    @Test
    @DisplayName("shutdown past its timeout closes channels under a blocked publisher: its delivery is counted dropped")
    void shutdownWithBlockedPublisher() throws Exception {
        Subscription<String> s = broker.subscribe(SubscribeOptions.block(1, Duration.ofHours(1)), "t");
        broker.publish("t", "m0");
        AtomicReference<Integer> result = new AtomicReference<>();
        Thread publisher = Go.go(() -> result.set(broker.publish("t", "m1")));
        while (publisher.getState() != Thread.State.WAITING) {
            Thread.yield();
        }
        assertThat(broker.shutdown(Duration.ofMillis(20))).isFalse();
        publisher.join();
        assertThat(result.get()).isZero();
        assertThat(s.stats()).isEqualTo(new Stats(0, 2, 1, 1, 1));
        assertThat(drain(s)).containsExactly("m0");
    }

    @Test
    @DisplayName("an interrupted blocked publisher throws; its delivery is counted dropped")
    void interruptedPublisher() throws Exception {
        Subscription<String> s = broker.subscribe(SubscribeOptions.block(0, Duration.ofHours(1)), "t");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread publisher = Go.go(() -> {
            try {
                broker.publish("t", "m");
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        while (publisher.getState() != Thread.State.WAITING) {
            Thread.yield();
        }
        publisher.interrupt();
        publisher.join();
        assertThat(failure.get()).isInstanceOf(InterruptedException.class);
        assertThat(s.stats().dropped()).isEqualTo(1);
    }

    @Test
    @Tag("slow")
    @DisplayName("conservation: per subscription, received == delivered and offered == delivered + dropped == matching published")
    void conservationStress() throws Exception {
        for (int round = 0; round < 3; round++) {
            Broker<Long> b = new Broker<>();
            List<Subscription<Long>> subs = List.of(
                    b.subscribe(SubscribeOptions.block(4, Duration.ofHours(1)), "t.#"),
                    b.subscribe(SubscribeOptions.block(1, Duration.ofNanos(1000)), "t.a"),
                    b.subscribe(SubscribeOptions.of(8, Overflow.DROP_NEWEST), "t.*"),
                    b.subscribe(SubscribeOptions.of(3, Overflow.DROP_OLDEST), "t.b", "t.a"),
                    b.subscribe(SubscribeOptions.of(2, Overflow.DROP_OLDEST), "#"));
            List<List<Message<Long>>> received = new ArrayList<>();
            CountDownLatch consumed = new CountDownLatch(subs.size());
            for (Subscription<Long> s : subs) {
                List<Message<Long>> got = new ArrayList<>();
                received.add(got);
                Go.go(() -> {
                    int i = 0;
                    for (Message<Long> m : s.messages()) {
                        got.add(m);
                        if (++i % 7 == 0) {
                            Thread.yield(); // a slowish consumer
                        }
                    }
                    consumed.countDown();
                });
            }
            int publishers = 4;
            int perPublisher = 2_000;
            AtomicInteger onA = new AtomicInteger();
            AtomicInteger onB = new AtomicInteger();
            CountDownLatch published = new CountDownLatch(publishers);
            for (int p = 0; p < publishers; p++) {
                long base = p * 1_000_000L;
                Go.go(() -> {
                    for (long i = 0; i < perPublisher; i++) {
                        boolean a = i % 3 != 0;
                        b.publish(a ? "t.a" : "t.b", base + i);
                        (a ? onA : onB).incrementAndGet();
                    }
                    published.countDown();
                });
            }
            published.await();
            assertThat(b.shutdown(Duration.ofSeconds(10))).isTrue();
            consumed.await();
            int total = onA.get() + onB.get();
            long[] matching = {total, onA.get(), total, total, total};
            for (int i = 0; i < subs.size(); i++) {
                Stats st = subs.get(i).stats();
                List<Message<Long>> got = received.get(i);
                assertThat(st.offered()).as("sub %d offered", i).isEqualTo(matching[i]);
                assertThat(st.delivered() + st.dropped()).as("sub %d", i).isEqualTo(st.offered());
                assertThat((long) got.size()).as("sub %d received", i).isEqualTo(st.delivered());
                Set<Long> unique = new HashSet<>();
                got.forEach(m -> unique.add(m.payload()));
                assertThat(unique).as("sub %d duplicates", i).hasSize(got.size());
            }
            assertThat(subs.get(0).stats().dropped()).as("BLOCK with an active consumer loses nothing").isZero();
            Stats ta = b.stats("t.a");
            Stats tb = b.stats("t.b");
            assertThat(ta.published() + tb.published()).isEqualTo(total);
            assertThat(ta.offered() + tb.offered()).isEqualTo(ta.delivered() + ta.dropped() + tb.delivered() + tb.dropped());
        }
    }
}
