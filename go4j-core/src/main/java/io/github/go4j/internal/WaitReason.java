package io.github.go4j.internal;

/**
 * Why a goroutine is blocked, with Go's wait-reason strings (runtime2.go, RU07), shown in goroutine
 * dumps as {@code goroutine 7 [chan receive]:}.
 *
 * <p>A reason is <em>durable</em> when only another goroutine of the same bubble can end the wait
 * (TH07): virtual time may advance past it. As in Go 1.25, a channel or {@code WaitGroup} wait comes
 * in two flavours: the plain one ({@link #CHAN_RECEIVE}, {@link #CHAN_SEND}, {@link #SELECT},
 * {@link #WAITGROUP_WAIT}) is not durable, and is what every wait outside a bubble records, and what a
 * bubble goroutine records while it waits on a channel made outside its bubble (someone outside may
 * end that wait: the clock must not move past it) or on a {@code WaitGroup} whose {@code add} was
 * called outside; the {@code (durable)} one ({@link #CHAN_RECEIVE_DURABLE}...) is recorded for waits
 * on the bubble's own channels and {@code WaitGroup}s, and shows Go's suffix in dumps (RU07, SE10).
 * Nil-channel waits, {@code select {}}, sleeps and {@code Cond} waits are durable wherever they
 * happen; mutexes never are (TH07). Outside bubbles durability means nothing: the deadlock detector
 * counts a goroutine parked for any reason as asleep.
 */
public enum WaitReason {
    /** Blocked in a channel receive; not durable: outside a bubble, or on a channel made outside it. */
    CHAN_RECEIVE("chan receive", false),
    /** Blocked in a receive on a channel of the goroutine's own bubble (Go 1.25's text). */
    CHAN_RECEIVE_DURABLE("chan receive (durable)", true),
    /** Blocked in a channel send; not durable: outside a bubble, or on a channel made outside it. */
    CHAN_SEND("chan send", false),
    /** Blocked in a send on a channel of the goroutine's own bubble (Go 1.25's text). */
    CHAN_SEND_DURABLE("chan send (durable)", true),
    /** Receive from a nil channel: blocks forever. */
    CHAN_RECEIVE_NIL("chan receive (nil chan)", true),
    /** Send on a nil channel: blocks forever. */
    CHAN_SEND_NIL("chan send (nil chan)", true),
    /**
     * Blocked in a select with at least one case; not durable: outside a bubble, or with a case on a
     * channel made outside the bubble.
     */
    SELECT("select", false),
    /**
     * Blocked in a select inside a bubble whose every channel case is on a channel of that bubble
     * (timeout clauses and nil channels allowed; SE10).
     */
    SELECT_DURABLE("select (durable)", true),
    /** {@code select {}}: blocks forever. */
    SELECT_NO_CASES("select (no cases)", true),
    /** In {@code Time.sleep}. */
    SLEEP("sleep", true),
    /**
     * In {@code WaitGroup.await}; not durable: outside a bubble, or on a group whose {@code add} was
     * not called inside the waiter's bubble.
     */
    WAITGROUP_WAIT("sync.WaitGroup.Wait", false),
    /** In {@code WaitGroup.await} on a group whose {@code add} was called inside the waiter's bubble. */
    WAITGROUP_WAIT_DURABLE("sync.WaitGroup.Wait (durable)", true),
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

    /**
     * The {@code (durable)} flavour of a channel, select or {@code WaitGroup} reason, for a wait on
     * something that belongs to the waiter's bubble; any other reason is returned as is. For primitives
     * built outside the core that wait on a {@link Waiter} directly: a primitive made inside a bubble
     * waits with {@code reason.durableVariant()} so that the bubble's clock may move past it.
     */
    public WaitReason durableVariant() {
        return switch (this) {
            case CHAN_RECEIVE -> CHAN_RECEIVE_DURABLE;
            case CHAN_SEND -> CHAN_SEND_DURABLE;
            case SELECT -> SELECT_DURABLE;
            case WAITGROUP_WAIT -> WAITGROUP_WAIT_DURABLE;
            default -> this;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
