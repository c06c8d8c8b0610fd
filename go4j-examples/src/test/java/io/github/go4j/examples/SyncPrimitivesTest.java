package io.github.go4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The tutorial's sync section: Mutex and RWMutex, Once, Cond, and sync/atomic. */
class SyncPrimitivesTest {

    @Test
    @DisplayName("mutex: 10 x 100 locked increments make 1000 (SY06); the RWMutex cache never returns a wrong value")
    void mutex() {
        TourRun r = TourRun.run(MutexExample::new);
        int total = r.indexOf("Final counter value: 1000 (expected: 1000)");
        for (int id = 0; id < 10; id++) {
            assertThat(r.indexOf("Goroutine " + id + " completed")).isLessThan(total);
        }
        assertThat(r.startingWith("Writer: Set key"))
                .containsExactlyElementsOf(IntStream.range(0, 5).mapToObj(i -> "Writer: Set key" + i).toList());
        for (String[] g : r.matches("Reader (\\d): Got key(\\d)=(.*)")) {
            assertThat(g[3]).isEqualTo("value" + g[2]);
        }
    }

    @Test
    @DisplayName("once: five goroutines, one initialization; every caller sees it done (SY12)")
    void once() {
        TourRun r = TourRun.run(OnceExample::new);
        assertThat(r.count("Initializing database (expensive operation)...")).isEqualTo(1);
        int init = r.indexOf("Initializing database (expensive operation)...");
        for (int id = 1; id <= 5; id++) {
            assertThat(r.indexOf("Goroutine " + id + ": Got database &{db://localhost:5432}")).isGreaterThan(init);
        }
        assertThat(r.lastLine()).isEqualTo("Database initialization happened exactly once");
    }

    @Test
    @DisplayName("cond: 9 items produced, each dequeued once in FIFO order, 3 per consumer (SY15)")
    void cond() {
        TourRun r = TourRun.run(CondExample::new);
        List<Integer> dequeued = r.matches("Dequeued: (\\d+) \\(queue size: \\d+\\)").stream()
                .map(g -> Integer.parseInt(g[1])).toList();
        assertThat(dequeued).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(r.startingWith("Enqueued: ")).hasSize(9);
        for (int id = 1; id <= 3; id++) {
            assertThat(r.startingWith("Consumer " + id + " processed: ")).hasSize(3);
        }
        assertThat(r.lastLine()).isEqualTo("All items processed");
    }

    @Test
    @DisplayName("atomic: 100 x 1000 atomic increments make 100000; CAS succeeds once")
    void atomic() {
        TourRun r = TourRun.run(AtomicExample::new);
        assertThat(r.lines).containsSubsequence(
                "Final atomic counter: 100000 (expected: 100000)",
                "",
                "CAS from 0 to 1: true (flag is now 1)",
                "CAS from 0 to 2: false (flag is still 1)");
    }
}
