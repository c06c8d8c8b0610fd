package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.sync.Mutex;
import io.github.go4j.sync.RWMutex;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Time;
import java.util.HashMap;
import java.util.Map;

/** sync.Mutex (a counter) and sync.RWMutex (a read-mostly cache). */
public final class MutexExample extends Program {

    /** The program, run in {@code env}. */
    public MutexExample(Env env) {
        super(env);
    }

    // Counter with mutex protection
    static final class Counter {
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

    // Cache with RWMutex for read-heavy workloads
    static final class Cache {
        final RWMutex mu = new RWMutex();
        final Map<String, String> data;

        Cache() {
            this.data = new HashMap<>();
        }

        // Go returns (string, bool); here null means "not found" (ok == false).
        String get(String key) {
            mu.rLock(); // Multiple readers can acquire this simultaneously
            try {
                return data.get(key);
            } finally {
                mu.rUnlock();
            }
        }

        void set(String key, String value) {
            mu.lock(); // Exclusive lock for writing
            try {
                data.put(key, value);
            } finally {
                mu.unlock();
            }
        }
    }

    @Override
    public void main() throws Exception {
        println("=== Mutex Demo ===");
        var counter = new Counter();
        var wg = new WaitGroup();

        // 10 goroutines incrementing concurrently
        for (int i = 0; i < 10; i++) {
            wg.add(1);
            int id = i;
            Go.go(() -> {
                try {
                    for (int j = 0; j < 100; j++) {
                        counter.increment();
                    }
                    printf("Goroutine %d completed\n", id);
                } finally {
                    wg.done();
                }
            });
        }

        wg.await();
        printf("Final counter value: %d (expected: 1000)\n\n", counter.value());

        // RWMutex demo
        println("=== RWMutex Cache Demo ===");
        var cache = new Cache();

        // Writer goroutine
        Go.go(() -> {
            for (int i = 0; i < 5; i++) {
                cache.set(sprintf("key%d", i), sprintf("value%d", i));
                printf("Writer: Set key%d\n", i);
                Time.sleep(ms(100));
            }
        });

        // Multiple reader goroutines
        for (int i = 0; i < 3; i++) {
            int id = i;
            Go.go(() -> {
                for (int j = 0; j < 5; j++) {
                    String val = cache.get(sprintf("key%d", j));
                    if (val != null) {
                        printf("Reader %d: Got key%d=%s\n", id, j, val);
                    }
                    Time.sleep(ms(50));
                }
            });
        }

        Time.sleep(seconds(1));
    }
}
