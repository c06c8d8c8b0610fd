package io.github.go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DeadlockExitTest {

    @Test
    @DisplayName("RU04: -Dgo4j.deadlockDetection=exit prints Go's report (goroutine 1 is main) and exits with status 2")
    void exitsWithStatus2(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("out.txt");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-Dgo4j.deadlockDetection=exit", "-cp",
                System.getProperty("java.class.path"), DeadlockMain.class.getName()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the child JVM exits").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out).startsWith("fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\n")
                .contains("io.github.go4j.runtime.DeadlockMain.main(...)\n\tDeadlockMain.java:")
                .containsPattern("goroutine \\d+ \\[chan receive\\]:\nio\\.github\\.go4j\\.runtime\\.DeadlockMain\\.lambda")
                .contains("created by io.github.go4j.runtime.DeadlockMain (lambda) in goroutine 1")
                .doesNotContain("unreachable");
    }
}
