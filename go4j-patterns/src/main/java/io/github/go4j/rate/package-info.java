/**
 * Token-bucket rate limiting: Go's {@code golang.org/x/time/rate} ({@link io.github.go4j.rate.Limiter},
 * {@link io.github.go4j.rate.Limit}, {@link io.github.go4j.rate.Reservation}), with exact integer
 * nanosecond arithmetic on the go4j clock. Checklist IDs RT01-RT10.
 */
package io.github.go4j.rate;
