/**
 * The runtime shared by every primitive: goroutine records, wait reasons, parking, the clock. Not part
 * of the API; go4j's own modules (the test toolkit) hook into it.
 */
package io.github.go4j.internal;
