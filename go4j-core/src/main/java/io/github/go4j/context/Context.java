package io.github.go4j.context;

import io.github.go4j.Go;
import io.github.go4j.chan.ReceiveChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Context carries a cancellation signal, a deadline and request-scoped values across API boundaries
 * and between goroutines: Go's {@code context.Context}.
 *
 * <p>Contexts form a tree. The root is {@link #background()} (or {@link #todo()}); each
 * {@code with...} factory derives a child. When a context is cancelled, or its deadline passes, it and
 * all its descendants become <em>done</em>: their {@link #done()} channel is closed and {@link #err()}
 * says why. A child never outlives its parent's cancellation; cancelling a child leaves the parent
 * alone.
 *
 * {@snippet :
 * static String fetch(Context ctx, Channel<String> results) throws ContextException, InterruptedException {
 *     return Select.select(
 *         results.onReceive(r -> r),
 *         Select.onReceive(ctx.done(), (Void v) -> { throw ctx.err(); }));
 * }
 *
 * try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(50))) {
 *     System.out.println(fetch(ctx, results));   // or: context deadline exceeded
 * }
 * }
 *
 * <h2>Contract</h2>
 * <ul>
 * <li><b>Done.</b> {@link #done()} returns the same channel on every call (CX03). It is closed when the
 * context is cancelled, so a receive from it, or a select clause on it, is ready from then on (SE07).
 * For contexts that can never be cancelled ({@link #background()}, {@link #todo()},
 * {@link #withoutCancel}) it is {@code null}, Go's nil channel, which {@link io.github.go4j.chan.Select}'s
 * static clause factories treat as never ready (CX01).</li>
 * <li><b>Err and cause.</b> {@link #err()} is {@code null} until {@code done()} is closed, then
 * {@link #CANCELED} or {@link #DEADLINE_EXCEEDED}, and never changes after that (CX02). {@link #cause()}
 * is the richer reason given to {@link CancelCauseContext#cancel(Throwable)} or
 * {@link #withDeadlineCause}; it defaults to {@code err()} (CX07, CX09).</li>
 * <li><b>Synchronous propagation.</b> Among the contexts this package makes, a parent's cancel closes
 * every descendant's {@code done()} before it returns, and unlinks them (CX04). A child made from an
 * already-done parent is done when it is made, with the parent's err and cause (CX05). A parent that is
 * a user's own {@code Context} implementation is watched through {@link AfterFuncer#afterFunc} if it
 * implements {@link AfterFuncer}, otherwise by a goroutine; then the child becomes done
 * asynchronously (CX06).</li>
 * <li><b>Time.</b> Deadlines and timeouts are measured on the library clock of the goroutine that makes
 * the context (virtual time inside a go4j-test bubble). {@link #deadline()} is wall-clock time on that
 * clock.</li>
 * <li><b>Blocking and interruption.</b> Nothing in this interface blocks. Cancel functions take only
 * short internal locks and never wait for the work to stop. An {@link #afterFunc} function runs in its
 * own goroutine.</li>
 * <li><b>Memory consistency.</b> Actions before a context's cancellation (the cancel call, or the
 * parent's) happen-before a receive from {@code done()} that returns because it was closed, and
 * before an {@code err()} that returns non-null.</li>
 * <li><b>Nulls.</b> A {@code null} parent fails with {@link NullPointerException}
 * {@code "cannot create context from nil parent"} (CX03); a {@code null} value key with
 * {@code "nil key"} (CX10). Values may be {@code null}.</li>
 * </ul>
 *
 * <p>Implementing this interface yourself is allowed (Go's custom contexts): {@code done()} must return
 * the same channel each time, closed once, with {@code err()} non-null from then on.
 */
public interface Context {

    /** Go's {@code context.Canceled}: the error of a cancelled context, "context canceled". */
    CanceledException CANCELED = CanceledException.INSTANCE;

    /**
     * Go's {@code context.DeadlineExceeded}: the error of a context whose deadline passed,
     * "context deadline exceeded", with {@code timeout()} true.
     */
    DeadlineExceededException DEADLINE_EXCEEDED = DeadlineExceededException.INSTANCE;

    // ---------------------------------------------------------------------------------------------
    // The interface (Go's Context methods)
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns a channel that is closed when this context is done, or {@code null} if this context can
     * never be done. Successive calls return the same channel. Nothing is ever sent on it; a receive
     * returns {@code null} (closed) once the context is done.
     */
    ReceiveChannel<Void> done();

    /**
     * Returns {@code null} while {@link #done()} is not closed; afterwards {@link #CANCELED} if the
     * context was cancelled or {@link #DEADLINE_EXCEEDED} if its deadline passed. Once non-null it never
     * changes.
     */
    ContextException err();

    /**
     * Returns why this context is done: Go's {@code context.Cause(ctx)}. {@code null} while it is not
     * done. For a context cancelled through {@link CancelCauseContext#cancel(Throwable)} or expired
     * through {@link #withDeadlineCause}/{@link #withTimeoutCause}, the cause given there (or inherited
     * from the ancestor that was cancelled first); otherwise the same as {@link #err()}.
     *
     * <p>The default, for contexts implemented outside this package, finds the nearest ancestor made by
     * this package through {@link #value(Object)} and returns its cause, or {@link #err()} if there is
     * none (CX07).
     */
    default Throwable cause() {
        if (value(CancelCtx.CANCEL_CTX_KEY) instanceof CancelCtx c) {
            return c.cause();
        }
        return err();
    }

    /**
     * Returns the time when this context will be done because of its deadline, or empty if it has no
     * deadline (Go's {@code Deadline() (deadline, ok)}). Successive calls return the same result.
     */
    Optional<Instant> deadline();

    /**
     * Returns the value bound to {@code key} by the nearest {@link #withValue} ancestor, or {@code null}.
     * Keys are compared with {@code equals}; use a private key type (a private class or enum) to avoid
     * clashes between packages, as in Go.
     */
    Object value(Object key);

    // ---------------------------------------------------------------------------------------------
    // Roots
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns the root context: never cancelled, no values, no deadline; {@code done()} is null (CX01).
     * Its {@code toString()} is {@code "context.Background"}.
     */
    static Context background() {
        return EmptyCtx.BACKGROUND;
    }

    /**
     * Returns a root context like {@link #background()}, for code that does not yet know which context
     * to use. Its {@code toString()} is {@code "context.TODO"}.
     */
    static Context todo() {
        return EmptyCtx.TODO;
    }

    // ---------------------------------------------------------------------------------------------
    // Derived contexts
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns a child of {@code parent} that is done when its {@link CancelContext#cancel()} is called or
     * when the parent is done, whichever happens first (Go's {@code WithCancel}). Its
     * {@code toString()} is {@code "<parent>.WithCancel"}.
     *
     * @throws NullPointerException "cannot create context from nil parent"
     */
    static CancelContext withCancel(Context parent) {
        return CancelCtx.withCancel(parent);
    }

    /**
     * Like {@link #withCancel}, but the returned context's cancel takes a cause (Go's
     * {@code WithCancelCause}, CX07).
     *
     * @throws NullPointerException "cannot create context from nil parent"
     */
    static CancelCauseContext withCancelCause(Context parent) {
        return CancelCtx.withCancelCause(parent);
    }

    /**
     * Returns a child of {@code parent} that is also done, with {@link #DEADLINE_EXCEEDED}, once
     * {@code deadline} has passed on the library clock (Go's {@code WithDeadline}, CX08). If the parent's
     * deadline is earlier, the result is a {@link #withCancel} child reporting the parent's deadline. A
     * deadline that has already passed gives a context that is done at once. Cancelling it first gives
     * {@link #CANCELED} and stops the timer. Its {@code toString()} is
     * {@code "<parent>.WithDeadline(<deadline> [<time left>])"}.
     *
     * @throws NullPointerException if parent ("cannot create context from nil parent") or deadline is null
     */
    static CancelContext withDeadline(Context parent, Instant deadline) {
        return TimerCtx.withDeadline(parent, deadline, null);
    }

    /**
     * Like {@link #withDeadline}, but when the deadline passes the context's {@link #cause()} is
     * {@code cause} (Go's {@code WithDeadlineCause}, CX09). The returned cancel sets no cause.
     */
    static CancelContext withDeadlineCause(Context parent, Instant deadline, Throwable cause) {
        return TimerCtx.withDeadline(parent, deadline, cause);
    }

    /**
     * Same as {@code withDeadline(parent, now + timeout)}, with {@code now} read from the library clock
     * (Go's {@code WithTimeout}, CX09). A zero or negative timeout gives a context that is done at once.
     *
     * @throws NullPointerException if parent ("cannot create context from nil parent") or timeout is null
     */
    static CancelContext withTimeout(Context parent, Duration timeout) {
        return TimerCtx.withTimeout(parent, timeout, null);
    }

    /**
     * Like {@link #withTimeout}, but when the time is up the context's {@link #cause()} is {@code cause}
     * (Go's {@code WithTimeoutCause}, CX09). The returned cancel sets no cause.
     */
    static CancelContext withTimeoutCause(Context parent, Duration timeout, Throwable cause) {
        return TimerCtx.withTimeout(parent, timeout, cause);
    }

    /**
     * Returns a child of {@code parent} in which {@code value(key)} is {@code val}; other keys are looked
     * up in the parent (Go's {@code WithValue}, CX10). A {@code null} val is allowed and hides an outer
     * binding of the key. Its {@code toString()} is {@code "<parent>.WithValue(<key>, <val>)"}.
     *
     * @throws NullPointerException "cannot create context from nil parent", or "nil key"
     */
    static Context withValue(Context parent, Object key, Object val) {
        return new ValueCtx(parent, key, val);
    }

    /**
     * Returns a child of {@code parent} that keeps its values but is never cancelled: no deadline,
     * {@code done()} null, {@code err()} and {@code cause()} null, even after the parent is done (Go's
     * {@code WithoutCancel}, CX11). Its {@code toString()} is {@code "<parent>.WithoutCancel"}.
     *
     * @throws NullPointerException "cannot create context from nil parent"
     */
    static Context withoutCancel(Context parent) {
        return new WithoutCancelCtx(parent);
    }

    /**
     * Arranges for {@code f} to run in its own goroutine ({@link Go#go}) once {@code ctx} is done, or at
     * once if it already is (Go's {@code AfterFunc}, CX12). Several registrations on one context are
     * independent. Cancellation never waits for {@code f}.
     *
     * @return a stop function: {@link Stop#stop()} unregisters {@code f} and returns true if that kept it
     *         from starting; false if {@code f} has already been started or stopped
     * @throws NullPointerException if ctx or f is null
     */
    static Stop afterFunc(Context ctx, Go.Task f) {
        return AfterFuncCtx.register(ctx, f);
    }

    // ---------------------------------------------------------------------------------------------
    // Nested types
    // ---------------------------------------------------------------------------------------------

    /** The stop function returned by {@link #afterFunc}: Go's {@code stop func() bool}. */
    @FunctionalInterface
    interface Stop {
        /**
         * Stops the associated function from running. Returns true if this call stopped it; false if it
         * has already been started or already stopped. Does not wait for a started function to finish.
         */
        boolean stop();
    }

    /**
     * A user-implemented context that can run a callback when it is done: the optional
     * {@code AfterFunc(func()) func() bool} method of Go's custom contexts. A child made from such a
     * parent registers its cancellation here instead of starting a watcher goroutine (CX06).
     */
    interface AfterFuncer extends Context {
        /**
         * Arranges for {@code f} to run (on any thread, at most once) after this context is done, or soon
         * if it already is; {@code f} is short and does not block.
         *
         * @return a stop function that unregisters {@code f}; true if it kept {@code f} from running
         */
        Stop afterFunc(Runnable f);
    }
}
