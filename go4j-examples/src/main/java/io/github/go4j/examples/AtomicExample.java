package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.sync.WaitGroup;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** sync/atomic, which is java.util.concurrent.atomic in Java: a lock-free counter and compare-and-swap. */
public final class AtomicExample extends Program {

    /** The program, run in {@code env}. */
    public AtomicExample(Env env) {
        super(env);
    }

    static final class AtomicCounter {
        final AtomicLong value = new AtomicLong(); // Go: value int64, used through atomic.*Int64

        void increment() {
            value.addAndGet(1); // atomic.AddInt64(&c.value, 1)
        }

        long value() {
            return value.get(); // atomic.LoadInt64(&c.value)
        }
    }

    @Override
    public void main() throws Exception {
        var counter = new AtomicCounter();
        var wg = new WaitGroup();

        // 100 goroutines incrementing 1000 times each
        for (int i = 0; i < 100; i++) {
            wg.add(1);
            Go.go(() -> {
                try {
                    for (int j = 0; j < 1000; j++) {
                        counter.increment();
                    }
                } finally {
                    wg.done();
                }
            });
        }

        wg.await();
        printf("Final atomic counter: %d (expected: 100000)\n", counter.value());

        // Compare-and-swap example
        var flag = new AtomicInteger(); // var flag int32
        boolean success = flag.compareAndSet(0, 1); // atomic.CompareAndSwapInt32(&flag, 0, 1)
        printf("\nCAS from 0 to 1: %v (flag is now %d)\n", success, flag.get());

        success = flag.compareAndSet(0, 2);
        printf("CAS from 0 to 2: %v (flag is still %d)\n", success, flag.get());
    }
}
