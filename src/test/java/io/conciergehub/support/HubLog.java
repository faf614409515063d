package io.conciergehub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;

/**
 * One hub's log file, under {@code target/test-logs/}: what a test reads of the log is what its
 * own hub wrote, never another test's or an earlier run's.
 * <ul>
 * <li>{@link #capture(String)}: an in-process hub ({@link TestHub}). From the hub's start to its
 * stop, everything this JVM logs goes to a new file too, in the layout of log4j2-test.properties.
 * A test JVM runs one test class at a time, so these are the lines of this test's hubs (the two
 * nodes of an in-process pair share them).</li>
 * <li>{@link #forProcess(String)}: the output of a hub process ({@link HubProcess}), one file per
 * process.</li>
 * </ul>
 * Every hub's log is checked for the tests' secrets when the hub stops ({@link #assertNoSecrets()}).
 */
public final class HubLog implements AutoCloseable {

    public static final Path DIR = Path.of("target/test-logs");

    /** What no hub may ever write to its log, whatever the test did. */
    private static final List<String> SECRETS = List.of(TestHub.API_KEY, TestHub.COMMANDS_KEY, TestHub.EVENTS_KEY,
            TestHub.READ_KEY, TestHub.SYNC_KEY, TestHub.PEER_KEY, TestHub.SPOKI_SECRET, TestHub.WHATSAPP_APP_SECRET,
            TestHub.SMOOBU_SECRET, SpokiStub.API_KEY);

    private final Path file;
    private final FileAppender appender;

    private HubLog(Path file, FileAppender appender) {
        this.file = file;
        this.appender = appender;
    }

    /** A new file receiving what this JVM logs until {@link #close()}. */
    public static HubLog capture(String name) {
        Path file = newFile(name);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        // The console appender's layout: the production escaping (LogLinesCannotBeForgedTest).
        Layout<?> layout = configuration.getAppender("console").getLayout();
        FileAppender appender = FileAppender.newBuilder().setName("hub-log-" + file.getFileName())
                .withFileName(file.toString()).withAppend(false).withImmediateFlush(true).setLayout(layout)
                .setConfiguration(configuration).build();
        appender.start();
        configuration.getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
        return new HubLog(file, appender);
    }

    /** A new, empty file for a hub process's output. */
    public static HubLog forProcess(String name) {
        Path file = newFile(name);
        try {
            Files.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HubLog(file, null);
    }

    /** A log file the test chose, e.g. one it reads as the start-up output. */
    public static HubLog of(Path file) {
        return new HubLog(file, null);
    }

    private static Path newFile(String name) {
        try {
            Files.createDirectories(DIR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DIR.resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".log");
    }

    public Path file() {
        return file;
    }

    public String text() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> lines() {
        return text().lines().toList();
    }

    /** The API's audit lines (event=api.request), oldest first. */
    public List<String> auditLines() {
        return lines().stream().filter(line -> line.contains("event=api.request")).toList();
    }

    /** The audit lines written after the first {@code count} (a hub a test class shares between its tests). */
    public List<String> auditLinesSince(int count) {
        List<String> lines = auditLines();
        return lines.subList(count, lines.size());
    }

    /** No API key, peer key, webhook secret or provider key of the tests is in the log. */
    public void assertNoSecrets() {
        assertThat(text()).as("the log %s", file).doesNotContain(SECRETS);
    }

    /** Stops capturing (an in-process hub's log); the file stays to be read. */
    @Override
    public void close() {
        if (appender != null) {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            context.getConfiguration().getRootLogger().removeAppender(appender.getName());
            context.updateLoggers();
            appender.stop();
        }
    }
}
