/**
 * Virtual time for tests: Go's {@code testing/synctest}. {@link io.github.go4j.synctest.SyncTest#run}
 * runs code in a bubble whose clock only moves when all of its goroutines are durably blocked;
 * {@link io.github.go4j.synctest.SyncTestVirtualTime} does the same for a JUnit 5 test method or class.
 */
package io.github.go4j.synctest;
