package io.github.go4j.synctest;

import io.github.go4j.Go;
import io.github.go4j.internal.G;
import io.github.go4j.internal.WaitReason;
import io.github.go4j.internal.Waiter;
import java.util.Objects;

/**
 * Go's {@code testing/synctest}: runs code in a <em>bubble</em> with virtual time.
 *
 * <p><b>Bubbles.</b> {@link #run} starts its task as the root goroutine of a new bubble and returns
 * once every goroutine of the bubble has exited (TH05). Goroutines started inside a bubble, by
 * {@code Go.go}, {@code WaitGroup.go}, {@code Time.afterFunc} or a library built on them, belong to
 * it. Each bubble has its own clock that starts at 2000-01-01T00:00:00Z (TH06). Everything in go4j
 * that reads time or waits for it ({@code Time.now}, {@code sleep}, timers, tickers, {@code after},
 * context deadlines, timeouts) uses that clock inside the bubble.
 *
 * <p><b>Virtual time.</b> The clock does not move while any goroutine of the bubble can run. When
 * every one is <em>durably blocked</em>, it jumps to the next timer and fires it (TH06). Durably
 * blocked means parked in a send or receive on a channel made inside the bubble, in a select whose
 * every channel case is on such a channel, in {@code WaitGroup.await} on a group whose {@code add}
 * was called inside the bubble, in {@code Cond.await}, {@code Time.sleep}, a timer, a nil-channel
 * select or {@code select {}}. A goroutine parked on a channel made <em>outside</em> the bubble (or a
 * select with a case on one), on a {@code WaitGroup} counted from outside, on a {@code Mutex}, in
 * I/O, in {@code Thread.sleep} or in a {@code java.util.concurrent} lock is <em>not</em> durably
 * blocked and keeps the clock still (TH07): something outside the bubble may wake it, so the bubble
 * waits for that (neither {@link #await()} returns nor the clock moves nor a deadlock is reported).
 * Dumps show Go 1.25's {@code (durable)} suffix on durable channel, select and {@code WaitGroup}
 * waits ({@code chan receive (durable)}, {@code select (durable)}; SE10). So a test that sleeps an
 * hour takes microseconds, and the order of events is exactly the order of their virtual instants.
 *
 * <p><b>Bubble channels (TH10).</b> A channel made by a goroutine of a bubble belongs to it. Sending,
 * receiving (in any form: blocking, {@code try}, with a timeout or a context, iterating), closing it
 * or selecting on it from a goroutine of another bubble or of none throws
 * {@link IllegalStateException} with Go's message: "send on synctest channel from outside bubble",
 * "receive on synctest channel from outside bubble", "close of synctest channel from outside bubble";
 * a select with a case on one (other than one case and a default, which fails as the send or receive
 * would) fails with "select on synctest channel from outside bubble". {@code len} and {@code cap} work
 * from anywhere. A bubble's timers check the same way, and a {@code WaitGroup} counted both inside and
 * outside a bubble is a fatal error (see {@code WaitGroup}). Go makes the channel misuses fatal
 * errors; go4j throws, as for timers. So keep a bubble's channels inside it, and beware of channels
 * that your code makes lazily and caches (a static, a pool): the first bubble to make one owns it.
 *
 * <p><b>Deadlock.</b> When every goroutine is durably blocked and no timer is pending,
 * {@code run} throws a {@link DeadlockError} "deadlock: all goroutines in bubble are blocked" with a
 * dump of who waits on what; when the root has returned and the others are all durably blocked, the
 * message is "deadlock: main bubble goroutine has exited but blocked goroutines remain" (TH09; the
 * clock stops once the root has returned). The blocked goroutines are then interrupted.
 *
 * <p><b>Exceptions.</b> What escapes the root task is rethrown by {@code run} (an assertion failure
 * fails the test). An exception escaping any other goroutine of the bubble is a panic, and as a
 * panic ends a Go program, it ends the bubble: the other goroutines are interrupted so that they
 * unwind, and {@code run} rethrows it as is (the first one, if several goroutines fail). It is not
 * printed nor passed to {@code Go.setPanicHandler}; exceptions that escape goroutines after it (their
 * interrupts) are dropped.
 *
 * <p><b>Interrupts.</b> If the thread in {@code run} is interrupted (a JUnit timeout), every goroutine
 * of the bubble is interrupted and {@code run} throws {@link InterruptedException} whose message
 * describes the bubble as it was: its state, virtual now, durably blocked goroutines, pending timers
 * and a dump of its goroutines.
 *
 * <p><b>Happens-before.</b> Everything {@code run}'s caller did before the call happens-before the
 * root starts; everything every goroutine of the bubble did happens-before {@code run} returns.
 * When {@link #await()} returns, everything the other goroutines did before they blocked
 * happens-before what follows it.
 *
 * {@snippet :
 * SyncTest.run(() -> {
 *     Instant start = Time.now();                 // 2000-01-01T00:00:00Z
 *     Context ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(5)).context();
 *     Time.sleep(Duration.ofSeconds(5).minusNanos(1));
 *     SyncTest.await();
 *     assert ctx.err() == null;                   // TH12
 *     Time.sleep(Duration.ofNanos(1));
 *     SyncTest.await();
 *     assert ctx.err() == Context.DEADLINE_EXCEEDED;
 * });
 * }
 */
public final class SyncTest {

    private SyncTest() {}

    /**
     * Runs {@code task} as the root goroutine of a new bubble and waits until every goroutine of the
     * bubble has exited.
     *
     * @throws DeadlockError if the bubble deadlocks (TH09)
     * @throws InterruptedException if the calling thread is interrupted while waiting
     * @throws IllegalStateException if called from inside a bubble (TH11)
     * @throws Exception the first exception that escaped {@code task} or another goroutine of the
     *     bubble, rethrown as is
     */
    public static void run(Go.Task task) throws Exception {
        Objects.requireNonNull(task, "task");
        if (inBubble()) {
            throw new IllegalStateException("synctest.Run called from within a synctest bubble");
        }
        Waiter done = new Waiter();
        SyncBubble bubble = SyncBubble.start(task, task, done);
        try {
            done.await(WaitReason.SYNCTEST_RUN, bubble);
        } catch (InterruptedException e) {
            // Describe before the interrupts unwind them: a JUnit timeout then shows who waits on what.
            InterruptedException ie = new InterruptedException("synctest.Run interrupted while waiting for "
                    + bubble.describe());
            bubble.interruptAll();
            throw ie;
        }
        bubble.throwOutcome();
    }

    /**
     * Go's {@code synctest.Wait}: blocks until every other goroutine of the caller's bubble is durably
     * blocked (TH08), without moving the clock. Typical use: after starting goroutines or moving time,
     * wait for them to settle, then assert on what they did.
     *
     * @throws IllegalStateException "goroutine is not in a bubble" outside a bubble; "wait already in
     *     progress" when another goroutine of the bubble is in {@code await}
     * @throws InterruptedException if interrupted while waiting
     */
    public static void await() throws InterruptedException {
        G g = G.current();
        if (g == null || !(g.bubble() instanceof SyncBubble b)) {
            throw new IllegalStateException("goroutine is not in a bubble");
        }
        b.await(g);
    }

    /** Whether the calling goroutine runs inside a synctest bubble. */
    public static boolean inBubble() {
        G g = G.current();
        return g != null && g.bubble() instanceof SyncBubble;
    }
}
