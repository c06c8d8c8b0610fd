package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.sync.Mutex;
import io.github.go4j.sync.WaitGroup;

/** Pitfall 2: a data race on an unprotected counter, and the fix with a mutex. */
public final class Race extends Program {

    /** The program, run in {@code env}. */
    public Race(Env env) {
        super(env);
    }

    // ❌ WRONG: Race condition
    static final class UnsafeCounter {
        int value;

        void increment() {
            value++; // Race condition!
        }

        int value() {
            return value;
        }
    }

    // ✅ CORRECT: Thread-safe with mutex
    static final class SafeCounter {
        final Mutex mu = new Mutex();
        int value;

        void increment() {
            mu.lock();
            value++;
            mu.unlock();
        }

        int value() {
            mu.lock();
            try { // defer c.mu.Unlock()
                return value;
            } finally {
                mu.unlock();
            }
        }
    }

    @Override
    public void main() throws Exception {
        println("=== Race Condition Demo ===");

        // Unsafe counter
        var unsafeCounter = new UnsafeCounter();
        var wg1 = new WaitGroup();

        for (int i = 0; i < 1000; i++) {
            wg1.add(1);
            Go.go(() -> {
                try {
                    unsafeCounter.increment();
                } finally {
                    wg1.done();
                }
            });
        }

        wg1.await();
        printf("Unsafe counter (expected 1000): %d\n", unsafeCounter.value());

        // Safe counter
        var safeCounter = new SafeCounter();
        var wg2 = new WaitGroup();

        for (int i = 0; i < 1000; i++) {
            wg2.add(1);
            Go.go(() -> {
                try {
                    safeCounter.increment();
                } finally {
                    wg2.done();
                }
            });
        }

        wg2.await();
        printf("Safe counter (expected 1000): %d\n", safeCounter.value());
    }
}
