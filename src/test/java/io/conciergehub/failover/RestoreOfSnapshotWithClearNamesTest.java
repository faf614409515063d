package io.conciergehub.failover;

import static io.conciergehub.support.OldFormatDataDir.NAME;
import static io.conciergehub.support.OldFormatDataDir.PHONE;
import static io.conciergehub.support.OldFormatDataDir.QUESTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.GuestNames;
import io.conciergehub.support.HubCommand;
import io.conciergehub.support.OldFormatDataDir;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.StoredText;
import io.conciergehub.support.TestHub;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A snapshot of a database from before names and texts were sealed, restored with {@code restore},
 * still reads: the hub started on it shows the guest's name, answers the waiting question and
 * seals both.
 */
class RestoreOfSnapshotWithClearNamesTest {

    @Test
    void anOldSnapshotRestoredStillReadsAndIsSealedOnStart() throws Exception {
        Path dataDir = OldFormatDataDir.create();
        Path database = dataDir.resolve("hub.db");
        HubCommand.Result backup = HubCommand.run(dataDir, "backup"); // a snapshot of the old format
        assertThat(backup.exitCode()).as(backup.err()).isZero();

        HubCommand.Result restore = HubCommand.run(dataDir, "restore", "latest");

        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(StoredText.columnsContaining(database, NAME)).as("restored in clear").isNotEmpty();
        try (TestHub hub = TestHub.builder().dataDir(dataDir).scopedKeys().start()) {
            assertThat(GuestNames.of(hub, PHONE)).isEqualTo(NAME);
            await().atMost(Duration.ofSeconds(15)).until(() -> OutboundLog.to(hub, PHONE).stream()
                    .anyMatch(line -> line.path("text").asText().startsWith("Der Check-in ist ab")));
            assertThat(StoredText.columnsContaining(database, NAME)).isEmpty();
            assertThat(StoredText.columnsContaining(database, QUESTION)).isEmpty();
        }
    }
}
