package io.conciergehub.failover;

import io.conciergehub.failover.Snapshots.Snapshot;
import io.conciergehub.store.DataDirLock;
import io.conciergehub.store.Database;
import io.conciergehub.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The operator's {@code backup} and {@code restore} sub-commands on a data directory; snapshots
 * are in {@code <data-dir>/backups}. Each answers an exit code and tells what it did on
 * {@code out}, or why it refused on {@code err}.
 */
public final class SnapshotCommands {

    private static final String DATABASE = "hub.db";
    private static final DateTimeFormatter ASIDE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dataDir;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    public SnapshotCommands(Path dataDir, PrintStream out, PrintStream err, Clock clock) {
        this.dataDir = dataDir;
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** A snapshot of the database as it is now; the hub may be running. */
    public int backup(Duration retention) {
        // attach, not open: a backup must not migrate the schema under a running hub of another version.
        try (Database db = Database.attach(dataDir)) {
            Snapshot snapshot = new Snapshots(db, backups(), retention, clock).take();
            out.printf("snapshot written: %s (%d bytes, position %d, sha256 %s)%n", snapshot.file().toAbsolutePath(),
                    snapshot.bytes(), snapshot.position(), snapshot.sha256());
            return 0;
        } catch (IllegalStateException | SnapshotInvalidException | StoreException | UncheckedIOException e) {
            err.println("backup failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Puts a verified snapshot ({@code latest} or a file) in place of {@code hub.db}, keeping the
     * replaced database beside it. Refused while a hub runs on the data directory, and for a
     * snapshot that fails verification; then nothing is changed.
     */
    public int restore(String which) {
        Optional<Path> file = "latest".equals(which)
                ? Snapshots.listIn(backups()).stream().findFirst().map(Snapshot::file)
                : Optional.of(Path.of(which));
        if (file.isEmpty()) {
            err.println("restore refused: no snapshot in " + backups().toAbsolutePath());
            return 1;
        }
        DataDirLock lock;
        try {
            lock = DataDirLock.acquire(dataDir);
        } catch (IllegalStateException running) {
            err.println("restore refused: " + running.getMessage() + "; stop it first");
            return 1;
        }
        Path database = dataDir.resolve(DATABASE);
        // Held until the new database is in place, so that no hub starts on a half-restored directory.
        try (lock) {
            Snapshot snapshot = Snapshots.unpack(file.get(), dataDir.resolve(DATABASE + ".restoring"));
            Optional<Path> kept = moveAside();
            Files.move(dataDir.resolve(DATABASE + ".restoring"), database, StandardCopyOption.ATOMIC_MOVE);
            out.printf("restored %s (position %d, created %s) into %s%n", snapshot.file().toAbsolutePath(),
                    snapshot.position(), snapshot.createdAt(), database.toAbsolutePath());
            kept.ifPresent(previous -> out.println("previous database kept as " + previous.toAbsolutePath()));
            return 0;
        } catch (SnapshotInvalidException invalid) {
            err.println("restore refused: " + invalid.getMessage() + "; " + database.toAbsolutePath()
                    + " is unchanged");
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put the restored database in place in " + dataDir.toAbsolutePath(), e);
        }
    }

    /**
     * Moves {@code hub.db} and its {@code -wal} and {@code -shm} aside under one new name, so the
     * kept copy still opens with its last commits; a WAL left beside the restored file would be
     * replayed into it. Answers where the database went, if there was one.
     */
    private Optional<Path> moveAside() throws IOException {
        Path aside = dataDir.resolve(DATABASE + ".before-restore-" + ASIDE_STAMP.format(clock.instant()));
        for (String suffix : List.of("-wal", "-shm")) {
            Path current = dataDir.resolve(DATABASE + suffix);
            if (Files.exists(current)) {
                Files.move(current, aside.resolveSibling(aside.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Path current = dataDir.resolve(DATABASE);
        return Files.exists(current)
                ? Optional.of(Files.move(current, aside, StandardCopyOption.ATOMIC_MOVE)) : Optional.empty();
    }

    private Path backups() {
        return dataDir.resolve("backups");
    }
}
