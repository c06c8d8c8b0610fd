package io.github.go4j.chan;

/**
 * The result of Go's two-value receive {@code v, ok := <-ch}: {@code ok} is true if the value was
 * delivered by a send, false if it is the zero value ({@code null}) of a closed, drained channel.
 *
 * @param value the received value; null when {@code ok} is false
 * @param ok whether a send delivered the value
 * @param <T> the element type
 */
public record Received<T>(T value, boolean ok) {

    private static final Received<?> CLOSED = new Received<>(null, false);

    /** The result of a receive on a closed, drained channel. */
    @SuppressWarnings("unchecked")
    public static <T> Received<T> closed() {
        return (Received<T>) CLOSED;
    }

    /** A delivered value. */
    public static <T> Received<T> of(T value) {
        return new Received<>(value, true);
    }
}
