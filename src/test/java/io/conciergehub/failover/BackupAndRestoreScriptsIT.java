package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/backup.sh and scripts/restore.sh, as cron or an operator runs them, drive the packaged jar. */
class BackupAndRestoreScriptsIT {

    @TempDir
    Path dataDir;

    record Run(int exitCode, String output) {
    }

    @Test
    void backupThenRestoreBringsTheDatabaseBack() throws Exception {
        try (Database db = Database.open(dataDir, true)) {
            db.write(c -> c.createStatement().executeUpdate(
                    "INSERT INTO guests (phone_hash, phone_enc, name, created_at, updated_at) VALUES ('h', 'e', 'Anna', 0, 0)"));
        }

        Run backup = script("scripts/backup.sh");
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        assertThat(backup.output()).contains("snapshot written: " + dataDir.resolve("backups").toAbsolutePath());

        try (Database db = Database.open(dataDir, true)) {
            db.write(c -> c.createStatement().executeUpdate("DELETE FROM guests"));
        }
        Run restore = script("scripts/restore.sh", "latest");
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("restored ", "previous database kept as ");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("hub.db"));
             ResultSet names = c.createStatement().executeQuery("SELECT name FROM guests")) {
            assertThat(names.next()).isTrue();
            assertThat(names.getString(1)).isEqualTo("Anna");
        }
    }

    @Test
    void restoreWithoutASnapshotArgumentShowsItsUsage() throws Exception {
        Run restore = script("scripts/restore.sh");

        assertThat(restore.exitCode()).isEqualTo(2);
        assertThat(restore.output()).contains("usage: ", "<snapshot .db.gz file | latest>");
    }

    private Run script(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        builder.environment().put("CONCIERGE_DATA_DIR", dataDir.toString());
        builder.environment().put("CONCIERGE_HUB_JAR", System.getProperty("hub.jar", "target/concierge-hub.jar"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
