package io.github.go4j.examples;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Tour lists the programs of the seed tutorial, in the tutorial's order: the ids that
 * {@code ./go4j run <id>} accepts, their titles and how to make each program.
 */
public final class Tour {

    private Tour() {}

    /**
     * One program of the tour.
     *
     * @param id      the command-line name, e.g. {@code worker-pool}
     * @param title   the tutorial's section, one line
     * @param factory makes the program for an environment; null while the port is pending
     */
    public record Entry(String id, String title, Function<Env, Program> factory) {

        /** Whether the program has been ported (its factory exists). */
        public boolean ported() {
            return factory != null;
        }

        /** Makes the program for {@code env}. */
        public Program make(Env env) {
            if (factory == null) {
                throw new IllegalStateException("go4j: program '" + id + "' is not ported yet");
            }
            return factory.apply(env);
        }
    }

    /** Every program, in the seed's order. */
    public static final List<Entry> PROGRAMS = List.of(
            new Entry("scheduler", "The M:N scheduler: 10,000 goroutines", Scheduler::new),
            new Entry("channels", "Unbuffered vs buffered channels, channel directions", Channels::new),
            new Entry("broadcast-shutdown", "Pattern: broadcast a shutdown signal by closing a channel",
                    BroadcastShutdown::new),
            new Entry("workers", "Example 1: goroutines, channels and a WaitGroup", Workers::new),
            new Entry("select", "Example 2: select over several channels, with a timeout", SelectExample::new),
            new Entry("pipeline", "Example 3: a pipeline of stages", Pipeline::new),
            new Entry("worker-pool", "Example 4: a worker pool with context", WorkerPool::new),
            new Entry("fan-out-fan-in", "Example 5: fan-out, fan-in", FanOutFanIn::new),
            new Entry("mutex", "sync.Mutex and sync.RWMutex", MutexExample::new),
            new Entry("once", "sync.Once: run exactly once", OnceExample::new),
            new Entry("cond", "sync.Cond: condition variables", CondExample::new),
            new Entry("atomic", "sync/atomic: lock-free counters and compare-and-swap", AtomicExample::new),
            new Entry("timeout", "Pattern 1: timeout and cancellation", Timeout::new),
            new Entry("rate-limit", "Pattern 2: rate limiting (ticker, token bucket)", RateLimit::new),
            new Entry("semaphore", "Pattern 3: a semaphore to limit concurrency", SemaphoreExample::new),
            new Entry("leak", "Pitfall 1: goroutine leaks", Leak::new),
            new Entry("race", "Pitfall 2: race conditions", Race::new),
            new Entry("deadlock", "Pitfall 3: deadlocks", Deadlock::new),
            new Entry("exercise-1", "Exercise 1: concurrent number processing", Exercise1::new),
            new Entry("exercise-2", "Exercise 2: producer-consumer pipeline", Exercise2::new),
            new Entry("exercise-3", "Exercise 3: worker pool with dynamic jobs", Exercise3::new),
            new Entry("exercise-4", "Exercise 4: context-aware operations", Exercise4::new),
            new Entry("exercise-5", "Exercise 5: message broker (pub-sub)", Exercise5::new));

    /** The entry named {@code id}, if any. */
    public static Optional<Entry> find(String id) {
        return PROGRAMS.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The valid ids, comma separated, in order. */
    public static String ids() {
        return PROGRAMS.stream().map(Entry::id).collect(Collectors.joining(", "));
    }
}
