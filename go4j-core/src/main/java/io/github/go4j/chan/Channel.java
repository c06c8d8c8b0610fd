package io.github.go4j.chan;

/**
 * A channel: Go's {@code chan T}, a typed FIFO conduit between goroutines, unbuffered (a rendezvous) or
 * with a fixed-size buffer.
 *
 * <h2>Contract</h2>
 * <ul>
 * <li><b>Blocking.</b> {@code send} blocks until a receiver takes the value (capacity 0) or the buffer
 * has room; {@code receive} blocks until a value is available or the channel is closed (CH01).
 * Values arrive in send order, blocked receivers are served in arrival order, and so are blocked
 * senders (CH10).</li>
 * <li><b>Close.</b> {@code close()} releases every blocked receiver (they get {@code null}, ok false)
 * and fails every blocked sender with "send on closed channel" (CH05, CH09). Buffered values are still
 * received, in order, before the closed state shows (CH07).</li>
 * <li><b>Interruption.</b> Blocking operations throw {@link InterruptedException}. An interrupted
 * operation has no effect: its value was not sent, or nothing was consumed. If the operation completed
 * in the same instant as the interrupt, it returns normally with the interrupt flag set. An operation
 * that can complete without waiting completes even if the flag is already set (the flag stays set);
 * one that has to wait throws at once. No value is ever lost or duplicated. Iteration turns an interrupt into {@link ChannelInterruptedException}, with
 * the flag set.</li>
 * <li><b>Memory consistency.</b> A send happens-before the completion of the matching receive (CH14);
 * a close happens-before a receive that returns because of it (CH15); on an unbuffered channel a
 * receive happens-before the completion of the matching send (CH16); the k-th receive happens-before
 * the (k+C)-th send completes, so a buffered channel is a counting semaphore (CH17).</li>
 * <li><b>Timeouts.</b> The timed variants measure on the library clock (virtual inside a test bubble);
 * a timeout of zero or less makes one non-blocking attempt. A timed-out operation has no effect.</li>
 * <li><b>Nulls.</b> {@code null} elements are rejected with {@link NullPointerException}; null from a
 * receive always means "closed" (Go's zero value). A {@code null} channel reference passed to
 * {@link Select}'s static clause factories is Go's nil channel: never ready (CH04, SE08).</li>
 * <li><b>Test bubbles (TH10).</b> A channel made by a goroutine of a go4j-test synctest bubble belongs
 * to it: sending, receiving, closing or selecting on it from a goroutine of another bubble or of none
 * throws {@link IllegalStateException} with Go's message ({@code "send on synctest channel from outside
 * bubble"}, {@code "receive on ..."}, {@code "close of ..."}, {@code "select on ..."}); {@code len} and
 * {@code cap} work from anywhere.</li>
 * </ul>
 *
 * {@snippet :
 * Channel<Integer> jobs = Channel.make(100);
 * Go.go(() -> {
 *     for (int i = 1; i <= 5; i++) jobs.send(i);
 *     jobs.close();
 * });
 * for (int j : jobs) System.out.println("job " + j);   // for j := range jobs
 * }
 *
 * <p>Implementation: Go's runtime design, a lock per channel, a ring buffer and FIFO queues of parked
 * goroutines with direct hand-off (docs/adr/0001); while nobody waits on a buffered channel, senders
 * and receivers meet in its ring without the lock (docs/adr/0050). An idle unbuffered channel takes
 * 56 bytes, one of capacity 16 about 430.
 *
 * @param <T> the element type
 */
public interface Channel<T> extends SendChannel<T>, ReceiveChannel<T> {

    /** Makes an unbuffered channel: Go's {@code make(chan T)}. */
    static <T> Channel<T> make() {
        return io.github.go4j.internal.Chan.make(0);
    }

    /**
     * Makes a channel with a buffer of {@code capacity} elements: Go's {@code make(chan T, capacity)}.
     * Capacity 0 is unbuffered.
     *
     * @throws IllegalArgumentException "makechan: size out of range" if capacity is negative or larger
     *         than the largest array the JVM can allocate (CH02)
     */
    static <T> Channel<T> make(int capacity) {
        return io.github.go4j.internal.Chan.make(capacity);
    }

    /** This channel as its sending side only (Go's conversion to {@code chan<- T}). */
    default SendChannel<T> sendOnly() {
        return this;
    }

    /** This channel as its receiving side only (Go's conversion to {@code <-chan T}). */
    default ReceiveChannel<T> receiveOnly() {
        return this;
    }

    @Override
    int len();

    @Override
    int cap();
}
