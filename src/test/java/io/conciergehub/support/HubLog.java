package io.conciergehub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The log file every hub of the test run writes (log4j2-test.properties), shared with the tests that ran before. */
public final class HubLog {

    public static final Path FILE = Path.of("target/test-logs/hub.log");

    private HubLog() {
    }

    public static String text() {
        try {
            return Files.readString(FILE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API's audit lines (event=api.request), oldest first. */
    public static List<String> auditLines() {
        try {
            return Files.readAllLines(FILE, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("event=api.request")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The audit lines written after the first {@code count}. */
    public static List<String> auditLinesSince(int count) {
        List<String> lines = auditLines();
        return lines.subList(count, lines.size());
    }
}
