package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubCommand;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A snapshot taken by {@code backup} while the hub runs is restored with {@code restore latest}
 * once it is stopped: the hub starts again with the guests the snapshot held, and the replaced
 * database is kept beside it.
 */
class RestoreOfGoodSnapshotTest {

    static final String ANNA = "+393330000011";
    static final String BRUNO = "+393330000012";

    @Test
    void theHubComesBackWithWhatTheSnapshotHeld() throws Exception {
        Path dataDir;
        HubCommand.Result backup;
        try (TestHub hub = TestHub.builder().start()) {
            dataDir = hub.dataDir();
            syncBooking(hub, "R-1", "Anna", ANNA);
            backup = HubCommand.run(dataDir, "backup");
            syncBooking(hub, "R-2", "Bruno", BRUNO);
            assertThat(guestsWithPhone(hub, BRUNO)).isEqualTo(1);
        }
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("snapshot written: " + dataDir.resolve("backups").toAbsolutePath());

        HubCommand.Result restore = HubCommand.run(dataDir, "restore", "latest");

        assertThat(restore.exitCode()).as(restore.err()).isZero();
        Path snapshot = onlyFile(dataDir.resolve("backups"), ".db.gz");
        Path previous = onlyFile(dataDir, ".before-restore-");
        assertThat(restore.out()).contains("restored " + snapshot.toAbsolutePath() + " (position ")
                .contains("into " + dataDir.resolve("hub.db").toAbsolutePath())
                .contains("previous database kept as " + previous.toAbsolutePath());
        try (TestHub again = TestHub.builder().dataDir(dataDir).start()) {
            assertThat(guestsWithPhone(again, ANNA)).as("Anna, in the snapshot").isEqualTo(1);
            assertThat(guestsWithPhone(again, BRUNO)).as("Bruno, added after the snapshot").isZero();
        }
        assertThat(count(previous, "SELECT COUNT(*) FROM bookings")).as("bookings in the replaced database").isEqualTo(2);
    }

    static void syncBooking(TestHub hub, String externalId, String name, String phone) throws Exception {
        HttpResponse<String> answer = hub.postApi("/api/mesh/sync/bookings", TestHub.API_KEY, """
                {"bookings":[{"externalId":"%s","source":"airbnb","guestName":"%s","phone":"%s",
                  "arrival":"2026-12-01","departure":"2026-12-05"}]}""".formatted(externalId, name, phone));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static int guestsWithPhone(TestHub hub, String phone) throws Exception {
        HttpResponse<String> answer = hub.postApi("/api/mesh/guests/query", TestHub.API_KEY,
                "{\"phone\":\"" + phone + "\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new ObjectMapper().readTree(answer.body()).path("total").asInt();
    }

    private static Path onlyFile(Path dir, String nameContains) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(nameContains)
                    && !f.getFileName().toString().endsWith(".json")).reduce((a, b) -> {
                        throw new AssertionError("more than one " + nameContains + " in " + dir);
                    }).orElseThrow();
        }
    }

    private static long count(Path database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
