package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conciergehub.failover.Snapshots.Snapshot;
import io.conciergehub.store.Database;
import io.conciergehub.support.HubCommand;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore} of a damaged snapshot refuses with a message that names the file and the
 * problem, exits non-zero, and leaves the current database exactly as it was.
 */
class RestoreRefusesCorruptSnapshotTest {

    @TempDir
    Path dataDir;
    Snapshot snapshot;
    Map<String, String> databaseBefore;

    @BeforeEach
    void aDatabaseAndASnapshotOfIt() throws Exception {
        try (Database db = Database.open(dataDir, true)) {
            db.write(connection -> connection.createStatement().executeUpdate(
                    "INSERT INTO guests (phone_hash, phone_enc, name, created_at, updated_at) VALUES ('h', 'e', 'Anna', 0, 0)"));
            snapshot = new Snapshots(db, dataDir.resolve("backups"), Duration.ofDays(7), Clock.systemUTC()).take();
        }
        databaseBefore = databaseFiles();
    }

    @Test
    void aSnapshotWithFlippedBytesIsRefused() throws Exception {
        byte[] bytes = Files.readAllBytes(snapshot.file());
        for (int i = bytes.length / 2; i < bytes.length / 2 + 8; i++) {
            bytes[i] ^= (byte) 0xFF;
        }
        Files.write(snapshot.file(), bytes);

        HubCommand.Result restore = HubCommand.run(dataDir, "restore", snapshot.file().toString());

        assertRefused(restore, "checksum mismatch: expected " + snapshot.sha256() + " got ");
    }

    @Test
    void aTruncatedSnapshotIsRefused() throws Exception {
        byte[] bytes = Files.readAllBytes(snapshot.file());
        Files.write(snapshot.file(), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        HubCommand.Result restore = HubCommand.run(dataDir, "restore", "latest");

        assertRefused(restore, "checksum mismatch: expected " + snapshot.sha256() + " got ");
        assertThat(restore.err()).contains("(" + bytes.length / 2 + " bytes, " + bytes.length + " when written)");
    }

    @Test
    void aSnapshotWithoutItsChecksumFileIsRefused() throws Exception {
        Files.delete(Path.of(snapshot.file() + ".json"));

        HubCommand.Result restore = HubCommand.run(dataDir, "restore", snapshot.file().toString());

        assertRefused(restore, "no checksum file " + snapshot.file().getFileName() + ".json");
    }

    @Test
    void aFileThatIsNotGzipIsRefusedEvenWithAMatchingChecksum() throws Exception {
        Files.write(snapshot.file(), Files.readAllBytes(dataDir.resolve("hub.db")));
        matchChecksumFileToTheSnapshot();

        HubCommand.Result restore = HubCommand.run(dataDir, "restore", snapshot.file().toString());

        assertRefused(restore, "not a gzip file");
    }

    @Test
    void aSnapshotOfADamagedDatabaseIsRefusedEvenWithAMatchingChecksum() throws Exception {
        byte[] database;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(snapshot.file()))) {
            database = in.readAllBytes();
        }
        // Page 2 onwards holds tables and indexes; the header on page 1 stays valid.
        for (int i = 4096; i < database.length; i += 7) {
            database[i] = (byte) 0x5A;
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(snapshot.file()))) {
            out.write(database);
        }
        matchChecksumFileToTheSnapshot();

        HubCommand.Result restore = HubCommand.run(dataDir, "restore", snapshot.file().toString());

        assertRefused(restore, "integrity_check failed: ");
    }

    private void assertRefused(HubCommand.Result restore, String problem) throws Exception {
        assertThat(restore.exitCode()).as(restore.err()).isNotZero();
        assertThat(restore.err()).contains("restore refused: snapshot " + snapshot.file().toAbsolutePath() + ": " + problem)
                .contains(dataDir.resolve("hub.db").toAbsolutePath() + " is unchanged");
        assertThat(restore.out()).doesNotContain("restored");
        assertThat(databaseFiles()).as("the database files, byte for byte").isEqualTo(databaseBefore);
    }

    /** As if the snapshot had been damaged before its checksum was taken. */
    private void matchChecksumFileToTheSnapshot() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path sidecar = Path.of(snapshot.file() + ".json");
        ObjectNode described = (ObjectNode) json.readTree(sidecar.toFile());
        described.put("sha256", SnapshotIsVerifiedTest.sha256(snapshot.file())).put("bytes", Files.size(snapshot.file()));
        json.writeValue(sidecar.toFile(), described);
    }

    /** Every hub.db* file in the data directory with its SHA-256. */
    private Map<String, String> databaseFiles() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dataDir)) {
            for (Path file : list.filter(f -> f.getFileName().toString().startsWith("hub.db")).toList()) {
                files.put(file.getFileName().toString(), SnapshotIsVerifiedTest.sha256(file));
            }
        }
        return files;
    }
}
