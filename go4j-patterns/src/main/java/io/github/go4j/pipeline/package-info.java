/**
 * Channel pipelines with cancellation, fan-out and fan-in ({@link io.github.go4j.pipeline.Pipeline}).
 */
package io.github.go4j.pipeline;
