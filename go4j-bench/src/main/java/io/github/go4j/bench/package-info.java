/** JMH benchmarks of go4j's channels side by side with jox, kotlinx-coroutines and java.util.concurrent; see docs/performance.md. */
package io.github.go4j.bench;
