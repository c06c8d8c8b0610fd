package io.github.go4j.pubsub;

import java.util.Arrays;

/**
 * A subscription pattern over dot-separated topics: a literal segment matches itself, {@code *} matches
 * exactly one segment, and a final {@code #} matches zero or more remaining segments. So
 * {@code orders.*} matches {@code orders.eu} but not {@code orders.eu.paid}; {@code orders.#} matches
 * both and {@code orders} itself; {@code #} matches everything.
 */
final class TopicPattern {

    private final String text;
    private final String[] segments;

    TopicPattern(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("pubsub: empty topic pattern");
        }
        this.text = text;
        this.segments = text.split("\\.", -1);
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].isEmpty()) {
                throw new IllegalArgumentException("pubsub: empty segment in " + text);
            }
            if (segments[i].equals("#") && i != segments.length - 1) {
                throw new IllegalArgumentException("pubsub: # must be the last segment in " + text);
            }
        }
    }

    boolean matches(String topic) {
        String[] t = topic.split("\\.", -1);
        int n = segments.length;
        for (int i = 0; i < n; i++) {
            String s = segments[i];
            if (s.equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!s.equals("*") && !s.equals(t[i])) {
                return false;
            }
        }
        return t.length == n;
    }

    static void checkTopic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("pubsub: empty topic");
        }
        if (Arrays.stream(topic.split("\\.", -1)).anyMatch(s -> s.isEmpty() || s.equals("*") || s.equals("#"))) {
            throw new IllegalArgumentException("pubsub: invalid topic " + topic);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
