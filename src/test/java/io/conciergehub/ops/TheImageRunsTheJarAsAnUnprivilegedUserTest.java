package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.DockerStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * docker/Dockerfile: the image runs the jar with its libraries beside it, as a user other than
 * root, with the data directory on a volume and a health check; only the jar and its libraries
 * reach the build.
 */
class TheImageRunsTheJarAsAnUnprivilegedUserTest {

    @Test
    void theImageRunsTheJarWithItsLibrariesAsAnUnprivilegedUser() {
        List<String[]> instructions = dockerfile(DockerStack.text("Dockerfile"));
        List<String> from = arguments(instructions, "FROM");
        assertThat(from.get(from.size() - 1)).startsWith("eclipse-temurin:17").contains("jre");

        List<String> copies = arguments(instructions, "COPY");
        String jar = destination(copies, "target/concierge-hub.jar");
        String lib = destination(copies, "target/lib");
        String appDir = jar.substring(0, jar.lastIndexOf('/'));
        assertThat(jar).endsWith("/concierge-hub.jar");
        assertThat(lib.replaceAll("/$", "")).as("lib/ beside the jar, as its manifest expects").isEqualTo(appDir + "/lib");
        assertThat(String.join(" ", arguments(instructions, "ENTRYPOINT")) + " " + String.join(" ", arguments(instructions, "CMD")))
                .contains("-jar " + jar);

        List<String> users = arguments(instructions, "USER");
        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1).split(":")[0]).isNotIn("root", "0");
        assertThat(String.join(" ", arguments(instructions, "RUN"))).contains("useradd");

        assertThat(arguments(instructions, "EXPOSE")).anyMatch(e -> e.matches("8080(/tcp)?"));
        assertThat(arguments(instructions, "VOLUME")).anyMatch(v -> v.contains("/data"));
        assertThat(String.join(" ", arguments(instructions, "ENV"))).contains("CONCIERGE_DATA_DIR=/data");
        assertThat(arguments(instructions, "HEALTHCHECK")).singleElement().asString().contains("/health");

        List<String> ignored = DockerStack.text("Dockerfile.dockerignore").lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(ignored).as("only the jar and its libraries reach the build, never data/")
                .containsExactly("*", "!target/concierge-hub.jar", "!target/lib/");
    }

    /** Instructions as {keyword, arguments}, continuation lines joined and comments dropped. */
    private static List<String[]> dockerfile(String text) {
        List<String[]> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String[] parts = current.toString().strip().split("\\s+", 2);
            instructions.add(new String[] {parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""});
            current.setLength(0);
        }
        return instructions;
    }

    private static List<String> arguments(List<String[]> instructions, String keyword) {
        return instructions.stream().filter(i -> i[0].equals(keyword)).map(i -> i[1]).toList();
    }

    /** The destination of the COPY whose source is {@code source} (with or without a trailing slash). */
    private static String destination(List<String> copies, String source) {
        return copies.stream().map(c -> c.replaceAll("--\\S+\\s+", "").split("\\s+"))
                .filter(words -> words.length == 2 && words[0].replaceAll("/$", "").equals(source))
                .map(words -> words[1]).findFirst()
                .orElseThrow(() -> new AssertionError("no COPY of " + source + " in " + copies));
    }
}
