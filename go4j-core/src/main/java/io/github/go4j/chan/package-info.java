/**
 * Channels and select: Go's {@code chan} types and {@code select} statement.
 */
package io.github.go4j.chan;
