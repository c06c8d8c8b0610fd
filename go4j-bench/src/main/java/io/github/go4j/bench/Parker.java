package io.github.go4j.bench;

import java.util.concurrent.locks.LockSupport;
import kotlin.ResultKt;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlin.coroutines.intrinsics.IntrinsicsKt;

/**
 * A kotlin {@link Continuation} that lets a (virtual) thread call a kotlinx suspend function directly, without
 * {@code runBlocking} or any dispatcher: the caller passes a fresh Parker as the continuation; when the call
 * returns {@code COROUTINE_SUSPENDED} the caller parks until kotlinx resumes it ({@link #resumeWith} unparks).
 * Since the context has no dispatcher, kotlinx resumes the continuation on the resuming thread, which only
 * unparks the waiter: what is measured is kotlinx's channel algorithm plus a park/unpark, as for the peers.
 */
final class Parker implements Continuation<Object> {
    private static final Object SUSPENDED = IntrinsicsKt.getCOROUTINE_SUSPENDED();

    private final Thread waiter = Thread.currentThread();
    private volatile boolean done;
    private Object result;

    @Override
    public CoroutineContext getContext() {
        return EmptyCoroutineContext.INSTANCE;
    }

    @Override
    public void resumeWith(Object result) {
        this.result = result;
        done = true;
        LockSupport.unpark(waiter);
    }

    /** Completes a suspend call: returns {@code r} unless it is COROUTINE_SUSPENDED, else parks for the result. */
    Object await(Object r) {
        if (r != SUSPENDED) {
            return r;
        }
        while (!done) {
            LockSupport.park(this);
        }
        ResultKt.throwOnFailure(result);
        return result;
    }
}
