package io.github.go4j.internal;

import io.github.go4j.chan.Channel;

/** Go's runtime/chan.go: the channel implementation. STUB: replaced by the real implementation. */
public final class Chan {
    private Chan() {}

    /** Makes a channel (CH02 for negative sizes). */
    public static <T> Channel<T> make(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("makechan: size out of range");
        }
        throw new UnsupportedOperationException("not implemented yet");
    }
}
