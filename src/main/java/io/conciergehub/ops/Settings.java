package io.conciergehub.ops;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.conciergehub.api.ApiKeys;
import io.conciergehub.api.Fields;
import io.conciergehub.store.ConfigurationException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesFunction;
import org.quartz.CronExpression;

/**
 * The hub's settings, each read and checked once, before anything touches the data directory. A
 * value that can't be read one way only stops the start with a {@link ConfigurationException}
 * naming the setting, the value (never a secret's) and the form it accepts.
 *
 * <p>Every setting comes from {@code application.properties} (the defaults), the role's profile,
 * or its upper-case environment variable ({@code failover.timeout} ← {@code FAILOVER_TIMEOUT}).
 * Durations accept {@code 500ms}, {@code 3s}, {@code 2m}, {@code 1h}, {@code 1d}, ISO-8601
 * ({@code PT3S}, {@code P7D}) and plain milliseconds. Routes read them through the properties
 * functions {@code {{ms:key}}} and {@code {{seconds:key}}}, so that a route's option gets the unit it takes.
 */
public final class Settings {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(kb|mb|gb)?");
    private static final String DURATION_FORM = "a duration such as 500ms, 3s, 2m, 1h, PT3S or plain milliseconds";

    /** A kind of value: how to read it, and the accepted form for the error line. */
    private record Kind(String form, boolean secret, Function<String, Object> read) {
    }

    private static Kind count(long min, long max) {
        return new Kind("a whole number from " + min + " to " + max, false, text -> {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException("out of range");
            }
            return value;
        });
    }

    private static Kind duration(Duration min) {
        return new Kind(DURATION_FORM + (min.isZero() ? "" : ", at least " + min.toMillis() + "ms"), false, text -> {
            Duration value = parseDuration(text);
            if (value.compareTo(min) < 0) {
                throw new IllegalArgumentException("too short");
            }
            return value;
        });
    }

    private static Kind decimal(String form, double min, double max) {
        return new Kind(form, false, text -> {
            double value = Double.parseDouble(text);
            if (!(value >= min && value <= max)) {
                throw new IllegalArgumentException("out of range");
            }
            return value;
        });
    }

    private static Kind choice(String... choices) {
        Set<String> allowed = Set.of(choices);
        return new Kind("one of " + String.join(", ", choices), false, text -> {
            if (!allowed.contains(text)) {
                throw new IllegalArgumentException("not a choice");
            }
            return text;
        });
    }

    private static final Kind TEXT = new Kind("text", false, text -> text);
    private static final Kind SECRET = new Kind("text", true, text -> text);
    private static final Kind BOOLEAN = choice("true", "false");
    private static final Kind PORT = count(1, 65535);
    private static final Kind PERCENT = count(1, 100);
    private static final Kind POSITIVE = count(1, Integer.MAX_VALUE);
    private static final Kind NOT_NEGATIVE = count(0, Integer.MAX_VALUE);
    private static final Kind MILLIS = duration(Duration.ZERO);
    private static final Kind INTERVAL = duration(Duration.ofMillis(1));
    private static final Kind OPEN_DURATION = duration(Duration.ofSeconds(1));
    private static final Kind URL = new Kind("empty, or an http:// or https:// URL", false, text -> {
        if (!text.isEmpty()) {
            URI uri = URI.create(text);
            if (uri.getHost() == null || !Set.of("http", "https").contains(String.valueOf(uri.getScheme()))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        }
        return text;
    });
    /** A country whose phone numbering libphonenumber knows, as its ISO 3166 code ("IT"). */
    private static final Kind REGION = new Kind("a country code such as IT", false, text -> {
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(text.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not a region");
        }
        return text;
    });
    /**
     * The hotel's answers replace the bundled ones: a directory that is not there (a typo, a mount
     * missing) must not leave the guests with the bundled answers while the hub seems to start well.
     */
    private static final Kind KNOWLEDGE_DIR = new Kind("empty (the bundled answers), or a directory the hub can read",
            false, text -> {
                Path dir = Path.of(text);
                if (!text.isEmpty() && !(Files.isDirectory(dir) && Files.isReadable(dir) && Files.isExecutable(dir))) {
                    throw new IllegalArgumentException("not a readable directory");
                }
                return text;
            });
    /**
     * The database and its keys live there: a path the hub cannot make a directory of or write in
     * (a file in the way, a read-only mount, another user's directory) is told in one line at the
     * start, not as a stack trace once the data directory is locked. Nothing is created here: a bad
     * setting read after this one leaves the data directory untouched.
     */
    private static final Kind DATA_DIR = new Kind("a directory the hub can create and write", false, text -> {
        Path existing = Path.of(text).toAbsolutePath();
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (!(Files.isDirectory(existing) && Files.isWritable(existing) && Files.isExecutable(existing))) {
            throw new IllegalArgumentException("not a writable directory");
        }
        return text;
    });
    /** A URL that is itself the credential (a Slack incoming webhook's): never printed. */
    private static final Kind SECRET_URL = new Kind(URL.form(), true, URL.read());
    private static final Kind REDIS_URL = new Kind("empty, or redis://host:port (rediss:// with TLS)", true, text -> {
        if (!text.isEmpty() && !text.matches("rediss?://\\S+")) {
            throw new IllegalArgumentException("not a Redis URL");
        }
        return text;
    });
    private static final Kind MAIL_URL = new Kind("empty, or imap://host[:port] or imaps://host[:port]", false, text -> {
        if (!text.isEmpty() && !text.matches("imaps?://[^/?@\\s]+")) {
            throw new IllegalArgumentException("not an IMAP URL");
        }
        return text;
    });
    private static final Kind ENCRYPTION_KEY = new Kind("empty (a key file is made), or 32 bytes in base64", true, text -> {
        if (!text.isEmpty() && Base64.getDecoder().decode(text).length != 32) {
            throw new IllegalArgumentException("not 32 bytes");
        }
        return text;
    });

    /** A secret that may be empty ({@code whenEmpty} says what happens then) or else has {@code min} characters at least. */
    private static Kind secretOfAtLeast(String whenEmpty, int min) {
        return new Kind("empty (" + whenEmpty + "), or at least " + min + " characters", true, text -> {
            if (!text.isEmpty() && text.length() < min) {
                throw new IllegalArgumentException("too short");
            }
            return text;
        });
    }

    /** HS256 wants a key of 256 bits at least. */
    private static final Kind JWT_SECRET = secretOfAtLeast("a key file is made", 32);

    /**
     * A token Smoobu sends in the hook's URL (it signs nothing): long enough that the webhook's rate
     * limit leaves no time to guess it, as an API key.
     */
    private static final Kind WEBHOOK_TOKEN = secretOfAtLeast("the webhook is closed", ApiKeys.MIN_LENGTH);

    /** A number of bytes: plain, or with KB, MB or GB (powers of 1024). */
    private static final Kind BYTES = new Kind("a size such as 64MB, 1GB or plain bytes", false, text -> {
        Matcher size = SIZE.matcher(text.toLowerCase(Locale.ROOT));
        if (!size.matches()) {
            throw new IllegalArgumentException("not a size");
        }
        int shift = size.group(2) == null ? 0 : 10 * ("kmg".indexOf(size.group(2).charAt(0)) + 1);
        return Math.multiplyExact(Long.parseLong(size.group(1)), 1L << shift);
    });

    private static final Kind TIME_OF_DAY = new Kind("a time of day such as 08:30", false, LocalTime::parse);
    private static final Kind TIME_RANGE = new Kind("empty, or two times of day such as 22:00-08:00", false, text -> {
        if (!text.isEmpty()) {
            String[] ends = text.split("-", -1);
            if (ends.length != 2) {
                throw new IllegalArgumentException("not a range");
            }
            LocalTime.parse(ends[0].trim());
            LocalTime.parse(ends[1].trim());
        }
        return text;
    });
    private static final Kind AMOUNT = decimal("an amount of money such as 0.005, not negative", 0, Double.MAX_VALUE);
    private static final Kind LATITUDE = decimal("a latitude such as 41.9028", -90, 90);
    private static final Kind LONGITUDE = decimal("a longitude such as 12.4964", -180, 180);
    private static final Kind TIME_ZONE = new Kind("a time zone such as Europe/Rome", false, ZoneId::of);
    private static final Kind CRON = new Kind("a Quartz cron expression such as 0 * * * * ?", false, text -> {
        if (text.trim().split("\\s+").length < 6 || !CronExpression.isValidExpression(text)) {
            throw new IllegalArgumentException("not a Quartz cron");
        }
        return text;
    });

    /** Configured keys are read here, to refuse an unclear list before the data directory is touched. */
    private static final Kind API_KEYS = new Kind("keys", true, text -> text.isEmpty() ? Optional.empty()
            : Optional.of(ApiKeys.fromConfiguredOrGenerated(text, null)));

    /** Every setting the hub reads, with its kind. A setting missing here is read by nobody. */
    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("camel.server.host", TEXT);
        KINDS.put("camel.server.port", PORT);
        KINDS.put("logging.dir", TEXT);
        KINDS.put("logging.format", choice("plain", "json"));
        KINDS.put("concierge.role", choice("primary", "standby"));
        KINDS.put("concierge.data-dir", DATA_DIR);
        KINDS.put("concierge.redis-url", REDIS_URL);
        KINDS.put("concierge.api-keys", API_KEYS);
        KINDS.put("concierge.encryption-key", ENCRYPTION_KEY);
        KINDS.put("concierge.default-language", choice("en", "it", "de", "fr", "es"));
        KINDS.put("concierge.knowledge-dir", KNOWLEDGE_DIR);
        KINDS.put("concierge.match-threshold", decimal("a number above 0 and at most 1, such as 0.45", Double.MIN_VALUE, 1));
        KINDS.put("concierge.allow-demo-facts", BOOLEAN);
        KINDS.put("concierge.language-accuracy", choice("low", "high"));
        KINDS.put("concierge.workers", POSITIVE);
        KINDS.put("concierge.give-way-above", NOT_NEGATIVE);
        KINDS.put("concierge.give-way-max", MILLIS);
        KINDS.put("concierge.quiet-while-staff-answer", MILLIS);
        KINDS.put("concierge.sweep-interval", INTERVAL);
        KINDS.put("store.durable-acks", BOOLEAN);
        KINDS.put("health.min-free-disk", BYTES);
        KINDS.put("messaging.provider", choice("log", "spoki", "whatsapp-cloud"));
        KINDS.put("messaging.max-rate", POSITIVE);
        KINDS.put("messaging.recipient-spacing", MILLIS);
        KINDS.put("messaging.window-template", TEXT);
        KINDS.put("messaging.send-concurrency", POSITIVE);
        KINDS.put("messaging.max-redeliveries", NOT_NEGATIVE);
        KINDS.put("messaging.redelivery-delay", MILLIS);
        KINDS.put("messaging.max-redelivery-delay", MILLIS);
        KINDS.put("messaging.rate-limit-retries", NOT_NEGATIVE);
        KINDS.put("messaging.circuit.timeout", INTERVAL);
        KINDS.put("messaging.circuit.failure-rate-threshold", PERCENT);
        KINDS.put("messaging.circuit.open-duration", OPEN_DURATION);
        KINDS.put("messaging.circuit.minimum-calls", POSITIVE);
        KINDS.put("messaging.circuit.window-size", POSITIVE);
        KINDS.put("messaging.http-timeout", INTERVAL);
        KINDS.put("spoki.base-url", URL);
        KINDS.put("spoki.api-key", SECRET);
        KINDS.put("spoki.webhook-secret", SECRET);
        KINDS.put("whatsapp.base-url", URL);
        KINDS.put("whatsapp.api-version", TEXT);
        KINDS.put("whatsapp.token", SECRET);
        KINDS.put("whatsapp.phone-number-id", TEXT);
        KINDS.put("whatsapp.app-secret", SECRET);
        KINDS.put("whatsapp.verify-token", SECRET);
        KINDS.put("llm.base-url", URL);
        KINDS.put("llm.api-key", SECRET);
        KINDS.put("llm.model", TEXT);
        KINDS.put("llm.timeout", INTERVAL);
        KINDS.put("llm.max-retries", NOT_NEGATIVE);
        KINDS.put("llm.retry-delay", MILLIS);
        KINDS.put("llm.circuit.minimum-calls", POSITIVE);
        KINDS.put("llm.circuit.window-size", POSITIVE);
        KINDS.put("llm.circuit.open-duration", OPEN_DURATION);
        KINDS.put("hotel.name", TEXT);
        KINDS.put("api.rate-limit", POSITIVE);
        KINDS.put("api.rate-limit-window", INTERVAL);
        KINDS.put("api.webhook-rate-limit", POSITIVE);
        KINDS.put("api.public-rate-limit", POSITIVE);
        KINDS.put("api.client-ip-header", TEXT);
        KINDS.put("camel.rest.api-context-path", TEXT);
        KINDS.put("http.idle-timeout", MILLIS);
        KINDS.put("mesh.command-workers", POSITIVE);
        KINDS.put("mesh.command-attempts", POSITIVE);
        KINDS.put("mesh.circuit.minimum-calls", POSITIVE);
        KINDS.put("mesh.circuit.window-size", POSITIVE);
        KINDS.put("mesh.circuit.open-duration", OPEN_DURATION);
        KINDS.put("events.sink-url", URL);
        KINDS.put("events.sink-token", SECRET);
        KINDS.put("events.poll-interval", INTERVAL);
        KINDS.put("events.timeout", INTERVAL);
        KINDS.put("events.max-attempts", POSITIVE);
        KINDS.put("events.retry-delay", MILLIS);
        KINDS.put("events.max-retry-delay", MILLIS);
        KINDS.put("events.circuit.minimum-calls", POSITIVE);
        KINDS.put("events.circuit.window-size", POSITIVE);
        KINDS.put("events.circuit.open-duration", OPEN_DURATION);
        KINDS.put("alerts.slack-webhook-url", SECRET_URL);
        KINDS.put("alerts.email-to", TEXT);
        KINDS.put("alerts.email-from", TEXT);
        KINDS.put("alerts.poll-interval", INTERVAL);
        KINDS.put("alerts.retry-delay", MILLIS);
        KINDS.put("alerts.max-retry-delay", MILLIS);
        KINDS.put("alerts.give-up-after", MILLIS);
        KINDS.put("smtp.host", TEXT);
        KINDS.put("smtp.port", PORT);
        KINDS.put("smtp.username", TEXT);
        KINDS.put("smtp.password", SECRET);
        KINDS.put("smtp.starttls", BOOLEAN);
        KINDS.put("failover.peer-url", URL);
        KINDS.put("failover.peer-api-key", SECRET);
        KINDS.put("failover.heartbeat-interval", INTERVAL);
        KINDS.put("failover.timeout", INTERVAL);
        KINDS.put("failover.auto-failback", BOOLEAN);
        KINDS.put("failover.ship-interval", INTERVAL);
        KINDS.put("failover.sync-timeout", INTERVAL);
        KINDS.put("failover.relay-interval", INTERVAL);
        KINDS.put("failover.peer-timeout", INTERVAL);
        KINDS.put("concierge.default-region", REGION);
        KINDS.put("imap.url", MAIL_URL);
        KINDS.put("imap.user", TEXT);
        KINDS.put("imap.password", SECRET);
        KINDS.put("imap.folder", TEXT);
        KINDS.put("imap.processed-folder", TEXT);
        KINDS.put("imap.quarantine-folder", TEXT);
        KINDS.put("imap.poll-delay", INTERVAL);
        KINDS.put("imap.timeout", INTERVAL);
        KINDS.put("imap.backoff-multiplier", NOT_NEGATIVE);
        KINDS.put("backup.interval", INTERVAL);
        KINDS.put("backup.initial-delay", MILLIS);
        KINDS.put("backup.retention", MILLIS);
        KINDS.put("privacy.message-retention", OPEN_DURATION);
        KINDS.put("privacy.retention-interval", INTERVAL);
        KINDS.put("concierge.timezone", TIME_ZONE);
        KINDS.put("journey.cron", CRON);
        KINDS.put("journey.quiet-hours", TIME_RANGE);
        for (String step : List.of("welcome", "pre-arrival", "check-out")) {
            KINDS.put("journey." + step + ".enabled", BOOLEAN);
            KINDS.put("journey." + step + ".offset", MILLIS);
            if (!"welcome".equals(step)) {
                KINDS.put("journey." + step + ".time", TIME_OF_DAY);
            }
            KINDS.put("journey." + step + ".template", TEXT);
            KINDS.put("journey." + step + ".template-language", TEXT);
        }
        KINDS.put("smoobu.webhook-secret", WEBHOOK_TOKEN);
        KINDS.put("smoobu.api-key", SECRET);
        KINDS.put("smoobu.base-url", URL);
        KINDS.put("smoobu.http-timeout", INTERVAL);
        KINDS.put("flightaware.base-url", URL);
        KINDS.put("flightaware.api-key", SECRET);
        KINDS.put("flightaware.cron", CRON);
        KINDS.put("flightaware.timeout", INTERVAL);
        KINDS.put("flightaware.max-retries", NOT_NEGATIVE);
        KINDS.put("flightaware.retry-delay", MILLIS);
        KINDS.put("flightaware.circuit.minimum-calls", POSITIVE);
        KINDS.put("flightaware.circuit.window-size", POSITIVE);
        KINDS.put("flightaware.circuit.open-duration", OPEN_DURATION);
        KINDS.put("flights.airports", TEXT);
        KINDS.put("flights.window", INTERVAL);
        KINDS.put("flights.delay-threshold", INTERVAL);
        KINDS.put("flights.answer-cache", MILLIS);
        KINDS.put("flights.far-answer-cache", MILLIS);
        KINDS.put("flights.notice-template", TEXT);
        KINDS.put("flights.cancelled-notice-template", TEXT);
        KINDS.put("flights.diverted-notice-template", TEXT);
        KINDS.put("flights.notice-template-language", TEXT);
        KINDS.put("openweather.base-url", URL);
        KINDS.put("openweather.api-key", SECRET);
        KINDS.put("openweather.lat", LATITUDE);
        KINDS.put("openweather.lon", LONGITUDE);
        KINDS.put("openweather.cron", CRON);
        KINDS.put("openweather.timeout", INTERVAL);
        KINDS.put("openweather.circuit.minimum-calls", POSITIVE);
        KINDS.put("openweather.circuit.window-size", POSITIVE);
        KINDS.put("openweather.circuit.open-duration", OPEN_DURATION);
        KINDS.put("weather.notice-template", TEXT);
        KINDS.put("weather.notice-template-language", TEXT);
        KINDS.put("notifications.batch-window", INTERVAL);
        KINDS.put("costs.flightaware-per-call", AMOUNT);
        KINDS.put("costs.llm-per-1k-tokens", AMOUNT);
        KINDS.put("costs.template-message", AMOUNT);
        KINDS.put("costs.monthly-budget", AMOUNT);
        KINDS.put("costs.alert-percent", PERCENT);
        KINDS.put("costs.check-cron", CRON);
        KINDS.put("reports.weekly-cron", CRON);
        KINDS.put("reports.monthly-cron", CRON);
        KINDS.put("schedules.enabled", BOOLEAN);
        KINDS.put("schedules.check-cron", CRON);
        KINDS.put("schedules.pause-cron", CRON);
        KINDS.put("schedules.resume-cron", CRON);
        KINDS.put("schedules.idle-after", OPEN_DURATION);
        KINDS.put("schedules.arrivals-window", INTERVAL);
        KINDS.put("console.jwt-secret", JWT_SECRET);
        KINDS.put("console.session-ttl", OPEN_DURATION);
        KINDS.put("console.refresh-ttl", OPEN_DURATION);
        KINDS.put("console.login-rate-limit", POSITIVE);
        KINDS.put("console.login-account-rate-limit", POSITIVE);
        KINDS.put("console.login-rate-window", INTERVAL);
        KINDS.put("console.lockout-after", POSITIVE);
        KINDS.put("console.lockout-duration", OPEN_DURATION);
        KINDS.put("console.live-poll", INTERVAL);
        KINDS.put("console.live-heartbeat", OPEN_DURATION);
        KINDS.put("console.live-batch", POSITIVE);
        KINDS.put("console.live-keep", OPEN_DURATION);
    }

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> texts = new LinkedHashMap<>();

    private Settings() {
    }

    /**
     * Reads and checks every setting, then the ones that only make sense together. Registers the
     * {@code ms:} and {@code seconds:} properties functions the routes read durations with.
     */
    public static Settings read(PropertiesComponent properties) {
        Settings settings = new Settings();
        KINDS.forEach((key, kind) -> {
            String text = properties.resolveProperty(key).map(String::trim)
                    .orElseThrow(() -> new ConfigurationException(key + " has no value (its default is missing from"
                            + " application.properties)"));
            settings.texts.put(key, text);
            try {
                settings.values.put(key, kind.read().apply(text));
            } catch (ConfigurationException unclear) {
                throw unclear;
            } catch (RuntimeException unreadable) {
                throw new ConfigurationException(key + (kind.secret() ? " is not " : " = '" + printable(text)
                        + "' is not ") + kind.form());
            }
        });
        settings.checkTogether();
        properties.addPropertiesFunction(settings.function("ms", duration -> duration.toMillis()));
        properties.addPropertiesFunction(settings.function("seconds", duration -> (duration.toMillis() + 999) / 1000));
        return settings;
    }

    private void checkTogether() {
        requirePortFree(text("camel.server.host"), count("camel.server.port"));
        if ("standby".equals(text("concierge.role")) && text("failover.peer-url").isEmpty()) {
            throw new ConfigurationException("concierge.role = 'standby' needs failover.peer-url (the primary's URL):"
                    + " a standby without its primary would answer guests beside it");
        }
        if (!text("failover.peer-url").isEmpty()) {
            requirePairKeys();
        }
        if ("spoki".equals(text("messaging.provider"))) {
            requireSpokiTemplateIds();
        }
        if (millis("messaging.redelivery-delay") > millis("messaging.max-redelivery-delay")) {
            throw new ConfigurationException("messaging.redelivery-delay is longer than messaging.max-redelivery-delay");
        }
        if (millis("console.refresh-ttl") < millis("console.session-ttl")) {
            throw new ConfigurationException("console.refresh-ttl is shorter than console.session-ttl: a session would"
                    + " end before its first refresh");
        }
        if (millis("console.live-heartbeat") > 10_000) {
            throw new ConfigurationException("console.live-heartbeat is longer than 10s: an open console takes 16 s"
                    + " without a frame for a dead connection and reconnects");
        }
        if (millis("failover.timeout") <= millis("failover.heartbeat-interval")) {
            throw new ConfigurationException("failover.timeout must be longer than failover.heartbeat-interval, or a"
                    + " standby takes over between two heartbeats");
        }
    }

    /**
     * Spoki sends a template by its numeric id: a name would pass the start and fail every send
     * after a guest's window has closed, count against the provider's circuit breaker and end as a
     * dead letter. Every setting that names a template ends in "template".
     */
    private void requireSpokiTemplateIds() {
        KINDS.keySet().stream().filter(key -> key.endsWith("template"))
                .filter(key -> !text(key).isEmpty() && !Fields.SPOKI_TEMPLATE_ID.matcher(text(key)).matches())
                .findFirst().ifPresent(key -> {
                    throw new ConfigurationException(key + " = '" + printable(text(key)) + "' is not a Spoki template's"
                            + " numeric id (messaging.provider = spoki)");
                });
    }

    /** A pair signs its calls with the peer's key, and accepts its peer's calls under a key with the peer scope. */
    private void requirePairKeys() {
        if (text("failover.peer-api-key").length() < ApiKeys.MIN_LENGTH) {
            throw new ConfigurationException("failover.peer-api-key must be the key (at least " + ApiKeys.MIN_LENGTH
                    + " characters) that the peer accepts with the peer scope");
        }
        Optional<?> keys = (Optional<?>) values.get("concierge.api-keys");
        if (keys.isEmpty() || !((ApiKeys) keys.get()).anyWith(ApiKeys.Scope.PEER)) {
            throw new ConfigurationException("concierge.api-keys needs a key with the peer scope (key:peer) for the"
                    + " calls of the peer at failover.peer-url");
        }
    }

    /**
     * The HTTP server logs a port it cannot bind and carries on without it, while requests reach
     * whatever holds the port: so the hub checks first, and does not start.
     */
    private static void requirePortFree(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException taken) {
            throw new ConfigurationException("camel.server.port " + port + " on " + host
                    + " is in use by another process (or not bindable); stop it or choose another port");
        }
    }

    /** A setting as written (trimmed); empty when unset. */
    public String text(String key) {
        return known(key, texts);
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(text(key));
    }

    public int count(String key) {
        return Math.toIntExact((Long) known(key, values));
    }

    public Duration duration(String key) {
        return (Duration) known(key, values);
    }

    /** A size in bytes. */
    public long bytes(String key) {
        return (Long) known(key, values);
    }

    /** A number with decimals (a price, a budget, a coordinate). */
    public double decimal(String key) {
        return (Double) known(key, values);
    }

    public long millis(String key) {
        return duration(key).toMillis();
    }

    private <T> T known(String key, Map<String, T> map) {
        T value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no setting " + key);
        }
        return value;
    }

    /** {@code 500ms}, {@code 3s}, {@code 2m}, {@code 1h}, {@code 1d}, ISO-8601 or plain milliseconds. */
    public static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.matches("\\d+")) {
            return Duration.ofMillis(Long.parseLong(value));
        }
        Matcher unit = WITH_UNIT.matcher(value);
        if (unit.matches()) {
            long amount = Long.parseLong(unit.group(1));
            return switch (unit.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException notIso) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
    }

    private PropertiesFunction function(String name, Function<Duration, Long> unit) {
        return new PropertiesFunction() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public String apply(String key) {
                return String.valueOf(unit.apply(duration(key)));
            }
        };
    }

    /** A value in the error line: control characters shown as '?' so that the line stays one line. */
    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
