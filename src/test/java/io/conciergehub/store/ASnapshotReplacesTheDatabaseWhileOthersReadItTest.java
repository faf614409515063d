package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A passive node installs its peer's snapshot while /health keeps probing the same file through a
 * connection of its own ({@link Database#probe}). The probe's connection may be the last to close the old file (and delete
 * its WAL) just as the new pool opens it: the database must come back usable, not closed for good.
 */
class ASnapshotReplacesTheDatabaseWhileOthersReadItTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path snapshots;

    @Test
    void theDatabaseStaysUsableAcrossReplacementsDuringProbes() throws Exception {
        Database db = Database.open(dataDir, false);
        AtomicBoolean probing = new AtomicBoolean(true);
        Thread prober = new Thread(() -> {
            while (probing.get()) {
                try {
                    db.probe(c -> {
                        try (Statement s = c.createStatement()) {
                            return s.execute("SELECT 1 FROM guests LIMIT 1");
                        }
                    });
                } catch (Exception busyOrReplaced) {
                    // a probe may fail while the file is swapped; what matters is the database after
                }
            }
        });
        prober.start();
        try {
            for (int i = 0; i < 60; i++) {
                Path copy = snapshots.resolve("snapshot-" + i + ".db");
                db.read(c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("VACUUM INTO '" + copy + "'");
                    }
                    return null;
                });
                db.replaceWith(copy);
                long guests = db.read(c -> Sql.one(c, "SELECT count(*) FROM guests", row -> row.getLong(1)).orElseThrow());
                assertThat(guests).as("the replaced database answers").isZero();
            }
        } finally {
            probing.set(false);
            prober.join();
            db.close();
        }
        assertThat(Files.exists(db.file())).isTrue();
    }
}
