package io.github.go4j.sync;

/**
 * SyncFatalError is thrown for the misuses that Go treats as unrecoverable fatal errors (SY07):
 * unlocking an unlocked {@link Mutex} ({@code "fatal error: sync: unlock of unlocked mutex"}) and the
 * two {@link RWMutex} cases ({@code "fatal error: sync: RUnlock of unlocked RWMutex"},
 * {@code "fatal error: sync: Unlock of unlocked RWMutex"}). The deadlock detector also throws it from a
 * {@code Mutex}, {@code RWMutex} or {@code Once} wait that it failed because the waiter can never be
 * woken ({@code "fatal error: all goroutines are asleep - deadlock!"} or
 * {@code "fatal error: partial deadlock: ..."}; see {@code Go.setDeadlockDetection}); the caller does
 * not hold the lock then and has left its queue. {@link WaitGroup#add} throws it when one group is used
 * from more than one synctest bubble while its counter is not zero (TH10):
 * {@code "fatal error: sync: WaitGroup.Add called from inside and outside synctest bubble"} and
 * {@code "fatal error: sync: WaitGroup.Add called from multiple synctest bubbles"}; the counter is left
 * unchanged.
 *
 * <p>Go's {@code recover()} cannot catch these; the process dies. Java cannot forbid catching, so the
 * type is an {@link Error}: ordinary {@code catch (Exception e)} handlers do not swallow it, and it
 * escapes a goroutine as a panic report. Catching it is a bug: the program has already broken the
 * lock's protocol. The lock's state is left as it was before the bad call.
 */
public final class SyncFatalError extends Error {

    private static final long serialVersionUID = 1L;

    /** Creates the error; {@code message} is Go's text without the {@code "fatal error: "} prefix. */
    SyncFatalError(String message) {
        super("fatal error: " + message);
    }
}
