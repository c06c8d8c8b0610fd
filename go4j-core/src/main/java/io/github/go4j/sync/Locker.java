package io.github.go4j.sync;

/**
 * Locker is anything that can be locked and unlocked: Go's {@code sync.Locker}. {@link Mutex}, the
 * views {@link RWMutex#writeLock()} and {@link RWMutex#readLock()} (Go's {@code RLocker()}), and
 * {@link Mutex#asLock()} implement it; a {@link Cond} waits with one.
 *
 * <p>The method names match {@link java.util.concurrent.locks.Lock}'s, so a class may implement both, and
 * a {@code Lock} adapts with a method reference pair or a one-line wrapper:
 * {@snippet :
 * java.util.concurrent.locks.Lock jucLock = new java.util.concurrent.locks.ReentrantLock();
 * Locker l = new Locker() {
 *     public void lock() { jucLock.lock(); }
 *     public void unlock() { jucLock.unlock(); }
 * };
 * }
 */
public interface Locker {

    /** Acquires the lock, blocking until it is available. */
    void lock();

    /** Releases the lock. */
    void unlock();
}
