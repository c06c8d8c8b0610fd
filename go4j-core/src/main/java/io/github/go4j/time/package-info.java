/**
 * Go's {@code time} package: sleeping, timers, tickers and {@code after}, with Go 1.23 semantics, all on
 * the library clock so that tests can run them on virtual time.
 */
package io.github.go4j.time;
