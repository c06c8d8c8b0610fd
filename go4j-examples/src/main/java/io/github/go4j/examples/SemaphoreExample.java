package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Time;

/** Pattern 3: a buffered channel as a counting semaphore: six workers, at most three at a time. */
public final class SemaphoreExample extends Program {

    /** The program, run in {@code env}. */
    public SemaphoreExample(Env env) {
        super(env);
    }

    // Semaphore limits concurrent access to a resource (Go: type Semaphore chan struct{})
    record Semaphore(Channel<Struct> ch) {
        void acquire() throws InterruptedException {
            ch.send(new Struct());
        }

        void release() throws InterruptedException {
            ch.receive();
        }
    }

    static Semaphore newSemaphore(int maxConcurrency) {
        return new Semaphore(Channel.make(maxConcurrency));
    }

    void worker(int id, Semaphore sem, WaitGroup wg) throws InterruptedException {
        try { // defer wg.Done()
            printf("Worker %d waiting for semaphore...\n", id);
            sem.acquire();
            try { // defer sem.Release()
                printf("Worker %d acquired semaphore, starting work\n", id);

                // Simulate work
                Time.sleep(seconds(1));

                printf("Worker %d finished work, releasing semaphore\n", id);
            } finally {
                sem.release();
            }
        } finally {
            wg.done();
        }
    }

    @Override
    public void main() throws Exception {
        println("=== Semaphore Pattern Demo ===");
        println("Max concurrent workers: 3");
        println("Total workers: 6");
        println();

        // Create semaphore allowing 3 concurrent workers
        var sem = newSemaphore(3);

        var wg = new WaitGroup();

        // Start 6 workers, but only 3 can run concurrently
        for (int i = 1; i <= 6; i++) {
            wg.add(1);
            int id = i;
            Go.go(() -> worker(id, sem, wg));
            Time.sleep(ms(100));
        }

        wg.await();
        println("\nAll workers completed");
    }
}
