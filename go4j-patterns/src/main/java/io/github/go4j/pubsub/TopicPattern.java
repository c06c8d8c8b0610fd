package io.github.go4j.pubsub;

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

    /**
     * Whether {@code topic} (valid: see {@link #checkTopic}) matches. Walks the topic's segments in place:
     * a publish asks every subscription, so nothing is allocated here.
     */
    boolean matches(String topic) {
        int len = topic.length();
        int from = 0; // where the topic's next segment starts; past len once every segment is used
        for (String s : segments) {
            if (s.equals("#")) {
                return true;
            }
            if (from > len) {
                return false; // the topic has fewer segments than the pattern
            }
            int end = topic.indexOf('.', from);
            if (end < 0) {
                end = len;
            }
            if (!s.equals("*") && !(s.length() == end - from && topic.startsWith(s, from))) {
                return false;
            }
            from = end + 1;
        }
        return from > len; // and no topic segment is left over
    }

    /** Rejects an empty topic, an empty segment, and a wildcard segment ({@code *} or {@code #}). */
    static void checkTopic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("pubsub: empty topic");
        }
        int start = 0;
        for (int i = 0, n = topic.length(); i <= n; i++) {
            if (i == n || topic.charAt(i) == '.') {
                int length = i - start;
                char first = length == 1 ? topic.charAt(start) : 0;
                if (length == 0 || first == '*' || first == '#') {
                    throw new IllegalArgumentException("pubsub: invalid topic " + topic);
                }
                start = i + 1;
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
