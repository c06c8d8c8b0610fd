/**
 * A weighted, strictly FIFO, context-aware semaphore: Go's {@code golang.org/x/sync/semaphore}
 * ({@link io.github.go4j.semaphore.Weighted}). Checklist IDs XS05-XS09.
 */
package io.github.go4j.semaphore;
