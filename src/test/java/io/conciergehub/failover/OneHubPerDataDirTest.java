package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubCommand;
import io.conciergehub.support.HubUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A running hub owns its data directory: a second hub on it refuses to start, and so does a
 * restore, each saying why; a backup is taken all the same.
 */
class OneHubPerDataDirTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void aSecondHubOnTheSameDataDirRefusesToStart() throws Exception {
        HubCommand.Result second = HubCommand.run(env.hub().dataDir(), "run");

        assertThat(second.exitCode()).isNotZero();
        assertThat(second.out() + second.err()).contains("another hub is running on data dir "
                + env.hub().dataDir().toAbsolutePath() + " (process " + ProcessHandle.current().pid() + ")");
    }

    @Test
    void restoreIsRefusedWhileTheHubRunsAndTheDatabaseIsLeftAlone() throws Exception {
        Path dataDir = env.hub().dataDir();
        RestoreOfGoodSnapshotTest.syncBooking(env.hub(), "L-1", "Livia", "+393330000021");
        HubCommand.Result backup = HubCommand.run(dataDir, "backup");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        long guests = env.hub().count("SELECT COUNT(*) FROM guests");

        HubCommand.Result restore = HubCommand.run(dataDir, "restore", "latest");

        assertThat(restore.exitCode()).isNotZero();
        assertThat(restore.err()).contains("restore refused: another hub is running on data dir "
                + dataDir.toAbsolutePath()).contains("stop it first");
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.contains("before-restore"));
        }
        assertThat(env.hub().get("/health").statusCode()).isEqualTo(200);
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests")).isEqualTo(guests).isPositive();
    }
}
