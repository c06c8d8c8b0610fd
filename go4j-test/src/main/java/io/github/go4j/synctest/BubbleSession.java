package io.github.go4j.synctest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;

/**
 * One bubble that spans several JUnit invocations of one test: its {@code @BeforeEach} methods, the
 * test method and its {@code @AfterEach} methods (TH11: Go runs {@code t.Cleanup} inside the bubble).
 * Used by {@link SyncTestExtension} only, on the test runner's thread.
 *
 * <p>The root goroutine of the bubble runs the invocations one after the other, as one sequential
 * function would. Between two of them it waits for the next in a {@code java.util.concurrent} queue:
 * not a go4j wait, so the bubble counts the root as running, and neither moves its clock nor declares
 * a deadlock while JUnit does its own work between the invocations. {@link #close} lets the root
 * return and waits for the bubble to end, as {@link SyncTest#run} does.
 *
 * <p>Once the bubble has failed (a deadlock or a panic) or the runner was interrupted, the session is
 * <em>broken</em>: the failure is thrown by the invocation during which it was seen (or by
 * {@code close}), once, and the remaining lifecycle methods are skipped: the test is over, as a
 * panic in Go ends the test binary.
 */
final class BubbleSession {

    /** A unit of work for the root; {@link #END} tells it to return. */
    private record Work(Invocation<?> invocation, CompletableFuture<Throwable> result) {}

    private static final Work END = new Work(null, null);

    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    /** Set by {@link #open} right after construction. */
    private SyncBubble bubble;
    /** The bubble failed or the runner was interrupted: run nothing more. Runner thread only. */
    private boolean broken;
    /** The bubble's failure was thrown to JUnit already. Runner thread only. */
    private boolean reported;

    private BubbleSession() {}

    /**
     * Starts the bubble; its root (named after {@code origin}'s class in dumps) waits for the first
     * invocation.
     */
    static BubbleSession open(Object origin) {
        BubbleSession s = new BubbleSession();
        s.bubble = SyncBubble.start(origin, s::serve, null);
        return s;
    }

    /** The root's body: runs the invocations handed over, until {@link #END}. */
    private void serve() throws InterruptedException {
        while (true) {
            Work w = queue.take();
            if (w == END) {
                return;
            }
            try {
                w.invocation.proceed();
                w.result.complete(null);
            } catch (Throwable t) {
                w.result.complete(t);
            }
        }
    }

    /**
     * Runs {@code invocation} on the bubble's root and waits for it: rethrows what it throws, or the
     * bubble's failure if the bubble ends first. Skips it when the session is broken.
     */
    void call(Invocation<?> invocation) throws Throwable {
        if (broken) {
            invocation.skip();
            return;
        }
        Work w = new Work(invocation, new CompletableFuture<>());
        queue.add(w);
        try {
            CompletableFuture.anyOf(w.result, bubble.ended()).get();
        } catch (InterruptedException e) {
            // Describe before the interrupts unwind them: a JUnit timeout then shows who waits on what.
            InterruptedException ie = new InterruptedException("synctest bubble interrupted while running "
                    + "a test method: " + bubble.describe());
            interrupted();
            throw ie;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // neither future completes exceptionally
        }
        if (w.result.isDone() && !bubble.ended().isDone()) {
            Throwable t = w.result.getNow(null);
            if (t != null) {
                throw t;
            }
            return;
        }
        // The bubble has failed (a deadlock or a panic) while the root ran the invocation, or right
        // after it: report the failure rather than its consequence in the root (an interrupt). It
        // cannot end normally while its root waits for work.
        broken = true;
        reported = true;
        bubble.throwOutcome();
    }

    /**
     * Lets the root return, waits for every goroutine of the bubble to exit, and throws the bubble's
     * failure (a deadlock such as "main bubble goroutine has exited but blocked goroutines remain",
     * a panic) unless an invocation threw it already.
     */
    void close() throws Exception {
        queue.add(END);
        if (broken && !bubble.ended().isDone()) {
            return; // interrupted: the members were interrupted too; do not wait for them
        }
        try {
            bubble.ended().get();
        } catch (InterruptedException e) {
            interrupted();
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        if (!reported) {
            reported = true;
            bubble.throwOutcome();
        }
    }

    private void interrupted() {
        broken = true;
        reported = true;
        queue.clear(); // an invocation not yet taken must not run after JUnit has moved on
        bubble.interruptAll();
    }
}
