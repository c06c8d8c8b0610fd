package io.github.go4j.chan;

/**
 * Go's channel panics (CH05, CH06, CH12): "send on closed channel", "close of closed channel",
 * "close of nil channel". Unchecked, like a Go runtime error: it reports a bug in the program.
 */
public class ChannelClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with Go's message. */
    public ChannelClosedException(String message) {
        super(message);
    }
}
