/** Helpers shared by the pattern packages; not part of the API. */
package io.github.go4j.patterns.internal;
