package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.sync.Cond;
import io.github.go4j.sync.Mutex;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Time;
import java.util.ArrayList;
import java.util.List;

/** sync.Cond: three consumers wait on a condition variable for a producer's nine items. */
public final class CondExample extends Program {

    /** The program, run in {@code env}. */
    public CondExample(Env env) {
        super(env);
    }

    final class Queue {
        final List<Integer> items = new ArrayList<>();
        final Mutex mu = new Mutex();
        final Cond cond;

        Queue() {
            this.cond = new Cond(mu);
        }

        void enqueue(int item) {
            mu.lock();
            items.add(item);
            printf("Enqueued: %d (queue size: %d)\n", item, items.size());
            cond.signal(); // Wake up one waiting goroutine
            mu.unlock();
        }

        int dequeue() throws InterruptedException {
            mu.lock();
            try { // defer q.mu.Unlock()
                // Wait until items are available
                while (items.isEmpty()) {
                    println("Queue empty, waiting...");
                    cond.await(); // Releases lock and waits
                }

                int item = items.remove(0);
                printf("Dequeued: %d (queue size: %d)\n", item, items.size());
                return item;
            } finally {
                mu.unlock();
            }
        }
    }

    @Override
    public void main() throws Exception {
        var queue = new Queue();
        var wg = new WaitGroup();

        // Consumer goroutines
        for (int i = 1; i <= 3; i++) {
            wg.add(1);
            int id = i;
            Go.go(() -> {
                try {
                    for (int j = 0; j < 3; j++) {
                        int item = queue.dequeue();
                        printf("Consumer %d processed: %d\n", id, item);
                        Time.sleep(ms(100));
                    }
                } finally {
                    wg.done();
                }
            });
        }

        // Producer goroutine
        Go.go(() -> {
            for (int i = 1; i <= 9; i++) {
                Time.sleep(ms(50));
                queue.enqueue(i);
            }
        });

        wg.await();
        println("All items processed");
    }
}
