/**
 * Go's {@code context} package: cancellation, deadlines and request-scoped values that flow down a
 * tree of contexts. Start from {@link io.github.go4j.context.Context#background()}; derive children
 * with {@code withCancel}, {@code withTimeout}, {@code withDeadline}, {@code withValue}; watch
 * {@code ctx.done()} in a select. See {@link io.github.go4j.context.Context} and
 * {@code docs/context.md} for the mapping from Go.
 */
package io.github.go4j.context;
