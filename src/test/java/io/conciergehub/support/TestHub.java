package io.conciergehub.support;

import io.conciergehub.Application;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real application, started in-process exactly as {@code Application.main} starts it, on a
 * free port with its own data directory; a {@link HubClient} of it.
 */
public final class TestHub extends HubClient implements AutoCloseable {

    public static final String API_KEY = "test-api-key-0123456789abcdef";
    /** Keys holding one scope each, configured by {@link Builder#scopedKeys()}. */
    public static final String COMMANDS_KEY = "commands-key-0123456789abcdef";
    public static final String EVENTS_KEY = "events-key-0123456789abcdefgh";
    public static final String READ_KEY = "read-key-0123456789abcdefghij";
    public static final String SYNC_KEY = "sync-key-0123456789abcdefghij";
    /** The key a pair's peer signs its calls with (scope peer). */
    public static final String PEER_KEY = "peer-key-0123456789abcdefghij";
    public static final String SPOKI_SECRET = "spoki-signing-secret";
    public static final String WHATSAPP_APP_SECRET = "meta-app-secret";
    public static final String WHATSAPP_VERIFY_TOKEN = "verify-me";
    /** The token of Smoobu's hook URL ({@code /webhooks/smoobu?token=…}). */
    public static final String SMOOBU_SECRET = "smoobu-hook-token-5f3a9c0e17b24d6a";

    private final Main main;
    private final HubLog log;

    private TestHub(Main main, int port, Path dataDir, HubLog log) {
        super(port, dataDir);
        this.main = main;
        this.log = log;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Path dataDir;
        private int port;
        private Clock clock;
        private String name;

        private Builder() {
            properties.put("concierge.api-keys", API_KEY);
            properties.put("spoki.webhook-secret", SPOKI_SECRET);
            properties.put("whatsapp.app-secret", WHATSAPP_APP_SECRET);
            properties.put("whatsapp.verify-token", WHATSAPP_VERIFY_TOKEN);
            properties.put("smoobu.webhook-secret", SMOOBU_SECRET);
            properties.put("concierge.sweep-interval", "1000");
            properties.put("messaging.recipient-spacing", "100");
            // Tests answer with the demo hotel's facts, whatever the provider.
            properties.put("concierge.allow-demo-facts", "true");
            // A test whose clock (or the real one) passes 02:00 would find the cloud-facing work paused
            // by the night schedule: the tests of the schedule turn it on (watchers/Pauses).
            properties.put("schedules.enabled", "false");
            // Notices go after a second instead of two minutes; the batch tests set their own window.
            properties.put("notifications.batch-window", "1s");
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** {@link #API_KEY} holds every scope but peer; one more key per scope. */
        public Builder scopedKeys() {
            return property("concierge.api-keys", String.join(",", API_KEY, COMMANDS_KEY + ":commands",
                    EVENTS_KEY + ":events", READ_KEY + ":read", SYNC_KEY + ":sync", PEER_KEY + ":peer"));
        }

        /** A standby whose primary is away (it stays passive until failover.timeout); with {@link #scopedKeys()}. */
        public Builder standbyOfAnAbsentPrimary() {
            return property("concierge.role", "standby").property("failover.peer-url", "http://127.0.0.1:9")
                    .property("failover.peer-api-key", PEER_KEY);
        }

        /** Reuse a data directory, e.g. to start the hub again on the same database. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Listen on this port (e.g. one a peer was told of before this hub starts) instead of a free one. */
        public Builder port(int chosen) {
            this.port = chosen;
            return this;
        }

        /** The name its log file starts with (without it, the test class's that starts it, or "hub"). */
        public Builder name(String logName) {
            this.name = logName;
            return this;
        }

        /** The hub's clock (HubConfiguration's {@code clock}, which every bean takes) instead of the system's. */
        public Builder clock(Clock chosen) {
            this.clock = chosen;
            return this;
        }

        public TestHub start() throws Exception {
            Path dir = dataDir != null ? dataDir : Files.createTempDirectory("hub-test-");
            int port = this.port > 0 ? this.port : freePort();
            Main main = clock != null ? Application.create(clock) : Application.create();
            properties.forEach(main::addOverrideProperty);
            main.addOverrideProperty("concierge.data-dir", dir.toString());
            main.addOverrideProperty("camel.server.port", String.valueOf(port));
            HubLog log = HubLog.capture((name != null ? name : testClass()) + "-" + port);
            try {
                main.start();
            } catch (Exception | Error e) {
                log.close();
                throw e;
            }
            return new TestHub(main, port, dir, log);
        }

        /** The simple name of the test class starting this hub, for the name of its log file. */
        private static String testClass() {
            return StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                    .filter(name -> !name.startsWith(TestHub.class.getPackageName() + "."))
                    .filter(name -> name.startsWith("io.conciergehub.")).findFirst()
                    .map(name -> name.substring(name.lastIndexOf('.') + 1).replaceAll("\\$.*", ""))
                    .orElse("hub"));
        }
    }

    /** A port for a test's server: see {@link FreePorts} for why not {@code new ServerSocket(0)}. */
    public static int freePort() {
        return FreePorts.next();
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** This hub's log: what the test's JVM logged from the hub's start to its stop. */
    public HubLog log() {
        return log;
    }

    /** Stops the hub, then checks its log for the tests' secrets. */
    @Override
    public void close() {
        try {
            main.stop();
        } finally {
            log.close();
        }
        log.assertNoSecrets();
    }
}
