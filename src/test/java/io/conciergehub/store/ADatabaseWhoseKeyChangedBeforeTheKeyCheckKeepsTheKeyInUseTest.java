package io.conciergehub.store;

import static io.conciergehub.store.ADatabaseWrittenBeforeTheKeyCheckAcceptsOnlyTheKeyItsDataDecryptsWithTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conciergehub.guest.GuestRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A hotel that followed the older pair recipe gave a primary that had run alone (key A, from its
 * key file) a new key B: its database holds guests under both keys, and the hub has run on B since.
 * The first start after the upgrade keeps B, the key in use, rather than stopping on the oldest
 * guest's A; from then on the check value holds B and a start with A stops.
 */
class ADatabaseWhoseKeyChangedBeforeTheKeyCheckKeepsTheKeyInUseTest {

    @Test
    void theNewestDataDecidesTheKeyAndTheOldKeyIsRefusedAfter() throws Exception {
        Path dataDir = Files.createTempDirectory("key-check-mixed-");
        FieldCrypto keyA = key('A');
        FieldCrypto keyB = key('B');
        try (Database db = Database.open(dataDir, true, keyA)) {
            db.write(c -> new GuestRepository(keyA).findOrCreate(c, "+393331234567", 1L));
            db.write(c -> new GuestRepository(keyB).findOrCreate(c, "+393337654321", 2L));
            // As a version before the check value left it.
            db.write(c -> Sql.update(c, "DELETE FROM key_check"));
        }

        try (Database db = Database.open(dataDir, true, keyB)) {
            long checks = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM key_check"));
            assertThat(checks).isEqualTo(1);
        }
        assertThatThrownBy(() -> Database.open(dataDir, true, keyA)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("concierge.encryption-key does not match the data in ");
    }
}
