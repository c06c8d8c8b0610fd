package io.github.go4j.runtime;

import io.github.go4j.Go;
import io.github.go4j.sync.Mutex;

/**
 * A partial deadlock, run in a child JVM by {@link PartialDeadlockTest}: a goroutine locks a Mutex it
 * holds while main waits for it in {@code Thread.join}, which go4j does not see (so the whole program
 * is not "asleep"; only the cycle of one is).
 */
public final class PartialDeadlockMain {

    private PartialDeadlockMain() {}

    public static void main(String[] args) throws InterruptedException {
        Mutex mu = new Mutex();
        Thread t = Go.go(() -> {
            mu.lock();
            mu.lock();
        });
        t.join();
        System.out.println("unreachable");
    }
}
