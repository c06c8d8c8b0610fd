package io.github.go4j.bench;

import io.github.go4j.Go;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Starts a group of virtual threads (with Go.go for go4j, Thread.ofVirtual for the peers) and joins them. */
final class Team {
    interface Body {
        void run() throws Exception;
    }

    private final boolean go4j;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Team(String impl) {
        this.go4j = impl.equals("go4j");
    }

    void go(Body body) {
        Runnable r = () -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        threads.add(go4j ? Go.go(r::run) : Thread.ofVirtual().start(r));
    }

    /**
     * One thread sends {@code n} messages into {@code in}, another receives {@code n} from {@code out}
     * (the same channel, or the two ends of a chain), and both are joined: the shape of pingpong, spsc
     * and chain.
     */
    void sendAndReceive(BenchChannel in, BenchChannel out, int n) throws InterruptedException {
        go(() -> {
            for (int i = 0; i < n; i++) {
                in.send(BenchChannel.MSG);
            }
        });
        go(() -> {
            for (int i = 0; i < n; i++) {
                out.receive();
            }
        });
        join();
    }

    /** Joins every thread started so far; rethrows the first failure. */
    void join() throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
        threads.clear();
        Throwable t = failure.getAndSet(null);
        if (t != null) {
            throw new IllegalStateException("a benchmark thread failed", t);
        }
    }
}
