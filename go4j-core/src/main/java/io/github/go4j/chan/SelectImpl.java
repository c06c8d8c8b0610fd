package io.github.go4j.chan;

/** The select algorithm. STUB: replaced by the real implementation. */
final class SelectImpl {
    private SelectImpl() {}

    static <R> R select(Select.Clause<? extends R>[] clauses) throws InterruptedException {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
