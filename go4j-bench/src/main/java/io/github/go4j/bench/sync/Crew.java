package io.github.go4j.bench.sync;

import io.github.go4j.Go;
import java.util.concurrent.atomic.AtomicReference;

/** Runs one body on n virtual threads at once (go4j goroutines or plain virtual threads) and joins them. */
final class Crew {
    interface Body {
        void run() throws Exception;
    }

    private Crew() {}

    static void run(boolean goroutines, int n, Body body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable r = () -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            threads[i] = goroutines ? Go.go(r::run) : Thread.ofVirtual().start(r);
        }
        for (Thread t : threads) {
            t.join();
        }
        Throwable t = failure.get();
        if (t != null) {
            throw new IllegalStateException("a benchmark thread failed", t);
        }
    }
}
