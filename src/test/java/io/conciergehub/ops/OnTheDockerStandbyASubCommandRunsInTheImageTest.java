package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.DockerStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker standby has no target/: its jar is in the image. The image's entry point passes the
 * arguments of {@code docker compose run … hub <command>} on to the jar, and the README tells the
 * operator to stop the hub, run re-pair (or another sub-command) so, and start it again.
 */
class OnTheDockerStandbyASubCommandRunsInTheImageTest {

    @Test
    void theEntryPointPassesTheSubCommandToTheJarAndTheReadmeRunsItSo(@TempDir Path bin) throws Exception {
        String line = DockerStack.text("Dockerfile").lines().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst()
                .orElseThrow();
        List<String> entryPoint = new ArrayList<>(List.of(new ObjectMapper()
                .readValue(line.substring("ENTRYPOINT ".length()), String[].class)));
        // A java that prints its arguments stands for the image's.
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        entryPoint.addAll(List.of("re-pair"));
        ProcessBuilder run = new ProcessBuilder(entryPoint).redirectErrorStream(true);
        run.environment().put("PATH", bin + ":/usr/bin:/bin");
        run.environment().put("JAVA_OPTS", "-Xmx320m");
        Process process = run.start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(new String(process.getInputStream().readAllBytes()).strip())
                .isEqualTo("-Xmx320m -jar /opt/concierge-hub/concierge-hub.jar re-pair");

        String readme = Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
        assertThat(readme).contains("`docker compose -f docker/compose.yaml stop hub`",
                "`docker compose -f docker/compose.yaml run --rm --no-deps hub re-pair`",
                "`docker compose -f docker/compose.yaml start hub`");
    }
}
