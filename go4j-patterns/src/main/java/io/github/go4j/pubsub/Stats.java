package io.github.go4j.pubsub;

/**
 * Counters of a {@link Broker}'s topic or subscription. For a subscription,
 * {@code offered == delivered + dropped} once no publish is in flight, and the messages it receives
 * are exactly {@code delivered} once its channel is drained.
 *
 * {@snippet :
 * Stats s = subscription.stats();
 * if (s.dropped() > 0) {
 *     log("slow consumer: " + s.dropped() + " of " + s.offered() + " dropped");
 * }
 * }
 *
 * @param published for a topic: messages published on it; for a subscription: 0
 * @param offered   deliveries attempted (one per matching subscription per message)
 * @param delivered deliveries that reached the subscriber's channel and were not evicted
 * @param dropped   deliveries discarded by the overflow policy, a block timeout, or a close
 * @param queued    for a subscription: messages in its buffer now; for a topic: 0
 */
public record Stats(long published, long offered, long delivered, long dropped, int queued) {}
