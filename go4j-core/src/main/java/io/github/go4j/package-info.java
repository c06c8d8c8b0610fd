/**
 * go4j: Go's concurrency model for Java, on virtual threads. {@link io.github.go4j.Go} starts
 * goroutines; the subpackages mirror Go's packages.
 */
package io.github.go4j;
