package io.github.go4j.internal;

/**
 * A group of goroutines that share a clock and whose blocking is observed: go4j-test's synctest
 * bubble implements it (TH05-TH10), and the opt-in deadlock detector observes goroutines outside
 * any bubble through {@link G#setObserver}.
 *
 * <p>Calls arrive from the goroutines themselves and from whoever wakes them; implementations must be
 * thread-safe and must not block. The goroutine's parked state alternates: each {@code blocked} is
 * followed by exactly one {@code readied}. The <em>calls</em> need not arrive in that order, though:
 * {@code G} publishes the state change before it calls the hook, so a waker's {@code readied} may
 * reach the bubble before the goroutine's own {@code blocked} (a goroutine woken before it finished
 * parking), or a waker delayed between the two may deliver {@code readied} after the goroutine has
 * parked again. An implementation that keeps a set of blocked goroutines should therefore, under its
 * own lock, ignore a {@code blocked} when {@link G#parkedWaiter()} is already null and a
 * {@code readied} when it is not null (the goroutine has parked again since).
 */
public interface Bubble {

    /** The clock of goroutines in this bubble. */
    Clock clock();

    /** {@code g} was created in this bubble; called by its parent before {@code g} starts. */
    void started(G g);

    /** {@code g} has finished (normally or by an exception). */
    void exited(G g);

    /** {@code g} is about to park for {@code reason}. */
    void blocked(G g, WaitReason reason);

    /** {@code g}'s wait has ended: it was woken, timed out or interrupted, and will run. */
    void readied(G g);

    /**
     * A thread that is not a goroutine (a program's main thread, a test runner's thread) is about to
     * park on {@code w}. Only the {@linkplain G#setObserver observer} gets these calls; the default
     * ignores them.
     */
    default void foreignBlocked(Waiter w, WaitReason reason, Object on) {}

    /** The wait of a thread that is not a goroutine on {@code w} has ended; may repeat for one wait. */
    default void foreignReadied(Waiter w) {}

    /**
     * An exception escaped goroutine {@code g} of this bubble; called on {@code g}'s thread by
     * {@link Panics#report} before {@code g} exits. A bubble that returns {@code true} has taken the
     * panic (a synctest bubble fails its test with it) and the usual report (panic handler, standard
     * error, {@code go4j.panic=exit}) is skipped; the default returns {@code false}.
     */
    default boolean panicked(G g, Throwable panic) {
        return false;
    }
}
