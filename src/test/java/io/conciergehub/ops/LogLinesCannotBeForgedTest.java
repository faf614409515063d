package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whatever a caller puts in a request, it cannot start a line of its own in the hub's log: CR, LF
 * and other control characters in any logged value are escaped by the layouts, and a stack trace
 * stays on the line of its event. A request carrying control characters is a 400, not a 500.
 */
class LogLinesCannotBeForgedTest {

    static final String FORGED = "2026-01-01T00:00:00,000Z INFO  [main] audit - event=api.request forged=yes";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    /** The hub's log from this test on, written through the layout of the tests' hub logs (HubLog: the console's). */
    private final StringWriter written = new StringWriter();
    private WriterAppender capture;

    @BeforeEach
    void captureTheLog() {
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        Configuration config = logs.getConfiguration();
        capture = WriterAppender.newBuilder().setName("forgery-capture").setTarget(written)
                .setLayout(config.getAppender("console").getLayout()).build(); // the layout of every hub log of the tests (HubLog)
        capture.start();
        config.getRootLogger().addAppender(capture, null, null);
        logs.updateLoggers();
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        logs.getConfiguration().getRootLogger().removeAppender(capture.getName());
        logs.updateLoggers();
        capture.stop();
    }

    @Test
    void aLineBreakInAQueryValueIsRefusedWith400AndForgesNoLine() throws Exception {
        HttpResponse<String> health = env.hub().get("/health?x=a%0d%0a" + encoded(FORGED));
        HttpResponse<String> api = env.hub().get("/api/mesh/stats?x=a%0a" + encoded(FORGED), "X-API-Key",
                TestHub.API_KEY);

        assertThat(List.of(health, api)).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.body()).contains("\"error\"", "\"detail\"");
        });
        List<String> log = lines(written.toString());
        assertThat(log).noneMatch(line -> line.startsWith(FORGED));
        assertThat(log).as("at most one line per refused request").hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void theConfiguredLayoutsKeepEveryEventOnOneEscapedLine() throws Exception {
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        Layout<?> testLayout = logs.getConfiguration().getAppender("console").getLayout(); // also every HubLog file's
        Properties production = productionLog4j();
        Layout<?> productionLayout = PatternLayout.newBuilder().withConfiguration(logs.getConfiguration())
                .withPattern(production.getProperty("appender.console.layout.pattern"))
                .withAlwaysWriteExceptions(Boolean.parseBoolean(
                        production.getProperty("appender.console.layout.alwaysWriteExceptions", "true")))
                .build();
        LogEvent event = Log4jLogEvent.newBuilder().setLoggerName("io.conciergehub.audit").setLevel(Level.ERROR)
                .setMessage(new SimpleMessage("event=x value=a\r\n" + FORGED + "\u001b[2J\u0085\u2028end"))
                .setThrown(new IllegalStateException("boom\n" + FORGED, new RuntimeException("cause\r\n" + FORGED)))
                .build();

        Layout<?> jsonLayout = LogFiles.layout(logs.getConfiguration(), "json"); // logging.format=json

        for (Layout<?> layout : List.of(testLayout, productionLayout, jsonLayout)) {
            String line = new String(layout.toByteArray(event), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(lines(line)).hasSize(1);
            assertThat(line).contains("value=a\\r\\n" + FORGED, "boom\\n" + FORGED, "cause\\r\\n" + FORGED, "end")
                    .doesNotContain("\u001b", "\r");
            if (layout != jsonLayout) { // JSON escapes by its own rules: NEL and U+2028 are characters of a string there
                assertThat(line).doesNotContain("\u0085", "\u2028");
            }
        }
    }

    private static List<String> lines(String log) {
        return log.lines().toList();
    }

    private static String encoded(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** src/main/resources/log4j2.properties, the production configuration. */
    private static Properties productionLog4j() throws Exception {
        Properties production = new Properties();
        try (InputStream in = LogLinesCannotBeForgedTest.class.getResourceAsStream("/log4j2.properties")) {
            production.load(in);
        }
        return production;
    }
}
