package io.conciergehub.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the hub opens its database with the key the database's personal data is encrypted
 * under. A configured {@code concierge.encryption-key} takes precedence over the data directory's
 * {@code encryption.key}; with another key than before, every stored phone number, name and text
 * would be unreadable, returning guests new guests. The database keeps the key's check value
 * ({@link FieldCrypto#keyCheck}: an HMAC under the key, never the key) from its first start; a
 * start with a key whose check value differs stops with one line naming the setting (exit 2).
 *
 * <p>A database written before the check value existed gets one, once the newest value encrypted in
 * it (if any) has decrypted with the key; a value that does not decrypt stops the start the same way.
 * The newest, because the key in use is the one to keep: a hotel that followed an older pair recipe
 * (a new key on a primary that had run alone) holds rows under both keys, and a hub that ran on the
 * new key must still start on it after the upgrade. A
 * database that holds nothing encrypted (a standby started with a wrong key applies nothing of its
 * primary's) takes the key it is opened with: there is nothing another key would make unreadable.
 */
final class KeyCheck {

    private static final Logger LOG = LoggerFactory.getLogger(KeyCheck.class);

    private KeyCheck() {
    }

    /** Writes the check value of a database that has none, or refuses a key that is not its own. */
    static void verify(Database db, FieldCrypto crypto, Path dataDir) {
        String expected = crypto.keyCheck();
        Optional<String> stored = db.read(c -> Sql.one(c, "SELECT value FROM key_check WHERE id = 1",
                row -> row.getString(1)));
        if (stored.isPresent() && stored.get().equals(expected)) {
            return;
        }
        Optional<String> encrypted = db.read(KeyCheck::anEncryptedValue);
        if (encrypted.isPresent() && (stored.isPresent() || !decrypts(crypto, encrypted.get()))) {
            throw anotherKey(dataDir);
        }
        db.write(c -> Sql.update(c, "INSERT OR REPLACE INTO key_check (id, value) VALUES (1, ?)", expected));
        if (stored.isPresent()) {
            // A first start writes the value unremarked; taking another key is worth a line.
            LOG.info("event=store.key-check-replaced reason=\"nothing encrypted in the database\"");
        }
    }

    /** The newest value encrypted in the database (sealed, as {@link FieldCrypto#open} reads it), if it holds any. */
    private static Optional<String> anEncryptedValue(Connection c) throws SQLException {
        // Encrypted without the mark: a guest's phone, a command's payload (a finished one's is emptied).
        for (String encrypted : new String[] {
                "SELECT phone_enc FROM guests WHERE phone_enc IS NOT NULL ORDER BY rowid DESC LIMIT 1",
                "SELECT payload_enc FROM commands WHERE payload_enc <> '' ORDER BY rowid DESC LIMIT 1"}) {
            Optional<String> value = Sql.one(c, encrypted, row -> FieldCrypto.SEALED + row.getString(1));
            if (value.isPresent()) {
                return value;
            }
        }
        for (Map.Entry<String, String> column : SealNamesAndTexts.SEALED_COLUMNS.entrySet()) {
            Optional<String> sealed = Sql.one(c, "SELECT " + column.getValue() + " FROM " + column.getKey() + " WHERE "
                    + column.getValue() + " LIKE ? ORDER BY rowid DESC LIMIT 1", row -> row.getString(1), FieldCrypto.SEALED + "%");
            if (sealed.isPresent()) {
                return sealed;
            }
        }
        return Optional.empty();
    }

    private static boolean decrypts(FieldCrypto crypto, String sealed) {
        try {
            crypto.open(sealed);
            return true;
        } catch (IllegalStateException | IllegalArgumentException notThisKey) {
            return false;
        }
    }

    private static ConfigurationException anotherKey(Path dataDir) {
        return new ConfigurationException("concierge.encryption-key does not match the data in "
                + dataDir.toAbsolutePath().resolve("hub.db") + ", which is encrypted with another key: set the key it"
                + " was written with (on a hub that made its own, the content of its encryption.key), never a new one"
                + " on a data directory in use");
    }
}
