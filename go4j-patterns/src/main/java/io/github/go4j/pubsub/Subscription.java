package io.github.go4j.pubsub;

import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ChannelClosedException;
import io.github.go4j.chan.ReceiveChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Subscription is one subscriber of a {@link Broker}: its own buffered channel of {@link Message}s, fed
 * with every message published on a topic that matches one of its patterns, under its own
 * {@link Overflow} policy.
 *
 * <p>{@link #messages()} is closed when the subscription is {@linkplain #close() closed} or the broker
 * shuts down; messages already buffered stay receivable until drained (a closed channel yields its
 * buffer first). Closing is idempotent. Counters are live ({@link #stats()}).
 *
 * {@snippet :
 * try (Subscription<String> sub = broker.subscribe(SubscribeOptions.of(16, Overflow.DROP_NEWEST), "logs.#")) {
 *     for (Message<String> m : sub.messages()) {
 *         if (m.payload().contains("FATAL")) break;
 *     }
 * }
 * }
 */
public final class Subscription<T> implements AutoCloseable {

    private final Broker<T> broker;
    private final List<TopicPattern> patterns;
    private final SubscribeOptions options;
    private final Channel<Message<T>> channel;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LongAdder offered = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    Subscription(Broker<T> broker, List<TopicPattern> patterns, SubscribeOptions options) {
        this.broker = broker;
        this.patterns = patterns;
        this.options = options;
        this.channel = Channel.make(options.buffer());
    }

    /** The channel this subscriber receives from; closed on unsubscribe or broker shutdown. */
    public ReceiveChannel<Message<T>> messages() {
        return channel;
    }

    /** The patterns it subscribed with. */
    public List<String> patterns() {
        return patterns.stream().map(TopicPattern::toString).toList();
    }

    /** Its options. */
    public SubscribeOptions options() {
        return options;
    }

    /** Live counters: offered, delivered, dropped, and the messages buffered now. */
    public Stats stats() {
        return new Stats(0, offered.sum(), delivered.sum(), dropped.sum(), channel.len());
    }

    /** Unsubscribes and closes {@link #messages()}; buffered messages stay receivable. Idempotent. */
    @Override
    public void close() {
        broker.remove(this);
        closeChannel();
    }

    /** Same as {@link #close()}. */
    public void unsubscribe() {
        close();
    }

    void closeChannel() {
        if (closed.compareAndSet(false, true)) {
            channel.close();
        }
    }

    boolean matches(String topic) {
        for (TopicPattern p : patterns) {
            if (p.matches(topic)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Offers one message under the overflow policy; returns whether it reached the channel. Evictions
     * (DROP_OLDEST) are charged to the evicted message's topic.
     */
    boolean offer(Message<T> m, Broker.Counters topic) throws InterruptedException {
        offered.increment();
        topic.offered.increment();
        boolean ok;
        try {
            ok = switch (options.overflow()) {
                case DROP_NEWEST -> channel.trySend(m);
                case BLOCK -> channel.send(m, options.blockTimeout());
                case DROP_OLDEST -> {
                    while (!channel.trySend(m)) {
                        Message<T> evicted = channel.tryReceive();
                        if (evicted != null) {
                            delivered.decrement();
                            dropped.increment();
                            Broker.Counters et = broker.counters(evicted.topic());
                            et.delivered.decrement();
                            et.dropped.increment();
                        }
                    }
                    yield true;
                }
            };
        } catch (ChannelClosedException unsubscribed) {
            ok = false;
        } catch (InterruptedException e) {
            dropped.increment();
            topic.dropped.increment();
            throw e;
        }
        if (ok) {
            delivered.increment();
            topic.delivered.increment();
        } else {
            dropped.increment();
            topic.dropped.increment();
        }
        return ok;
    }

    @Override
    public String toString() {
        return "Subscription" + patterns + "[" + options.overflow() + ", " + stats() + "]";
    }
}
