package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubCommand;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hotel that ran the hub alone and then starts it with a new {@code concierge.encryption-key}
 * (say, for a pair) would find its guests' phones, names and texts unreadable: the configured key
 * takes precedence over the data directory's. The database keeps the check value of its key, and a
 * start with another key stops with one line naming the setting (never a key) and exit code 2; the
 * key it was written with starts it, its guests as they were.
 */
public class AHubStartedWithAnotherKeyThanItsDataStopsTest {

    static final String KEY_A = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=";
    static final String KEY_B = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=";
    static final String PHONE = "+393331234567";

    /** The data directory of a hub that ran with {@code key} (set, so no key file) and met one guest. */
    public static Path aDataDirWithAGuestUnder(String key) throws Exception {
        Path dataDir = Files.createTempDirectory("key-check-");
        try (TestHub hub = TestHub.builder().dataDir(dataDir).property("concierge.encryption-key", key).start()) {
            hub.postSpoki(Webhooks.spokiInbound(PHONE, "Ciao"));
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.count("SELECT COUNT(*) FROM guests") == 1);
        }
        return dataDir;
    }

    @Test
    void anotherKeyStopsTheStartAndTheDataStaysReadableWithItsOwn() throws Exception {
        Path dataDir = aDataDirWithAGuestUnder(KEY_A);

        HubCommand.Result withB = HubCommand.run(dataDir, Map.of("CONCIERGE_ENCRYPTION_KEY", KEY_B,
                "CAMEL_SERVER_PORT", String.valueOf(TestHub.freePort())), "run");

        assertThat(withB.exitCode()).isEqualTo(2);
        assertThat(withB.err().strip().lines()).singleElement().asString()
                .startsWith("concierge-hub: configuration error: concierge.encryption-key does not match the data in "
                        + dataDir.toAbsolutePath().resolve("hub.db"))
                .doesNotContain("Exception");
        assertThat(withB.err() + withB.out()).doesNotContain(KEY_A, KEY_B);

        try (TestHub hub = TestHub.builder().dataDir(dataDir).property("concierge.encryption-key", KEY_A).start()) {
            hub.postSpoki(Webhooks.spokiInbound(PHONE, "Grazie"));
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.count("SELECT COUNT(*) FROM messages WHERE"
                    + " direction = 'in'") == 2);
            assertThat(hub.count("SELECT COUNT(*) FROM guests")).as("the returning guest is the same guest").isEqualTo(1);
        }
    }
}
