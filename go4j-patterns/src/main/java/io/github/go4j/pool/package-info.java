/**
 * A worker pool with a bounded queue, backpressure, per-job outcomes, graceful shutdown and live
 * statistics ({@link io.github.go4j.pool.Pool}): the seed's worker-pool pattern made reusable.
 */
package io.github.go4j.pool;
