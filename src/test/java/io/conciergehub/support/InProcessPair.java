package io.conciergehub.support;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;

/**
 * A primary and a standby started in this JVM, each with {@code failover.peer-url} at the other's
 * port, signing with {@link TestHub#PEER_KEY} and heartbeating every {@link #HEARTBEAT_MILLIS}.
 * The standby starts first, so the primary finds it at start-up, as on a hotel's site.
 */
public final class InProcessPair implements AutoCloseable {

    public static final int HEARTBEAT_MILLIS = 300;

    private final String primaryKey;
    private final int standbyPort;
    private TestHub primary;
    private final TestHub standby;
    private LinkProxy linkToPrimary; // null: the standby calls the primary directly

    private InProcessPair(TestHub primary, TestHub standby, String primaryKey, int standbyPort) {
        this.primary = primary;
        this.standby = standby;
        this.primaryKey = primaryKey;
        this.standbyPort = standbyPort;
    }

    /**
     * Both nodes with one encryption key, the standby's calls to the primary through a
     * {@link LinkProxy} the test can slow down or cut ({@link #linkToPrimary()}); the primary calls
     * the standby directly.
     */
    public static InProcessPair withALinkToThePrimary(UnaryOperator<TestHub.Builder> primarySettings,
            UnaryOperator<TestHub.Builder> standbySettings) throws Exception {
        String key = newKey();
        int primaryPort = TestHub.freePort();
        LinkProxy link = new LinkProxy(primaryPort);
        try {
            InProcessPair pair = start(primarySettings, standby -> standbySettings.apply(standby)
                    .property("failover.peer-url", "http://localhost:" + link.port()), key, key, primaryPort);
            pair.linkToPrimary = link;
            return pair;
        } catch (Exception | Error e) {
            link.close();
            throw e;
        }
    }

    public LinkProxy linkToPrimary() {
        return linkToPrimary;
    }

    /** Both nodes with one encryption key, as a pair should be. */
    public static InProcessPair withOneKey() throws Exception {
        return withOneKey(primary -> primary);
    }

    /** Both nodes with one encryption key, the primary with these settings too. */
    public static InProcessPair withOneKey(UnaryOperator<TestHub.Builder> primarySettings) throws Exception {
        String key = newKey();
        return start(primarySettings, key, key);
    }

    /** Both nodes with one encryption key, each with its own settings too. */
    public static InProcessPair withOneKey(UnaryOperator<TestHub.Builder> primarySettings,
            UnaryOperator<TestHub.Builder> standbySettings) throws Exception {
        String key = newKey();
        return start(primarySettings, standbySettings, key, key);
    }

    /** Each node with its own encryption key: a misconfigured pair. */
    public static InProcessPair withDifferentKeys(UnaryOperator<TestHub.Builder> primarySettings) throws Exception {
        return start(primarySettings, newKey(), newKey());
    }

    private static InProcessPair start(UnaryOperator<TestHub.Builder> primarySettings, String primaryKey,
            String standbyKey) throws Exception {
        return start(primarySettings, standby -> standby, primaryKey, standbyKey);
    }

    private static InProcessPair start(UnaryOperator<TestHub.Builder> primarySettings,
            UnaryOperator<TestHub.Builder> standbySettings, String primaryKey, String standbyKey) throws Exception {
        return start(primarySettings, standbySettings, primaryKey, standbyKey, TestHub.freePort());
    }

    private static InProcessPair start(UnaryOperator<TestHub.Builder> primarySettings,
            UnaryOperator<TestHub.Builder> standbySettings, String primaryKey, String standbyKey, int primaryPort)
            throws Exception {
        int standbyPort = TestHub.freePort();
        TestHub standby = standbySettings.apply(node("standby", standbyPort, primaryPort, standbyKey)).start();
        try {
            return new InProcessPair(primarySettings.apply(node("primary", primaryPort, standbyPort, primaryKey)).start(),
                    standby, primaryKey, standbyPort);
        } catch (Exception | Error e) {
            standby.close();
            throw e;
        }
    }

    private static TestHub.Builder node(String role, int port, int peerPort, String encryptionKey) {
        return TestHub.builder().scopedKeys().port(port).property("concierge.role", role)
                .property("concierge.encryption-key", encryptionKey)
                .property("failover.peer-url", "http://localhost:" + peerPort)
                .property("failover.peer-api-key", TestHub.PEER_KEY)
                .property("failover.heartbeat-interval", String.valueOf(HEARTBEAT_MILLIS))
                .property("failover.ship-interval", "200");
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public TestHub primary() {
        return primary;
    }

    public TestHub standby() {
        return standby;
    }

    /**
     * Once paired, the standby has installed the primary's snapshot: the file that replaces its
     * database at that moment fails a read of it (SQLITE_IOERR), so a test reads the standby's
     * database only after this.
     */
    public InProcessPair awaitPaired() {
        Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> standby.log().text().contains("event=replication.snapshot-installed "));
        return this;
    }

    /**
     * The primary started again (after the test closed it) on its port and data directory, with
     * these settings too: a primary that returns.
     */
    public TestHub restartPrimary(UnaryOperator<TestHub.Builder> settings) throws Exception {
        primary = settings.apply(node("primary", primary.port(), standbyPort, primaryKey).dataDir(primary.dataDir()))
                .start();
        return primary;
    }

    @Override
    public void close() {
        try {
            primary.close();
        } finally {
            try {
                standby.close();
            } finally {
                closeLink();
            }
        }
    }

    private void closeLink() {
        if (linkToPrimary != null) {
            try {
                linkToPrimary.close();
            } catch (java.io.IOException ignored) {
                // the test is over: nothing more goes through it
            }
        }
    }
}
