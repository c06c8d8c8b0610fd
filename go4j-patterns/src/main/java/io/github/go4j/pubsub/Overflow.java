package io.github.go4j.pubsub;

/**
 * Overflow is what a {@link Broker} does when a subscriber's buffer is full. Whatever it discards is
 * counted in the subscriber's and the topic's {@code dropped} statistics: drops are never silent.
 *
 * {@snippet :
 * broker.subscribe(SubscribeOptions.of(100, Overflow.DROP_OLDEST), "ticks.*"); // keep the latest
 * }
 */
public enum Overflow {
    /** The publisher waits for room, up to the subscription's block timeout; then the message is dropped. */
    BLOCK,
    /** The new message is dropped; the publisher never waits. */
    DROP_NEWEST,
    /** The oldest buffered message is dropped to make room; the publisher never waits. Needs a buffer. */
    DROP_OLDEST
}
