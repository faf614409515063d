package io.conciergehub.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A hub started from the compiled classes with the production log configuration, and what it printed: this test's alone. */
public final class StartupOutput {

    private StartupOutput() {
    }

    /** Starts a single node with {@code environment}, waits for its ready line, stops it; answers its output's lines. */
    public static List<String> ofAStartAndStop(Path dir, Map<String, String> environment) throws Exception {
        Path output = dir.resolve("output.log");
        try (HubProcess hub = HubProcess.fromClasses(dir.resolve("data"), environment, output)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(output).contains("event=hub.ready"));
        }
        return lines(output);
    }

    public static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }
}
