package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conciergehub.Application;
import io.conciergehub.store.ConfigurationException;
import io.conciergehub.support.HubCommand;
import io.conciergehub.support.TestHub;
import java.net.ServerSocket;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Properties;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A setting the hub cannot read stops it before it touches the data directory: exit code 2 and
 * one line on stderr that names the setting, the value (never a secret's) and what it accepts.
 */
class BadSettingsStopTheStartTest {

    /** Read from the environment by each way the hub reads it: its own keys, Camel's, HTTP_PORT, the role's profile. */
    static Stream<Arguments> badEnvironment() {
        return Stream.of(
                Arguments.of("FAILOVER_TIMEOUT=soon", "failover.timeout = 'soon' is not a duration such as 500ms"),
                Arguments.of("HTTP_PORT=abc", "camel.server.port = 'abc' is not a whole number from 1 to 65535"),
                Arguments.of("CAMEL_SERVER_PORT=70000", "camel.server.port = '70000' is not a whole number"),
                Arguments.of("CONCIERGE_ROLE=leader", "concierge.role = 'leader' is not one of primary, standby"),
                Arguments.of("CONCIERGE_DATA_DIR=pom.xml/data", "concierge.data-dir = 'pom.xml/data' is not a directory"
                        + " the hub can create and write"));
    }

    /** Each check, by its setting's key (the environment names them in upper case, as above). */
    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("JOURNEY_QUIET_HOURS=late", "journey.quiet-hours = 'late' is not empty, or two times of day"
                        + " such as 22:00-08:00"),
                Arguments.of("CONCIERGE_TIMEZONE=Mars/Olympus", "concierge.timezone = 'Mars/Olympus' is not a time zone"),
                Arguments.of("JOURNEY_PRE_ARRIVAL_TIME=ten", "journey.pre-arrival.time = 'ten' is not a time of day"),
                Arguments.of("CONCIERGE_ENCRYPTION_KEY=short", "concierge.encryption-key is not empty (a key file is made),"
                        + " or 32 bytes in base64"),
                Arguments.of("CONCIERGE_ROLE=standby", "concierge.role = 'standby' needs failover.peer-url"),
                Arguments.of("CONSOLE_JWT_SECRET=short", "console.jwt-secret is not empty (a key file is made), or at"
                        + " least 32 characters"),
                Arguments.of("CONSOLE_REFRESH_TTL=5m", "console.refresh-ttl is shorter than console.session-ttl"),
                Arguments.of("CONSOLE_LIVE_BATCH=0", "console.live-batch = '0' is not a whole number from 1"),
                Arguments.of("CONSOLE_LIVE_POLL=often", "console.live-poll = 'often' is not a duration"),
                Arguments.of("CONSOLE_LIVE_HEARTBEAT=30s", "console.live-heartbeat is longer than 10s"),
                Arguments.of("MESSAGING_PROVIDER=twilio", "messaging.provider = 'twilio' is not one of log, spoki,"
                        + " whatsapp-cloud"),
                Arguments.of("MESSAGING_PROVIDER=spoki MESSAGING_WINDOW_TEMPLATE=welcome_back", "messaging.window-template"
                        + " = 'welcome_back' is not a Spoki template's numeric id (messaging.provider = spoki)"),
                Arguments.of("MESSAGING_PROVIDER=spoki JOURNEY_CHECK_OUT_TEMPLATE=4711 WEATHER_NOTICE_TEMPLATE=storm",
                        "weather.notice-template = 'storm' is not a Spoki template's numeric id"),
                Arguments.of("CONCIERGE_MATCH_THRESHOLD=NaN", "concierge.match-threshold = 'NaN' is not a number above 0"
                        + " and at most 1, such as 0.45"),
                Arguments.of("SMOOBU_WEBHOOK_SECRET=123456", "smoobu.webhook-secret is not empty (the webhook is closed),"
                        + " or at least 24 characters"),
                Arguments.of("CONCIERGE_MATCH_THRESHOLD=0", "concierge.match-threshold = '0' is not a number above 0"),
                Arguments.of("CONCIERGE_DEFAULT_LANGUAGE=xx", "concierge.default-language = 'xx' is not one of en, it"),
                Arguments.of("STORE_DURABLE_ACKS=yes", "store.durable-acks = 'yes' is not one of true, false"),
                Arguments.of("HEALTH_MIN_FREE_DISK=64 megs", "health.min-free-disk = '64 megs' is not a size such as 64MB,"
                        + " 1GB or plain bytes"),
                Arguments.of("MESSAGING_MAX_RATE=0", "messaging.max-rate = '0' is not a whole number from 1"),
                Arguments.of("MESSAGING_CIRCUIT_FAILURE_RATE_THRESHOLD=150", "messaging.circuit.failure-rate-threshold"
                        + " = '150' is not a whole number from 1 to 100"),
                Arguments.of("SPOKI_BASE_URL=ftp://example.org", "spoki.base-url = 'ftp://example.org' is not empty, or an"
                        + " http:// or https:// URL"),
                Arguments.of("EVENTS_SINK_URL=not a url", "events.sink-url = 'not a url' is not empty, or an http://"),
                Arguments.of("CONCIERGE_REDIS_URL=localhost:6379", "concierge.redis-url is not empty, or redis://host:port"),
                Arguments.of("BACKUP_RETENTION=forever", "backup.retention = 'forever' is not a duration"),
                Arguments.of("PRIVACY_MESSAGE_RETENTION=90 days", "privacy.message-retention = '90 days' is not a"
                        + " duration"),
                Arguments.of("FAILOVER_TIMEOUT=5s FAILOVER_HEARTBEAT_INTERVAL=10s", "failover.timeout must be longer than"
                        + " failover.heartbeat-interval"),
                Arguments.of("MESSAGING_REDELIVERY_DELAY=2m", "messaging.redelivery-delay is longer than"
                        + " messaging.max-redelivery-delay"),
                Arguments.of("MESH_CIRCUIT_OPEN_DURATION=500ms", "mesh.circuit.open-duration = '500ms' is not a duration"
                        + " such as 500ms, 3s, 2m, 1h, PT3S or plain milliseconds, at least 1000ms"),
                Arguments.of("CONCIERGE_API_KEYS=short-key", "concierge.api-keys: entry 1 of 1 is a key of 9 characters"),
                Arguments.of("FAILOVER_PEER_URL=https://standby.example.org FAILOVER_PEER_API_KEY=short", "failover.peer-api-key must be the key (at least 24 characters)"),
                Arguments.of("CONCIERGE_WORKERS=-1", "concierge.workers = '-1' is not a whole number from 1"),
                Arguments.of("IMAP_URL=mail.example.org", "imap.url = 'mail.example.org' is not empty, or imap://host[:port]"
                        + " or imaps://host[:port]"),
                Arguments.of("IMAP_POLL_DELAY=often", "imap.poll-delay = 'often' is not a duration"),
                Arguments.of("CONCIERGE_DEFAULT_REGION=Italy", "concierge.default-region = 'Italy' is not a country code"
                        + " such as IT"),
                Arguments.of("CONCIERGE_KNOWLEDGE_DIR=/etc/concierge-hub/knowlege", "concierge.knowledge-dir ="
                        + " '/etc/concierge-hub/knowlege' is not empty (the bundled answers), or a directory the hub can read"),
                Arguments.of("CONCIERGE_KNOWLEDGE_DIR=pom.xml", "concierge.knowledge-dir = 'pom.xml' is not empty (the"
                        + " bundled answers), or a directory the hub can read"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEnvironment")
    void aBadSettingEndsTheStartWithOneLineAndExitCode2(String settings, String line) throws Exception {
        Path dataDir = Files.createTempDirectory("bad-settings-").resolve("data");

        HubCommand.Result started = HubCommand.run(dataDir, environment(settings), "run");

        assertThat(started.exitCode()).isEqualTo(2);
        assertThat(started.err().strip().lines()).singleElement().asString()
                .startsWith("concierge-hub: configuration error: ").contains(line).doesNotContain("Exception");
        assertThat(dataDir).as("the data directory is untouched").doesNotExist();
    }

    /**
     * The same start in this JVM (a process each would cost two seconds apiece): the line the
     * process prints is the message of the {@link ConfigurationException} that stops it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void aBadSettingStopsTheStartBeforeTheDataDirectory(String settings, String line) throws Exception {
        Path dataDir = Files.createTempDirectory("bad-settings-").resolve("data");
        Main main = Application.create();
        main.addOverrideProperty("concierge.data-dir", dataDir.toString());
        for (Map.Entry<String, String> setting : environment(settings).entrySet()) {
            main.addOverrideProperty(key(setting.getKey()), setting.getValue());
        }

        try {
            assertThatThrownBy(main::start).satisfies(failed -> assertThat(configurationError(failed))
                    .as("the cause that stops the start").isNotNull().extracting(Throwable::getMessage).asString()
                    .contains(line));
        } finally {
            main.stop();
        }
        assertThat(dataDir).as("the data directory is untouched").doesNotExist();
    }

    /** The hotel's answer files, wrong three ways; the Wi-Fi password in them never reaches the line. */
    static Stream<Arguments> badKnowledgeFiles() {
        return Stream.of(
                Arguments.of("language: en\nstopWords: [stop]\nintents:\n  wifi:\n    answer: The password is hunter2-wifi\n"
                        + "   keywords: [wifi]\n", "is not valid YAML at line 6, column "),
                Arguments.of("language: en\nstopWords: [stop]\nstartWords: [start]\nintents: [wifi, hunter2-wifi]\n",
                        "is not a knowledge file (language, stopWords, startWords, intents, replies) at line 4, column "),
                Arguments.of("language: en\nstartWords: [start]\nintents:\n  wifi:\n    keywords: [wifi]\n"
                        + "    answer: The password is hunter2-wifi\n  pets:\n    keywords: [dog]\n",
                        "has no stopWords, an answer for intent pets; correct it, or remove it for the bundled answers"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badKnowledgeFiles")
    void aBadKnowledgeFileEndsTheStartWithOneLineNamingItAndExitCode2(String content, String line, @TempDir Path dir)
            throws Exception {
        Path knowledge = Files.createDirectories(dir.resolve("knowledge"));
        Files.writeString(knowledge.resolve("en.yaml"), content);
        Path dataDir = dir.resolve("data");

        HubCommand.Result started = HubCommand.run(dataDir, environment("CONCIERGE_KNOWLEDGE_DIR=" + knowledge), "run");

        assertThat(started.exitCode()).isEqualTo(2);
        assertThat(started.err().strip().lines()).singleElement().asString()
                .startsWith("concierge-hub: configuration error: knowledge file " + knowledge.resolve("en.yaml") + " ")
                .contains(line).doesNotContain("hunter2", "Exception");
        assertThat(started.out()).doesNotContain("hunter2");
        assertThat(dataDir).as("the data directory is untouched").doesNotExist();
    }

    @Test
    void aSecretIsNeverShownInTheLine() throws Exception {
        HubCommand.Result started = HubCommand.run(Files.createTempDirectory("bad-settings-").resolve("data"),
                environment("CONCIERGE_ENCRYPTION_KEY=c2VjcmV0LXZhbHVl"), "run");

        assertThat(started.exitCode()).isEqualTo(2);
        assertThat(started.err() + started.out()).contains("concierge.encryption-key").doesNotContain("c2VjcmV0LXZhbHVl");
    }

    @Test
    void aPortInUseEndsTheStartWithALineNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Path dataDir = Files.createTempDirectory("bad-settings-").resolve("data");

            HubCommand.Result started = HubCommand.run(dataDir,
                    environment("CAMEL_SERVER_PORT=" + taken.getLocalPort()), "run");

            assertThat(started.exitCode()).isEqualTo(2);
            assertThat(started.err().strip().lines()).singleElement().asString()
                    .contains("camel.server.port " + taken.getLocalPort() + " on 0.0.0.0 is in use");
            assertThat(dataDir).doesNotExist();
        }
    }

    /** What the process would print after "configuration error: ", as {@code Application} finds it. */
    private static ConfigurationException configurationError(Throwable failed) {
        for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigurationException unreadable) {
                return unreadable;
            }
        }
        return null;
    }

    /** The setting an environment variable names (FAILOVER_PEER_API_KEY: failover.peer-api-key), from the defaults. */
    private static String key(String variable) throws Exception {
        Properties defaults = new Properties();
        try (InputStream in = Application.class.getResourceAsStream("/application.properties")) {
            defaults.load(in);
        }
        return defaults.stringPropertyNames().stream()
                .filter(key -> key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_').equals(variable))
                .findFirst().orElseThrow(() -> new AssertionError(variable + " names no setting"));
    }

    /** The settings as an operator exports them, on a free port and with a valid key list. */
    static Map<String, String> environment(String settings) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of("CONCIERGE_API_KEYS", TestHub.API_KEY,
                "CAMEL_SERVER_PORT", String.valueOf(TestHub.freePort())));
        for (String setting : settings.split(" (?=[A-Z_]+=)")) {
            environment.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        if (environment.containsKey("HTTP_PORT")) {
            environment.remove("CAMEL_SERVER_PORT");
        }
        return environment;
    }
}
