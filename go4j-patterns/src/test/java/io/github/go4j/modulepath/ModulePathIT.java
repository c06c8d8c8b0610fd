package io.github.go4j.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.Go;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * go4j-patterns on the module path (run by Maven's {@code integration-test} phase, after {@code package}):
 * a JVM with go4j-core and the built go4j-patterns jar on {@code --module-path} runs
 * {@link ModulePathProgram}. The jar's Automatic-Module-Name and go4j-core's qualified export of its
 * internal package to it must agree, or the program dies with IllegalAccessError.
 */
class ModulePathIT {

    @Test
    @Timeout(60)
    @DisplayName("go4j-core + go4j-patterns run on the module path (Automatic-Module-Name, qualified export)")
    void patternsRunOnTheModulePath() throws Exception {
        String jarProperty = System.getProperty("go4j.patterns.jar");
        assertThat(jarProperty).as("system property go4j.patterns.jar (set by the pom)").isNotNull();
        Path patternsJar = Path.of(jarProperty);
        assertThat(patternsJar).exists();
        Path core = Path.of(Go.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path program = Path.of(ModulePathProgram.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(),
                "--module-path", core + File.pathSeparator + patternsJar,
                "--add-modules", "ALL-MODULE-PATH",
                "-cp", program.toString(),
                ModulePathProgram.class.getName());
        Path log = Files.createTempFile("go4j-module-path", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean exited = p.waitFor(50, TimeUnit.SECONDS);
            if (!exited) {
                p.destroyForcibly();
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(exited).as("exited in time; output:%n%s", out).isTrue();
            assertThat(p.exitValue()).as("exit status of %s; output:%n%s", command, out).isZero();
            assertThat(out).contains("module path ok: 42 42 io.github.go4j.patterns");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
