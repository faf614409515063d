package io.conciergehub.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conciergehub.store.Database;
import io.conciergehub.store.Digests;
import io.conciergehub.store.PrivateFiles;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Verified snapshots of the hub's database: {@code <backup-dir>/hub-<UTC time>.db.gz}, a
 * consistent copy taken while the hub runs ({@code VACUUM INTO}), checked with
 * {@code PRAGMA integrity_check} and gzipped, beside {@code hub-<UTC time>.db.gz.json} with its
 * SHA-256, replication position (the last {@code change_log.seq} assigned when it was taken), creation time,
 * size and schema version. Nothing is restored or installed before {@link #verify} passes.
 */
public final class Snapshots {

    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);
    private static final String PREFIX = "hub-";
    private static final String SUFFIX = ".db.gz";
    private static final String SIDECAR = ".json";
    // ISO 8601 basic with milliseconds: names sort by time, and two snapshots in one second differ.
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One snapshot: its {@code .db.gz} file, the SHA-256 (hex) of that file, the last change-log
     * sequence number it contains (0 without a change log), when it was taken, and the file's size.
     */
    public record Snapshot(Path file, String sha256, long position, Instant createdAt, long bytes) {
    }

    private final Database db;
    private final Path backupDir;
    private final Duration retention;
    private final Clock clock;

    public Snapshots(Database db, Path backupDir, Duration retention, Clock clock) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("backup.retention must not be negative: " + retention);
        }
        this.db = db;
        this.backupDir = backupDir;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Writes a verified snapshot of the live database and prunes those older than the retention
     * (never the newest: the one just taken). Safe while the hub runs: the copy is one read transaction.
     *
     * @throws SnapshotInvalidException when the copy fails its integrity check (nothing is kept)
     */
    public synchronized Snapshot take() {
        // Milliseconds, as in the file name: the name and the checksum file tell the same time.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String name = PREFIX + STAMP.format(now) + SUFFIX;
        Path gz = backupDir.resolve(name);
        Path copy = backupDir.resolve(name + ".copy");
        Path part = backupDir.resolve(name + ".part");
        Snapshot snapshot;
        try {
            PrivateFiles.directory(backupDir);
            // VACUUM INTO accepts an empty file, and keeps its mode.
            PrivateFiles.file(copy);
            db.read(connection -> {
                try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                    vacuum.setString(1, copy.toAbsolutePath().toString());
                    vacuum.execute();
                }
                return null;
            });
            String problem = integrityProblem(copy);
            if (problem != null) {
                throw invalid(gz, "integrity_check failed: " + problem);
            }
            long position;
            String schemaVersion;
            try (Connection connection = readOnly(copy)) {
                position = position(connection);
                schemaVersion = schemaVersion(connection);
            }
            String sha256 = gzip(copy, part);
            Files.move(part, gz, StandardCopyOption.ATOMIC_MOVE);
            snapshot = new Snapshot(gz, sha256, position, now, Files.size(gz));
            writeSidecar(snapshot, schemaVersion);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot " + gz.toAbsolutePath() + " (" + e + ")", e);
        } catch (SQLException e) {
            throw new SnapshotInvalidException("snapshot " + gz.toAbsolutePath() + ": cannot read it back: "
                    + e.getMessage(), e);
        } finally {
            deleteQuietly(copy);
            deleteQuietly(part);
        }
        LOG.info("event=snapshot.written file={} bytes={} position={}", gz.getFileName(), snapshot.bytes(),
                snapshot.position());
        prune(now);
        return snapshot;
    }

    public Optional<Snapshot> latest() {
        return list().stream().findFirst();
    }

    /** This node's snapshots, newest first. */
    public List<Snapshot> list() {
        return listIn(backupDir);
    }

    /** The snapshots in a directory, newest first; for tools that have no database open (restore). */
    public static List<Snapshot> listIn(Path backupDir) {
        if (!Files.isDirectory(backupDir)) {
            return List.of();
        }
        List<Snapshot> snapshots = new ArrayList<>();
        try (Stream<Path> files = Files.list(backupDir)) {
            for (Path file : files.filter(Snapshots::isSnapshotName).toList()) {
                // A .gz whose sidecar is not written yet is a snapshot still being taken.
                if (Files.exists(sidecar(file))) {
                    try {
                        snapshots.add(described(file));
                    } catch (SnapshotInvalidException unreadable) {
                        LOG.warn("event=snapshot.unreadable reason=\"{}\"", unreadable.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list snapshots in " + backupDir.toAbsolutePath(), e);
        }
        snapshots.sort(Comparator.comparing(Snapshot::createdAt).reversed());
        return snapshots;
    }

    /**
     * Checks a snapshot without changing anything: its checksum file is there, the SHA-256
     * matches, it unpacks, and SQLite finds the database intact.
     *
     * @throws SnapshotInvalidException naming the file and what is wrong with it
     */
    public static Snapshot verify(Path gzFile) {
        Path scratch;
        try {
            scratch = Files.createTempFile("hub-verify-", ".db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return unpackVerified(gzFile, scratch);
        } finally {
            deleteQuietly(scratch);
        }
    }

    /**
     * Verifies the snapshot and puts its database at {@code target} (replacing what is there);
     * a snapshot that fails verification leaves {@code target} as it was.
     */
    public static Snapshot unpack(Path gzFile, Path target) {
        Path scratch = target.resolveSibling(target.getFileName() + ".unpacking");
        try {
            Snapshot snapshot = unpackVerified(gzFile, scratch);
            Files.move(scratch, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return snapshot;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put snapshot " + gzFile + " at " + target, e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static Snapshot unpackVerified(Path gzFile, Path into) {
        Snapshot expected = described(gzFile);
        unpackChecked(gzFile, expected.sha256(), expected.bytes(), into);
        return expected;
    }

    /**
     * A snapshot received from the peer, whose checksum came with the offer instead of a checksum
     * file: verified like {@link #unpack}, then put at {@code into}.
     */
    public static void unpackVerified(Path gzFile, String expectedSha256, Path into) {
        unpackChecked(gzFile, expectedSha256, -1, into);
    }

    private static void unpackChecked(Path gzFile, String expectedSha256, long expectedBytes, Path into) {
        try {
            String actual = sha256(gzFile);
            if (!actual.equals(expectedSha256)) {
                long size = Files.size(gzFile);
                throw invalid(gzFile, "checksum mismatch: expected " + expectedSha256 + " got " + actual
                        + (expectedBytes < 0 || size == expectedBytes ? ""
                                : " (" + size + " bytes, " + expectedBytes + " when written)"));
            }
            gunzip(gzFile, into);
        } catch (ZipException e) {
            throw invalid(gzFile, "not a gzip file (" + e.getMessage() + ")");
        } catch (EOFException e) {
            throw invalid(gzFile, "gzip data cut short (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshot " + gzFile.toAbsolutePath(), e);
        }
        String problem = integrityProblem(into);
        if (problem != null) {
            throw invalid(gzFile, "integrity_check failed: " + problem);
        }
    }

    /** The snapshot as its checksum file describes it. */
    private static Snapshot described(Path gzFile) {
        if (!Files.isRegularFile(gzFile)) {
            throw invalid(gzFile, "no such file");
        }
        Path sidecar = sidecar(gzFile);
        if (!Files.isRegularFile(sidecar)) {
            throw invalid(gzFile, "no checksum file " + sidecar.getFileName() + " beside it");
        }
        try {
            JsonNode json = JSON.readTree(sidecar.toFile());
            String sha256 = json.path("sha256").asText("");
            if (!sha256.matches("[0-9a-f]{64}") || !json.path("createdAt").isTextual()) {
                throw invalid(gzFile, "checksum file " + sidecar.getFileName() + " has no sha256 or createdAt");
            }
            return new Snapshot(gzFile, sha256, json.path("position").asLong(),
                    Instant.parse(json.path("createdAt").asText()), json.path("bytes").asLong());
        } catch (IOException | DateTimeParseException e) {
            throw invalid(gzFile, "checksum file " + sidecar.getFileName() + " unreadable: " + e.getMessage());
        }
    }

    private void writeSidecar(Snapshot snapshot, String schemaVersion) throws IOException {
        ObjectNode json = JSON.createObjectNode().put("sha256", snapshot.sha256()).put("position", snapshot.position())
                .put("createdAt", snapshot.createdAt().toString()).put("bytes", snapshot.bytes())
                .put("schemaVersion", schemaVersion);
        Path sidecar = sidecar(snapshot.file());
        Path part = sidecar.resolveSibling(sidecar.getFileName() + ".part");
        PrivateFiles.write(part, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        Files.move(part, sidecar, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The snapshot just taken is never older than the cutoff, so the newest one always stays. */
    private void prune(Instant now) {
        Instant cutoff = now.minus(retention);
        for (Snapshot old : list()) {
            if (old.createdAt().isBefore(cutoff)) {
                deleteQuietly(sidecar(old.file()));
                deleteQuietly(old.file());
                LOG.info("event=snapshot.pruned file={} createdAt={}", old.file().getFileName(), old.createdAt());
            }
        }
    }

    /** Compresses {@code from} into {@code to}, on disk when this returns; answers the SHA-256 of {@code to}. */
    private static String gzip(Path from, Path to) throws IOException {
        MessageDigest sha256 = Digests.sha256();
        try (OutputStream out = new GZIPOutputStream(new DigestOutputStream(
                new BufferedOutputStream(PrivateFiles.newOutputStream(to, StandardOpenOption.CREATE_NEW), 1 << 16), sha256),
                1 << 16)) {
            Files.copy(from, out);
        }
        // A snapshot exists for the day the disk loses power: make sure it is on the disk.
        try (FileChannel written = FileChannel.open(to, StandardOpenOption.WRITE)) {
            written.force(true);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void gunzip(Path from, Path to) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(from), 1 << 16);
             OutputStream out = PrivateFiles.newOutputStream(to)) {
            in.transferTo(out);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest sha256 = Digests.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Null when SQLite finds the database intact and it is a hub's database, else what is wrong. */
    private static String integrityProblem(Path dbFile) {
        try (Connection connection = readOnly(dbFile); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            List<String> problems = new ArrayList<>();
            while (rows.next() && problems.size() < 5) {
                problems.add(rows.getString(1));
            }
            if (!problems.equals(List.of("ok"))) {
                return String.join("; ", problems);
            }
            // An empty file is an intact, empty SQLite database: not something to restore.
            return tableExists(connection, "flyway_schema_history") ? null : "not a hub database (no schema history)";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static long position(Connection connection) throws SQLException {
        // The change log arrives with change shipping; a database without one has position 0.
        if (!tableExists(connection, "change_log")) {
            return 0;
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(ChangeLog.LAST_SEQ)) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private static String schemaVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL"
                        + " ORDER BY installed_rank DESC LIMIT 1")) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Snapshot files are in rollback-journal mode (VACUUM INTO writes them so): reading them leaves no -wal behind. */
    private static Connection readOnly(Path dbFile) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        return config.createConnection("jdbc:sqlite:" + dbFile.toAbsolutePath());
    }

    private static boolean isSnapshotName(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    private static Path sidecar(Path gzFile) {
        return gzFile.resolveSibling(gzFile.getFileName() + SIDECAR);
    }

    private static SnapshotInvalidException invalid(Path gzFile, String problem) {
        return new SnapshotInvalidException("snapshot " + gzFile.toAbsolutePath() + ": " + problem);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("event=snapshot.cleanup-failed file={} error=\"{}\"", file, e.getMessage());
        }
    }
}
