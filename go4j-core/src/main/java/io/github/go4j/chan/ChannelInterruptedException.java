package io.github.go4j.chan;

/**
 * Thrown by channel iteration ({@code for (T v : ch)}), which cannot throw checked exceptions, when the
 * iterating thread is interrupted while blocked. The thread's interrupt flag is set again before it is
 * thrown, and no element was consumed.
 */
public class ChannelInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Wraps the interrupt. */
    public ChannelInterruptedException(InterruptedException cause) {
        super("channel iteration interrupted", cause);
    }
}
