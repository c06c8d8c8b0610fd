/**
 * Goroutine leak checks for tests: Uber's {@code goleak} for go4j. {@link io.github.go4j.goleak.GoLeak}
 * checks programmatically; {@link io.github.go4j.goleak.VerifyNoLeaks} checks after every JUnit 5 test.
 */
package io.github.go4j.goleak;
