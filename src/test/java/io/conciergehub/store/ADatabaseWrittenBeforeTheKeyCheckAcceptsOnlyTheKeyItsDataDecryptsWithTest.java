package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conciergehub.guest.GuestRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A data directory written by a version that kept no key check value: its first start with a key
 * its guests' data does not decrypt with stops (one line naming concierge.encryption-key); a start
 * with its own key writes the check value, so a later start with another key stops too.
 */
class ADatabaseWrittenBeforeTheKeyCheckAcceptsOnlyTheKeyItsDataDecryptsWithTest {

    static FieldCrypto key(char fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return new FieldCrypto(key);
    }

    @Test
    void anotherKeyIsRefusedAndItsOwnKeyGetsTheCheckValue() throws Exception {
        Path dataDir = Files.createTempDirectory("key-check-legacy-");
        FieldCrypto keyA = key('A');
        FieldCrypto keyB = key('B');
        try (Database db = Database.open(dataDir, true, keyA)) {
            db.write(c -> new GuestRepository(keyA).findOrCreate(c, "+393331234567", 1L));
            // As a version before the check value left it.
            db.write(c -> Sql.update(c, "DELETE FROM key_check"));
        }

        assertThatThrownBy(() -> Database.open(dataDir, true, keyB)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("concierge.encryption-key does not match the data in "
                        + dataDir.toAbsolutePath().resolve("hub.db"));

        try (Database db = Database.open(dataDir, true, keyA)) {
            long checks = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM key_check"));
            assertThat(checks).isEqualTo(1);
        }
        // Now refused by the check value alone, whatever the guests' rows.
        try (Database db = Database.open(dataDir, true, keyA)) {
            db.write(c -> Sql.update(c, "DELETE FROM guests"));
            db.write(c -> new GuestRepository(keyB).findOrCreate(c, "+393331234567", 2L));
        }
        assertThatThrownBy(() -> Database.open(dataDir, true, keyB)).isInstanceOf(ConfigurationException.class);
    }
}
