package io.conciergehub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Schema version 4: seals the guest names and message texts that older versions stored in clear,
 * in their tables and in the change log not yet shipped to the peer. A Java migration because it
 * needs the key; it runs once per database, also on an old snapshot restored or received from the
 * peer, and skips values already sealed.
 */
final class SealNamesAndTexts implements JavaMigration {

    /** Table → column holding a name, a message text or what may carry them (template fields, event data). */
    static final Map<String, String> SEALED_COLUMNS = Map.of("guests", "name", "messages", "body",
            "outbox", "template_fields", "buffered_events", "payload", "dead_letters", "payload");

    private final FieldCrypto crypto;

    SealNamesAndTexts(FieldCrypto crypto) {
        this.crypto = crypto;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("4");
    }

    @Override
    public String getDescription() {
        return "seal names and texts";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        refuseAnotherKey(c);
        // Zeroes the clear values' old cells, so they do not linger in the file's free space.
        String secureDelete = pragma(c, "PRAGMA secure_delete = ON");
        try {
            for (Map.Entry<String, String> column : SEALED_COLUMNS.entrySet()) {
                String table = column.getKey();
                String name = column.getValue();
                seal(c, "SELECT id, " + name + " FROM " + table, "UPDATE " + table + " SET " + name + " = ? WHERE id = ?");
                seal(c, "SELECT seq, json_extract(row_data, '$." + name + "') FROM change_log WHERE op = 'upsert'"
                        + " AND tbl = '" + table + "'", "UPDATE change_log SET row_data = json_set(row_data, '$." + name
                        + "', ?) WHERE seq = ?");
            }
        } finally {
            pragma(c, "PRAGMA secure_delete = " + secureDelete); // the pooled connection as it was
        }
    }

    /** Runs a pragma; returns the setting before it. */
    private static String pragma(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            String before;
            try (ResultSet row = s.executeQuery("PRAGMA secure_delete")) {
                before = row.next() ? row.getString(1) : "0";
            }
            s.execute(sql);
            return before;
        }
    }

    /** Sealing with a key other than the phones' would make the names unreadable for good: stop first. */
    private void refuseAnotherKey(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet row = s.executeQuery("SELECT phone_enc FROM guests LIMIT 1")) {
            if (row.next()) {
                crypto.decrypt(row.getString(1)); // throws on another key
            }
        }
    }

    private void seal(Connection c, String select, String update) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(select);
             PreparedStatement write = c.prepareStatement(update)) {
            while (rows.next()) {
                String value = rows.getString(2);
                if (value != null && !FieldCrypto.isSealed(value)) {
                    write.setString(1, crypto.seal(value));
                    write.setLong(2, rows.getLong(1));
                    write.addBatch();
                }
            }
            write.executeBatch();
        }
    }
}
