package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.failover.Snapshots.Snapshot;
import io.conciergehub.support.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The running hub writes a verified snapshot every {@code backup.interval}; one that fails is
 * logged and the next period tries again.
 */
class SnapshotsAreTakenOnScheduleTest {

    @Test
    void theHubWritesSnapshotsEveryIntervalAndCarriesOnAfterAFailure() throws Exception {
        Path dataDir = Files.createTempDirectory("hub-snapshots-");
        Path backups = dataDir.resolve("backups");
        // A file where the backup directory should be: every snapshot fails until it is gone.
        Files.writeString(backups, "in the way");
        try (TestHub hub = TestHub.builder().dataDir(dataDir).property("backup.initial-delay", "100")
                .property("backup.interval", "500").start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.log().lines().stream().anyMatch(
                    line -> line.contains("event=snapshot.failed") && line.contains(backups.toAbsolutePath().toString())));

            Files.delete(backups);

            await().atMost(Duration.ofSeconds(20)).until(() -> Snapshots.listIn(backups).size() >= 2);
            List<Snapshot> snapshots = Snapshots.listIn(backups);
            for (Snapshot snapshot : snapshots) {
                assertThat(Snapshots.verify(snapshot.file())).isEqualTo(snapshot);
            }
            assertThat(hub.context().getRouteController().getRouteStatus("failover-snapshots").isStarted()).isTrue();
        }
    }
}
