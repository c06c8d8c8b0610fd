package io.github.go4j.examples;

/**
 * Struct is Go's {@code struct{}}: a value that carries no data, sent on a channel only to signal
 * (a token, a shutdown). {@code new Struct()} is Go's {@code struct{}{}}; all instances are equal.
 */
public record Struct() {}
