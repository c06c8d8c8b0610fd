package io.github.go4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Go's fmt and time.Duration formats, as the ported programs print them. */
class FmtTest {

    @Test
    @DisplayName("durations print as Go's time.Duration.String()")
    void durations() {
        assertThat(Fmt.duration(Duration.ZERO)).isEqualTo("0s");
        assertThat(Fmt.duration(Duration.ofNanos(850))).isEqualTo("850ns");
        assertThat(Fmt.duration(Duration.ofNanos(12_500))).isEqualTo("12.5µs");
        assertThat(Fmt.duration(Duration.ofNanos(102_345_678))).isEqualTo("102.345678ms");
        assertThat(Fmt.duration(Duration.ofMillis(100))).isEqualTo("100ms");
        assertThat(Fmt.duration(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Fmt.duration(Duration.ofMinutes(2))).isEqualTo("2m0s");
        assertThat(Fmt.duration(Duration.ofHours(1))).isEqualTo("1h0m0s");
        assertThat(Fmt.duration(Duration.ofSeconds(3723, 500_000_000))).isEqualTo("1h2m3.5s");
        assertThat(Fmt.duration(Duration.ofMillis(-1500))).isEqualTo("-1.5s");
    }

    @Test
    @DisplayName("%v prints slices as [a b c], errors as their message; %d, %s, %.2f as in Go")
    void verbs() {
        assertThat(Fmt.sprintf("Filtered values: %v", List.of(32, 34, 36))).isEqualTo("Filtered values: [32 34 36]");
        assertThat(Fmt.sprintf("Error: %v", new Exception("context canceled"))).isEqualTo("Error: context canceled");
        assertThat(Fmt.sprintf("took %v", Duration.ofMillis(138))).isEqualTo("took 138ms");
        assertThat(Fmt.sprintf("%v %d %s %.2f %.1f%%", true, 7, "x", 41.0, 25.0)).isEqualTo("true 7 x 41.00 25.0%");
        assertThat(Fmt.sprint("Received:", 42)).isEqualTo("Received: 42");
    }
}
