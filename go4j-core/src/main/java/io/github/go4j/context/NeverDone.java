package io.github.go4j.context;

import io.github.go4j.chan.ReceiveChannel;
import java.time.Instant;
import java.util.Optional;

/**
 * What this package's contexts that can never be done share: no done channel, so {@code err()} and
 * {@code cause()} stay {@code null}, and no deadline. The roots ({@link EmptyCtx}, CX01) and
 * {@link WithoutCancelCtx} (CX11); they differ only in their values and names.
 */
interface NeverDone extends Context {

    @Override
    default ReceiveChannel<Void> done() {
        return null;
    }

    @Override
    default ContextException err() {
        return null;
    }

    @Override
    default Throwable cause() {
        return null;
    }

    @Override
    default Optional<Instant> deadline() {
        return Optional.empty();
    }
}
