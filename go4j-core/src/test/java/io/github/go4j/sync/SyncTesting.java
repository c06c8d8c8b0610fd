package io.github.go4j.sync;

import io.github.go4j.Go;
import io.github.go4j.internal.G;
import io.github.go4j.internal.WaitReason;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Bounded waiting for the sync tests: nothing here sleeps "long enough". */
final class SyncTesting {

    /** Generous bound for anything that must happen; the machine is slow and shared. */
    static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private SyncTesting() {}

    /** Waits (bounded) until goroutine thread {@code t} is parked with wait reason {@code r}. */
    static void awaitWaitReason(Thread t, WaitReason r) {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        for (;;) {
            for (G g : G.live()) {
                if (g.thread() == t && g.waitReason() == r) {
                    return;
                }
            }
            if (!t.isAlive()) {
                throw new AssertionError("goroutine ended instead of blocking in " + r);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("goroutine did not block in " + r + " within the limit");
            }
            LockSupport.parkNanos(50_000);
        }
    }

    /** The wait reason of goroutine thread {@code t} now, or null if it runs (or ended). */
    static WaitReason waitReasonOf(Thread t) {
        for (G g : G.live()) {
            if (g.thread() == t) {
                return g.waitReason();
            }
        }
        return null;
    }

    /** Joins {@code t}, failing if it does not end within the limit (a deadlock, a lost wake-up). */
    static void join(Thread t) throws InterruptedException {
        if (!t.join(Duration.ofNanos(LIMIT_NANOS))) {
            throw new AssertionError("goroutine still running after the limit: " + t + " " + waitReasonOf(t));
        }
    }

    /** Starts a goroutine whose failures are rethrown by {@link Task#join()}. */
    static Task go(Go.Task body) {
        Task task = new Task();
        task.thread = Go.go(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                task.failure = e;
            }
        });
        return task;
    }

    /** A goroutine started by {@link #go}. */
    static final class Task {
        volatile Thread thread;
        volatile Throwable failure;

        /** Joins (bounded) and rethrows what the body threw. */
        void join() throws Exception {
            SyncTesting.join(thread);
            Throwable f = failure;
            if (f instanceof Exception e) {
                throw e;
            }
            if (f instanceof Error e) {
                throw e;
            }
        }

        void awaitBlocked(WaitReason r) {
            awaitWaitReason(thread, r);
        }
    }
}
