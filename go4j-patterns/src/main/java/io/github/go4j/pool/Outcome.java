package io.github.go4j.pool;

/**
 * Outcome is how one accepted job of a {@link Pool} ended.
 *
 * {@snippet :
 * for (Outcome<String, Integer> o : pool.results()) {
 *     switch (o.status()) {
 *         case DONE -> total += o.value();
 *         case FAILED -> log(o.job() + " failed: " + o.error());
 *         case CANCELLED -> retryLater(o.job());
 *     }
 * }
 * }
 *
 * @param job    the job
 * @param value  the worker's result if DONE (may be null), else null
 * @param error  the worker's exception if FAILED, the context's err if CANCELLED, else null
 * @param worker the index of the worker that handled it
 * @param status how it ended
 */
public record Outcome<J, R>(J job, R value, Throwable error, int worker, Status status) {

    /** How a job ended. */
    public enum Status {
        /** The worker returned a value. */
        DONE,
        /** The worker threw; {@link Outcome#error()} is what it threw. */
        FAILED,
        /** The pool was cancelled before the job started; it did not run. */
        CANCELLED
    }
}
