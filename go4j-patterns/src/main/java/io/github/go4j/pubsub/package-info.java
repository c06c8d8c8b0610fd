/**
 * Topic-based publish/subscribe on channels ({@link io.github.go4j.pubsub.Broker}): wildcard and
 * multi-topic subscriptions, per-subscriber overflow policies, counted drops, statistics, graceful
 * shutdown.
 */
package io.github.go4j.pubsub;
