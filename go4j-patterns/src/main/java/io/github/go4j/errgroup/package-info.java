/**
 * Goroutine groups with first-error collection and cancellation: Go's {@code golang.org/x/sync/errgroup}
 * ({@link io.github.go4j.errgroup.ErrGroup}). Checklist IDs XS01-XS04.
 */
package io.github.go4j.errgroup;
