package io.github.go4j.sync;


import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("lincheck")
class MutexLincheckTest {

    @Test
    void smoke() {
        Lincheck.runConcurrentTest(50, () -> {
            Mutex m = new Mutex();
            int[] c = {0};
            Thread t1 = new Thread(() -> { m.lock(); c[0]++; m.unlock(); });
            Thread t2 = new Thread(() -> { m.lock(); c[0]++; m.unlock(); });
            t1.start(); t2.start();
            try { t1.join(); t2.join(); } catch (InterruptedException e) { throw new RuntimeException(e); }
            if (c[0] != 2) throw new AssertionError(c[0]);
        });
    }
}
