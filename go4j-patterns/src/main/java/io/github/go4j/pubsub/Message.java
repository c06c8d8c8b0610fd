package io.github.go4j.pubsub;

/**
 * Message is one published value with the topic it was published on.
 *
 * {@snippet :
 * for (Message<Order> m : subscription.messages()) {
 *     System.out.println(m.topic() + ": " + m.payload());
 * }
 * }
 *
 * @param topic   the exact topic it was published on
 * @param payload the value
 */
public record Message<T>(String topic, T payload) {}
