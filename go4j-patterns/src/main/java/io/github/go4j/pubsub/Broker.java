package io.github.go4j.pubsub;

import io.github.go4j.internal.Clock;
import io.github.go4j.internal.WaitReason;
import io.github.go4j.patterns.internal.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Broker is a topic-based publish/subscribe hub on channels: the seed's message-broker exercise, grown
 * up. Publishers {@link #publish} values on topics; each {@link Subscription} has its own buffered
 * channel and receives the messages whose topic matches one of its patterns.
 *
 * <ul>
 * <li><b>Topics and patterns.</b> Topics are dot-separated ({@code orders.eu.paid}). A pattern segment
 * {@code *} matches one segment and a final {@code #} matches any rest: {@code orders.*.paid},
 * {@code orders.#}. One subscription may list several patterns; it gets each message at most once.</li>
 * <li><b>Overflow.</b> Each subscription chooses what happens when its buffer is full
 * ({@link Overflow}): the publisher blocks up to a timeout, or the newest or the oldest message is
 * dropped. A slow subscriber never blocks the others longer than its own block timeout.</li>
 * <li><b>Drops are never silent.</b> Every delivery is counted as delivered or dropped, per subscription
 * ({@link Subscription#stats()}) and per topic ({@link #stats(String)}); {@link #publish} returns how many
 * subscribers got the message.</li>
 * <li><b>Graceful shutdown.</b> {@link #shutdown(Duration)} refuses new publishes, waits up to the
 * timeout for publishes in flight, then closes every subscriber channel. Whatever was delivered stays
 * receivable from the closed channels; a publish still blocked at that point has its delivery counted
 * as dropped.</li>
 * </ul>
 *
 * <p><b>Blocking and interrupts.</b> {@code publish} blocks only for {@link Overflow#BLOCK} subscribers
 * whose buffer is full, each for at most its timeout; an interrupt makes it throw
 * {@link InterruptedException} (the delivery in progress counts as dropped; later subscribers are not
 * offered the message). No lock is held while blocked.
 *
 * <p><b>Memory consistency.</b> Actions before a publish happen-before the receipt of its message by
 * any subscriber. Topics, patterns and payloads must not be null.
 *
 * {@snippet :
 * Broker<String> broker = new Broker<>();
 * Subscription<String> eu = broker.subscribe(SubscribeOptions.block(64, Duration.ofMillis(50)), "orders.eu.*");
 * Subscription<String> audit = broker.subscribe(SubscribeOptions.of(1024, Overflow.DROP_OLDEST), "#");
 * Go.go(() -> { for (Message<String> m : eu.messages()) ship(m.payload()); });
 * broker.publish("orders.eu.paid", "order 42");          // to both subscribers
 * broker.shutdown(Duration.ofSeconds(5));                 // then both channels close
 * }
 */
public final class Broker<T> {

    /** Per-topic counters. */
    static final class Counters {
        final LongAdder published = new LongAdder();
        final LongAdder offered = new LongAdder();
        final LongAdder delivered = new LongAdder();
        final LongAdder dropped = new LongAdder();

        Stats snapshot() {
            return new Stats(published.sum(), offered.sum(), delivered.sum(), dropped.sum(), 0);
        }
    }

    private final CopyOnWriteArrayList<Subscription<T>> subscriptions = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, Counters> topics = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;
    private final Event drained = new Event();
    private final Clock clock = Clock.current();

    /** Creates a broker with no subscribers. */
    public Broker() {}

    /**
     * Subscribes to the topics matching any of {@code patterns}.
     *
     * @throws IllegalArgumentException if there is no pattern or one is malformed
     * @throws IllegalStateException {@code pubsub: broker is shut down}
     */
    public Subscription<T> subscribe(SubscribeOptions options, String... patterns) {
        Objects.requireNonNull(options, "options");
        if (patterns.length == 0) {
            throw new IllegalArgumentException("pubsub: no topic pattern");
        }
        List<TopicPattern> ps = new ArrayList<>();
        for (String p : patterns) {
            ps.add(new TopicPattern(p));
        }
        Subscription<T> s = new Subscription<>(this, List.copyOf(ps), options);
        subscriptions.add(s);
        if (closed) {
            subscriptions.remove(s);
            throw new IllegalStateException("pubsub: broker is shut down");
        }
        return s;
    }

    /**
     * Publishes {@code payload} on {@code topic} to every matching subscription, in subscription order,
     * each under its overflow policy.
     *
     * @return the number of subscriptions whose channel received it
     * @throws IllegalArgumentException if the topic is empty or contains a wildcard
     * @throws IllegalStateException {@code pubsub: publish after shutdown}
     * @throws InterruptedException if interrupted while blocked on a full subscriber
     */
    public int publish(String topic, T payload) throws InterruptedException {
        TopicPattern.checkTopic(topic);
        Objects.requireNonNull(payload, "payload");
        inFlight.incrementAndGet();
        try {
            if (closed) {
                throw new IllegalStateException("pubsub: publish after shutdown");
            }
            Counters c = counters(topic);
            c.published.increment();
            Message<T> m = new Message<>(topic, payload);
            int n = 0;
            for (Subscription<T> s : subscriptions) {
                if (s.matches(topic) && s.offer(m, c)) {
                    n++;
                }
            }
            return n;
        } finally {
            if (inFlight.decrementAndGet() == 0 && closed) {
                drained.fire();
            }
        }
    }

    /**
     * Shuts the broker down: new publishes and subscriptions fail; publishes in flight get up to
     * {@code timeout} to finish; then every subscriber channel is closed (buffered messages stay
     * receivable). Returns whether the in-flight publishes finished in time. Idempotent.
     *
     * @throws InterruptedException if interrupted while waiting; the channels are closed anyway
     */
    public boolean shutdown(Duration timeout) throws InterruptedException {
        closed = true;
        if (inFlight.get() == 0) {
            drained.fire();
        }
        boolean graceful;
        try {
            graceful = drained.await(WaitReason.WAITGROUP_WAIT, clock, timeout.toNanos());
        } finally {
            for (Subscription<T> s : subscriptions) {
                subscriptions.remove(s);
                s.closeChannel(); // a publish blocked on it now fails and counts a drop
            }
        }
        return graceful;
    }

    /** Whether {@link #shutdown} has begun. */
    public boolean isShutdown() {
        return closed;
    }

    /** Live counters of one exact topic (zeros if nothing was published on it). */
    public Stats stats(String topic) {
        Counters c = topics.get(topic);
        return c == null ? new Stats(0, 0, 0, 0, 0) : c.snapshot();
    }

    /** Live counters of every topic published so far, sorted by topic. */
    public Map<String, Stats> stats() {
        Map<String, Stats> m = new TreeMap<>();
        topics.forEach((k, v) -> m.put(k, v.snapshot()));
        return m;
    }

    /** The live subscriptions. */
    public List<Subscription<T>> subscriptions() {
        return List.copyOf(subscriptions);
    }

    Counters counters(String topic) {
        return topics.computeIfAbsent(topic, k -> new Counters());
    }

    void remove(Subscription<T> s) {
        subscriptions.remove(s);
    }

    @Override
    public String toString() {
        return "Broker[subscriptions=" + subscriptions.size() + ", topics=" + topics.size() + ", shutdown=" + closed
                + "]";
    }
}
