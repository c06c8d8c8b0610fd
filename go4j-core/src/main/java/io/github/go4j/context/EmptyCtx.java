package io.github.go4j.context;

/** The roots: Go's backgroundCtx and todoCtx. Never done, no deadline, no values (CX01). */
enum EmptyCtx implements NeverDone {
    /** {@link Context#background()}. */
    BACKGROUND("context.Background"),
    /** {@link Context#todo()}. */
    TODO("context.TODO");

    private final String name;

    EmptyCtx(String name) {
        this.name = name;
    }

    @Override
    public Object value(Object key) {
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
