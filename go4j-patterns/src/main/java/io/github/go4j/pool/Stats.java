package io.github.go4j.pool;

import java.util.Arrays;

/**
 * Stats is a snapshot of a {@link Pool}'s counters; each is read atomically, the set is not (the
 * counters move while they are read).
 *
 * {@snippet :
 * Stats s = pool.stats();
 * log("queued=%d running=%d done=%d failed=%d %.1f jobs/s", s.queued(), s.running(), s.done(), s.failed(),
 *         s.throughput());
 * }
 *
 * @param perWorker  jobs finished (done or failed) by each worker
 * @param submitted  jobs accepted
 * @param queued     jobs waiting in the queue
 * @param running    jobs being processed
 * @param done       jobs that returned a value
 * @param failed     jobs that threw
 * @param cancelled  jobs taken from the queue after cancellation, reported as CANCELLED outcomes
 * @param notRun     jobs returned by shutdown as not run
 * @param throughput finished jobs per second since the pool started, on the go4j clock
 */
public record Stats(long[] perWorker, long submitted, int queued, int running, long done, long failed,
        long cancelled, long notRun, double throughput) {

    /** A defensive copy of the per-worker counts. */
    @Override
    public long[] perWorker() {
        return perWorker.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stats s && Arrays.equals(perWorker, s.perWorker) && submitted == s.submitted
                && queued == s.queued && running == s.running && done == s.done && failed == s.failed
                && cancelled == s.cancelled && notRun == s.notRun && Double.compare(throughput, s.throughput) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(perWorker) * 31 + Long.hashCode(submitted + done + failed);
    }

    @Override
    public String toString() {
        return "Stats[perWorker=" + Arrays.toString(perWorker) + ", submitted=" + submitted + ", queued=" + queued
                + ", running=" + running + ", done=" + done + ", failed=" + failed + ", cancelled=" + cancelled
                + ", notRun=" + notRun + ", throughput=" + throughput + "]";
    }
}
