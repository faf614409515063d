package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubCommand;
import io.conciergehub.support.InProcessPair;
import io.conciergehub.support.TestHub;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A primary restored from a snapshot is behind what its standby applied: the standby holds changes
 * the restore took back, and the primary's next changes carry numbers the standby has already
 * applied. The primary sends the standby a snapshot of the restored database, so the pair agrees
 * again: the booking the restore removed is gone from the standby too, and new ones reach it.
 */
class ARestoredPrimaryGivesItsStandbyTheRestoredDataTest {

    @Test
    void theStandbyHoldsWhatTheRestoredPrimaryHolds() throws Exception {
        try (InProcessPair pair = InProcessPair.withOneKey().awaitPaired()) {
            TestHub primary = pair.primary();
            RestoreOfGoodSnapshotTest.syncBooking(primary, "R-KEPT", "Anna", "+393330000021");
            Path dataDir = primary.dataDir();
            HubCommand.Result backup = HubCommand.run(dataDir, "backup");
            assertThat(backup.exitCode()).as(backup.err()).isZero();
            RestoreOfGoodSnapshotTest.syncBooking(primary, "R-TAKEN-BACK", "Bruno", "+393330000022");
            await().atMost(Duration.ofSeconds(10)).until(() -> bookings(pair.standby()) == 2);

            primary.close();
            HubCommand.Result restore = HubCommand.run(dataDir, "restore", "latest");
            assertThat(restore.exitCode()).as(restore.err()).isZero();
            TestHub restored = pair.restartPrimary(settings -> settings);
            RestoreOfGoodSnapshotTest.syncBooking(restored, "R-NEW", "Carla", "+393330000023");

            // The standby's database file is replaced as the snapshot is installed: a read may fail then.
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> pair.standby().text(
                    "SELECT group_concat(external_id, ',') FROM (SELECT external_id FROM bookings ORDER BY external_id)"),
                    "R-KEPT,R-NEW"::equals);
            assertThat(restored.log().text()).contains("event=replication.snapshot-needed reason=restored");
        }
    }

    private static long bookings(TestHub hub) throws Exception {
        return hub.count("SELECT COUNT(*) FROM bookings");
    }
}
