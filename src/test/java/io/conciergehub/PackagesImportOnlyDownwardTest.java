package io.conciergehub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md: a package uses only its own classes and those of lower
 * packages, by import or by fully qualified name. The root (Application, HubConfiguration) may use any.
 */
class PackagesImportOnlyDownwardTest {

    /** Lowest layer first. */
    private static final List<String> LAYERS = List.of("store", "guest", "api", "events", "ops", "messaging",
            "concierge", "mesh", "reservation", "journey", "watchers", "console", "failover");
    private static final Path SOURCES = Path.of("src/main/java/io/conciergehub");
    private static final Pattern REFERENCE = Pattern.compile("io\\.conciergehub\\.([a-z]+)\\.[A-Za-z]");

    @Test
    void everyPackageIsALayer() throws IOException {
        try (Stream<Path> packages = Files.list(SOURCES)) {
            assertThat(packages.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()))
                    .isSubsetOf(LAYERS);
        }
    }

    @Test
    void noClassUsesAHigherPackage() throws IOException {
        List<String> upward = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the root wires everything
                }
                String own = relative.getName(0).toString();
                Matcher reference = REFERENCE.matcher(Files.readString(file));
                while (reference.find()) {
                    String used = reference.group(1);
                    if (LAYERS.indexOf(used) > LAYERS.indexOf(own)) {
                        upward.add(relative + " uses " + used);
                    }
                }
            }
        }
        assertThat(upward).isEmpty();
    }
}
