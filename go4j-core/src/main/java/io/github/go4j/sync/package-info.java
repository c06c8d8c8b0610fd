/**
 * Go's {@code sync}: {@link io.github.go4j.sync.WaitGroup}, {@link io.github.go4j.sync.Mutex},
 * {@link io.github.go4j.sync.RWMutex}, {@link io.github.go4j.sync.Once} (with Go 1.21's
 * {@code OnceFunc}/{@code OnceValue}/{@code OnceValues}) and {@link io.github.go4j.sync.Cond}, with
 * Go's semantics: locks that are neither reentrant nor owned, starvation-proof mutex hand-off,
 * writer-preferring reader/writer locks, and condition variables without spurious wake-ups.
 *
 * <p>Go's {@code sync.Map}, {@code sync.Pool} and {@code sync/atomic} have no classes here: use
 * {@link java.util.concurrent.ConcurrentHashMap} and {@link java.util.concurrent.atomic}; the method
 * by method mapping is in {@code docs/sync.md}.
 *
 * <p>Misuse fails loudly with Go's message: {@link java.lang.IllegalStateException} for Go's
 * recoverable panics ({@code "sync: negative WaitGroup counter"}), {@link io.github.go4j.sync.SyncFatalError}
 * for Go's fatal errors ({@code "fatal error: sync: unlock of unlocked mutex"}).
 */
package io.github.go4j.sync;
