package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.failover.Snapshots.Snapshot;
import io.conciergehub.store.Database;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot is a compressed, intact copy of the database with a checksum file that matches it;
 * snapshots older than the retention are deleted.
 */
class SnapshotIsVerifiedTest {

    static final Instant T0 = Instant.parse("2025-07-01T10:00:00Z");

    @TempDir
    Path dataDir;
    Database db;
    Path backups;

    @BeforeEach
    void aDatabaseWithGuests() {
        db = Database.open(dataDir, true);
        backups = dataDir.resolve("backups");
        db.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO guests (phone_hash, phone_enc, name, created_at, updated_at) VALUES (?, 'enc', ?, 0, 0)")) {
                for (String name : new String[] {"Anna", "Bruno", "Chiara"}) {
                    insert.setString(1, "hash-" + name);
                    insert.setString(2, name);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aSnapshotIsAnIntactCompressedCopyWhoseChecksumFileMatchesIt() throws Exception {
        Snapshot snapshot = snapshotsAt(T0, Duration.ofDays(7)).take();

        assertThat(snapshot.file()).isRegularFile().hasParent(backups);
        assertThat(snapshot.file().getFileName().toString()).isEqualTo("hub-20250701T100000.000Z.db.gz");
        JsonNode sidecar = new ObjectMapper().readTree(Path.of(snapshot.file() + ".json").toFile());
        assertThat(sidecar.path("sha256").asText()).isEqualTo(sha256(snapshot.file())).isEqualTo(snapshot.sha256());
        assertThat(sidecar.path("bytes").asLong()).isEqualTo(Files.size(snapshot.file())).isEqualTo(snapshot.bytes());
        assertThat(sidecar.path("createdAt").asText()).isEqualTo("2025-07-01T10:00:00Z");
        assertThat(sidecar.path("position").asLong()).isEqualTo(snapshot.position()).isEqualTo(livePosition());
        assertThat(sidecar.path("schemaVersion").asText()).isEqualTo(liveText(
                "SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL"
                        + " ORDER BY installed_rank DESC LIMIT 1"));

        Path unpacked = dataDir.resolve("unpacked.db");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(snapshot.file()))) {
            Files.copy(in, unpacked);
        }
        assertThat(query(unpacked, "PRAGMA integrity_check")).isEqualTo("ok");
        assertThat(query(unpacked, "SELECT group_concat(name, ',') FROM (SELECT name FROM guests ORDER BY name)"))
                .isEqualTo("Anna,Bruno,Chiara");
        assertThat(Snapshots.verify(snapshot.file())).isEqualTo(snapshot);
        assertThat(snapshotsAt(T0, Duration.ofDays(7)).latest()).contains(snapshot);
        try (var left = Files.list(backups)) {
            assertThat(left.map(file -> file.getFileName().toString()))
                    .as("only the snapshot and its checksum file, no uncompressed copy")
                    .containsExactlyInAnyOrder("hub-20250701T100000.000Z.db.gz", "hub-20250701T100000.000Z.db.gz.json");
        }
    }

    @Test
    void snapshotsOlderThanTheRetentionAreDeletedAndTheRecentOnesKept() throws Exception {
        Duration week = Duration.ofDays(7);
        Snapshot first = snapshotsAt(T0, week).take();
        Snapshot threeDaysLater = snapshotsAt(T0.plus(Duration.ofDays(3)), week).take();
        Snapshot nineDaysLater = snapshotsAt(T0.plus(Duration.ofDays(9)), week).take();

        assertThat(first.file()).doesNotExist();
        assertThat(Path.of(first.file() + ".json")).doesNotExist();
        assertThat(snapshotsAt(T0.plus(Duration.ofDays(9)), week).list()).containsExactly(nineDaysLater, threeDaysLater);

        Snapshot monthLater = snapshotsAt(T0.plus(Duration.ofDays(30)), week).take();
        assertThat(snapshotsAt(T0.plus(Duration.ofDays(30)), week).list()).containsExactly(monthLater);
        assertThat(Snapshots.verify(monthLater.file())).isEqualTo(monthLater);
    }

    private Snapshots snapshotsAt(Instant now, Duration retention) {
        return new Snapshots(db, backups, retention, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The change log's last sequence number, 0 while the database has no change log. */
    private long livePosition() throws Exception {
        boolean hasChangeLog = liveText("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'change_log'") != null;
        return hasChangeLog ? Long.parseLong(liveText(ChangeLog.LAST_SEQ)) : 0;
    }

    private String liveText(String sql) throws Exception {
        return query(db.file(), sql);
    }

    private static String query(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
