package io.github.go4j.internal;

/**
 * Why a goroutine is blocked, with Go's wait-reason strings (runtime2.go, RU07), shown in goroutine
 * dumps as {@code goroutine 7 [chan receive]:}.
 *
 * <p>A reason is <em>durable</em> when only another goroutine of the same bubble can end the wait
 * (TH07): virtual time may advance past it. Mutexes are not durable, as in Go.
 */
public enum WaitReason {
    /** Blocked in a channel receive. */
    CHAN_RECEIVE("chan receive", true),
    /** Blocked in a channel send. */
    CHAN_SEND("chan send", true),
    /** Receive from a nil channel: blocks forever. */
    CHAN_RECEIVE_NIL("chan receive (nil chan)", true),
    /** Send on a nil channel: blocks forever. */
    CHAN_SEND_NIL("chan send (nil chan)", true),
    /** Blocked in a select with at least one case. */
    SELECT("select", true),
    /** {@code select {}}: blocks forever. */
    SELECT_NO_CASES("select (no cases)", true),
    /** In {@code Time.sleep}. */
    SLEEP("sleep", true),
    /** In {@code WaitGroup.await}. */
    WAITGROUP_WAIT("sync.WaitGroup.Wait", true),
    /** In {@code Cond.await}. */
    COND_WAIT("sync.Cond.Wait", true),
    /** In {@code Mutex.lock}. Not durable (TH07). */
    MUTEX_LOCK("sync.Mutex.Lock", false),
    /** In {@code RWMutex.rLock}. Not durable. */
    RWMUTEX_RLOCK("sync.RWMutex.RLock", false),
    /** In {@code RWMutex.lock}. Not durable. */
    RWMUTEX_LOCK("sync.RWMutex.Lock", false),
    /** A semaphore-style wait (Once, weighted semaphore, other library waits). Not durable. */
    SEMACQUIRE("semacquire", false),
    /** In {@code SyncTest.await}. */
    SYNCTEST_WAIT("synctest.Wait", false),
    /** The root of a bubble waiting for its goroutines to exit. */
    SYNCTEST_RUN("synctest.Run", false);

    private final String text;
    private final boolean durable;

    WaitReason(String text, boolean durable) {
        this.text = text;
        this.durable = durable;
    }

    /** Go's text for this reason, as printed in a dump. */
    public String text() {
        return text;
    }

    /** Whether virtual time may advance while a bubble goroutine waits for this reason. */
    public boolean durable() {
        return durable;
    }

    @Override
    public String toString() {
        return text;
    }
}
