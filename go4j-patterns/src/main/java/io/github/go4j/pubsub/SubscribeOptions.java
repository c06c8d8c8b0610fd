package io.github.go4j.pubsub;

import java.time.Duration;
import java.util.Objects;

/**
 * SubscribeOptions configures one subscription: its buffer and its {@link Overflow} policy.
 *
 * {@snippet :
 * var opts = SubscribeOptions.block(64, Duration.ofMillis(100)); // wait up to 100ms for room, then drop
 * }
 *
 * @param buffer       the capacity of the subscriber's channel (0: each delivery is a rendezvous)
 * @param overflow     what to do when it is full
 * @param blockTimeout for {@link Overflow#BLOCK}: how long a publisher waits for room before dropping
 */
public record SubscribeOptions(int buffer, Overflow overflow, Duration blockTimeout) {

    /** Validates the options. */
    public SubscribeOptions {
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(blockTimeout, "blockTimeout");
        if (buffer < 0) {
            throw new IllegalArgumentException("pubsub: negative buffer " + buffer);
        }
        if (overflow == Overflow.DROP_OLDEST && buffer == 0) {
            throw new IllegalArgumentException("pubsub: DROP_OLDEST needs a buffer");
        }
        if (blockTimeout.isNegative()) {
            throw new IllegalArgumentException("pubsub: negative block timeout");
        }
    }

    /** A buffer of {@code buffer} with a non-blocking drop policy. */
    public static SubscribeOptions of(int buffer, Overflow overflow) {
        return new SubscribeOptions(buffer, overflow, Duration.ZERO);
    }

    /** A buffer of {@code buffer}; publishers wait up to {@code timeout} for room, then drop. */
    public static SubscribeOptions block(int buffer, Duration timeout) {
        return new SubscribeOptions(buffer, Overflow.BLOCK, timeout);
    }
}
