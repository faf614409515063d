package io.conciergehub.support;

import io.conciergehub.store.Database;
import io.conciergehub.store.FieldCrypto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

/**
 * A data directory as hubs before sealing left it: the schema's real migrations up to version 3,
 * phone numbers encrypted with the directory's key file, names and texts in clear.
 */
public final class OldFormatDataDir {

    public static final String PHONE = "+393331112233";
    public static final String NAME = "Mario Rossi";
    /** Not answered yet: the concierge answers it once the hub starts. */
    public static final String QUESTION = "Wann kann ich einchecken? Wir kommen spät an.";
    /** Queued by the old hub, not yet sent: the outbox sends it once the hub starts. */
    public static final String QUEUED_ANSWER = "Gern, wir halten Ihnen einen Parkplatz frei.";
    /** Sent already, with the guest's name in the template's fields. */
    public static final String TEMPLATE_FIELDS = "{\"GUEST_NAME\":\"" + NAME + "\"}";
    /** Another guest, whose name came sealed already (from a peer of the new version). */
    public static final String SEALED_PHONE = "+393331112244";
    public static final String SEALED_NAME = "Giulia Bianchi";

    private OldFormatDataDir() {
    }

    public static Path create() throws Exception {
        Path dir = Files.createTempDirectory("hub-old-format-");
        FieldCrypto crypto = FieldCrypto.fromConfiguredKeyOrFile("", dir);
        SQLiteDataSource file = Database.sqlite(dir.resolve("hub.db"), 5000);
        Flyway.configure().dataSource(file).locations("classpath:db/migration").target("3").load().migrate();
        long now = System.currentTimeMillis();
        long minuteAgo = now - 60_000;
        try (Connection c = file.getConnection()) {
            insert(c, "INSERT INTO guests (id, phone_hash, phone_enc, name, language, last_inbound_at, created_at,"
                    + " updated_at) VALUES (1, ?, ?, ?, 'de', ?, ?, ?)", crypto.blindIndex(PHONE), crypto.encrypt(PHONE),
                    NAME, minuteAgo, minuteAgo, minuteAgo);
            insert(c, "INSERT INTO guests (id, phone_hash, phone_enc, name, created_at, updated_at)"
                    + " VALUES (2, ?, ?, ?, ?, ?)", crypto.blindIndex(SEALED_PHONE), crypto.encrypt(SEALED_PHONE),
                    crypto.seal(SEALED_NAME), minuteAgo, minuteAgo);
            insert(c, "INSERT INTO messages (id, guest_id, direction, provider, provider_message_id, body, status,"
                    + " created_at, updated_at) VALUES (1, 1, 'in', 'spoki', 'old-msg-1', ?, 'received', ?, ?)",
                    QUESTION, minuteAgo, minuteAgo);
            insert(c, "INSERT INTO messages (id, guest_id, direction, provider, body, language, status, created_at,"
                    + " updated_at) VALUES (2, 1, 'out', 'log', ?, 'de', 'queued', ?, ?)", QUEUED_ANSWER, minuteAgo,
                    minuteAgo);
            insert(c, "INSERT INTO outbox (message_id, guest_id, purpose, state, next_attempt_at, created_at, updated_at)"
                    + " VALUES (2, 1, 'command', 'queued', ?, ?, ?)", minuteAgo, minuteAgo, minuteAgo);
            insert(c, "INSERT INTO messages (id, guest_id, direction, provider, status, created_at, updated_at)"
                    + " VALUES (3, 1, 'out', 'log', 'sent', ?, ?)", minuteAgo, minuteAgo);
            insert(c, "INSERT INTO outbox (message_id, guest_id, purpose, template_name, template_fields, state,"
                    + " next_attempt_at, created_at, updated_at) VALUES (3, 1, 'command', 'welcome', ?, 'done', ?, ?, ?)",
                    TEMPLATE_FIELDS, minuteAgo, minuteAgo, minuteAgo);
            String event = "{\"guest\":\"" + NAME + "\"}";
            insert(c, "INSERT INTO buffered_events (event_id, type, payload, occurred_at, next_attempt_at)"
                    + " VALUES ('ev-old-1', 'crm.note', ?, ?, ?)", event, minuteAgo, minuteAgo);
            insert(c, "INSERT INTO dead_letters (source, reference, error, payload, created_at)"
                    + " VALUES ('events', 'ev-old-0', 'HTTP 400', ?, ?)", event, minuteAgo);
            insert(c, "INSERT INTO change_log (tbl, op, row_key, row_data, at) VALUES ('guests', 'upsert',"
                    + " json_object('id', 1), json_object('id', 1, 'name', ?), ?)", NAME, minuteAgo);
        }
        return dir;
    }

    private static void insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }
}
