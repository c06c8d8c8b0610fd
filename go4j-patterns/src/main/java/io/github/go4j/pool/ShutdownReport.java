package io.github.go4j.pool;

import java.util.List;

/**
 * ShutdownReport is what {@link Pool#shutdown} did.
 *
 * {@snippet :
 * ShutdownReport<Job> r = pool.shutdown(Duration.ofSeconds(5));
 * if (!r.graceful()) {
 *     requeue(r.notRun());
 * }
 * }
 *
 * @param graceful whether the queue drained within the timeout (nothing was cancelled)
 * @param notRun   the jobs still queued when the timeout passed; they never ran and have no outcome
 */
public record ShutdownReport<J>(boolean graceful, List<J> notRun) {}
