/**
 * Duplicate call suppression: Go's {@code golang.org/x/sync/singleflight}
 * ({@link io.github.go4j.singleflight.SingleFlight}). Checklist IDs XS10-XS12.
 */
package io.github.go4j.singleflight;
