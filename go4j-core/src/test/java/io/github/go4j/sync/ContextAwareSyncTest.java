package io.github.go4j.sync;

import static io.github.go4j.sync.SyncTesting.go;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.context.CancelContext;
import io.github.go4j.context.Context;
import io.github.go4j.context.ContextException;
import io.github.go4j.internal.WaitReason;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Context-aware overloads: Mutex.lock(ctx) and WaitGroup.await(ctx) (issue 3, context section). */
class ContextAwareSyncTest {

    @Test
    @DisplayName("Mutex.lock(ctx): cancelling the context ends the wait with Canceled; no ghost waiter")
    void mutexLockCancelled() throws Exception {
        Mutex mu = new Mutex();
        mu.lock();
        CancelContext ctx = Context.withCancel(Context.background());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        SyncTesting.Task t = go(() -> {
            try {
                mu.lock(ctx);
                mu.unlock();
            } catch (ContextException e) {
                thrown.set(e);
            }
        });
        t.awaitBlocked(WaitReason.MUTEX_LOCK);
        ctx.cancel();
        t.join();
        assertThat(thrown.get()).isSameAs(Context.CANCELED);
        assertThat(mu.toString()).isEqualTo("Mutex[locked]");
        mu.unlock();
        assertThat(mu.toString()).isEqualTo("Mutex[unlocked]");
    }

    @Test
    @DisplayName("Mutex.lock(ctx): a deadline ends the wait with DeadlineExceeded")
    void mutexLockDeadline() throws Exception {
        Mutex mu = new Mutex();
        mu.lock();
        try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(20))) {
            assertThatThrownBy(() -> mu.lock(ctx)).isSameAs(Context.DEADLINE_EXCEEDED);
        }
        mu.unlock();
        assertThat(mu.tryLock()).isTrue();
        mu.unlock();
    }

    @Test
    @DisplayName("Mutex.lock(ctx): a done context throws at once even if the Mutex is free; Background is lock()")
    void mutexLockDoneAndBackground() throws Exception {
        Mutex mu = new Mutex();
        CancelContext ctx = Context.withCancel(Context.background());
        ctx.cancel();
        assertThatThrownBy(() -> mu.lock(ctx)).isSameAs(Context.CANCELED);
        assertThat(mu.isLocked()).isFalse();
        mu.lock(Context.background());
        assertThat(mu.isLocked()).isTrue();
        SyncTesting.Task t = go(() -> {
            mu.lock(Context.background());
            mu.unlock();
        });
        t.awaitBlocked(WaitReason.MUTEX_LOCK);
        mu.unlock();
        t.join();
        CancelContext live = Context.withCancel(Context.background());
        mu.lock(live); // granted while the context is live
        mu.unlock();
        live.cancel();
    }

    @Test
    @DisplayName("WaitGroup.await(ctx): cancel -> Canceled and the waiter no longer counts; zero counter returns")
    void waitGroupAwaitCancelled() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        CancelContext ctx = Context.withCancel(Context.background());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        SyncTesting.Task t = go(() -> {
            try {
                wg.await(ctx);
            } catch (ContextException e) {
                thrown.set(e);
            }
        });
        t.awaitBlocked(WaitReason.WAITGROUP_WAIT);
        ctx.cancel();
        t.join();
        assertThat(thrown.get()).isSameAs(Context.CANCELED);
        assertThat(wg.toString()).isEqualTo("WaitGroup[counter=1, waiters=0]");
        assertThatThrownBy(() -> wg.await(ctx)).isSameAs(Context.CANCELED);
        wg.done();
        wg.await(Context.background());
        CancelContext live = Context.withCancel(Context.background());
        wg.add(1);
        SyncTesting.Task t2 = go(() -> wg.await(live));
        t2.awaitBlocked(WaitReason.WAITGROUP_WAIT);
        wg.done();
        t2.join();
        live.cancel();
    }

    @Test
    @DisplayName("WaitGroup.await(ctx): a deadline ends the wait with DeadlineExceeded")
    void waitGroupAwaitDeadline() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(20))) {
            assertThatThrownBy(() -> wg.await(ctx)).isSameAs(Context.DEADLINE_EXCEEDED);
        }
        assertThat(wg.toString()).isEqualTo("WaitGroup[counter=1, waiters=0]");
    }
}
