/**
 * go4j: Go's concurrency model for Java, on virtual threads. Goroutines ({@link io.github.go4j.Go}),
 * channels and select ({@code io.github.go4j.chan}), {@code sync}, {@code context} and {@code time}.
 */
@SuppressWarnings("module") // go4j-test is built after go4j-core: javac cannot see it here
module io.github.go4j {
    exports io.github.go4j;
    exports io.github.go4j.chan;
    exports io.github.go4j.context;
    exports io.github.go4j.sync;
    exports io.github.go4j.time;
    // Optional: a JFR event and an MBean for live goroutine dumps, used only when present (ADR 0049).
    requires static jdk.jfr;
    requires static java.management;
    // io.github.go4j.internal is not exported: the runtime's hooks are go4j's own business, and
    // go4j-test's (an automatic module on the module path; docs/testing.md).
    exports io.github.go4j.internal to io.github.go4j.test, io.github.go4j.patterns;
}
