package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubCommand;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Everything the hub, its {@code backup} and its {@code restore} write in the data directory is
 * the hub user's alone, as {@code ls -l} shows it: directories {@code rwx------}, files
 * {@code rw-------}, whatever the umask; a data directory left loose is tightened at start.
 */
class OnlyTheHubsUserCanReadTheDataDirectoryTest {

    static final String GUEST = "+393331234567";

    @Test
    void whileTheHubRunsEveryFileIs0600AndEveryDirectory0700() throws Exception {
        Path dataDir = looseDataDir();
        // No configured keys: the hub writes the hash of the one it generates.
        try (TestHub hub = TestHub.builder().dataDir(dataDir).property("concierge.api-keys", "").start()) {
            answeredThroughTheLogProvider(hub);
            HubCommand.Result backup = HubCommand.run(dataDir, "backup");
            assertThat(backup.exitCode()).as(backup.err()).isZero();

            Map<String, String> modes = modes(dataDir);

            assertThat(modes).containsKeys("hub.db", "hub.db-wal", "hub.db-shm", "node.db", "node.db-wal",
                    "node.db-shm", "outbound.jsonl", "encryption.key", "api-key.sha256", "hub.lock", "backups");
            assertThat(modes.keySet()).anyMatch(name -> name.startsWith("backups/hub-") && name.endsWith(".db.gz"))
                    .anyMatch(name -> name.startsWith("backups/hub-") && name.endsWith(".db.gz.json"));
            assertOwnerOnly(dataDir, modes);
        }
    }

    @Test
    void afterARestoreEveryFileIs0600AndEveryDirectory0700() throws Exception {
        Path dataDir = looseDataDir();
        try (TestHub hub = TestHub.builder().dataDir(dataDir).start()) {
            answeredThroughTheLogProvider(hub);
            assertThat(HubCommand.run(dataDir, "backup").exitCode()).isZero();
        }

        HubCommand.Result restore = HubCommand.run(dataDir, "restore", "latest");

        assertThat(restore.exitCode()).as(restore.err()).isZero();
        Map<String, String> modes = modes(dataDir);
        assertThat(modes.keySet()).contains("hub.db").anyMatch(name -> name.startsWith("hub.db.before-restore-"));
        assertOwnerOnly(dataDir, modes);
    }

    /** A data directory as an operator might have made it: {@code mkdir data} under umask 022. */
    private static Path looseDataDir() throws IOException {
        Path dataDir = Files.createTempDirectory("hub-modes-");
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dataDir;
    }

    private static void answeredThroughTheLogProvider(TestHub hub) throws Exception {
        assertThat(hub.postSpoki(Webhooks.spokiInbound(GUEST, "What is the wifi password?")).statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !OutboundLog.to(hub, GUEST).isEmpty());
    }

    private static void assertOwnerOnly(Path dataDir, Map<String, String> modes) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).as("the data directory")
                .isEqualTo("rwx------");
        assertThat(modes).allSatisfy((name, mode) -> assertThat(mode).as(name)
                .isEqualTo(Files.isDirectory(dataDir.resolve(name), LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------"));
    }

    /** Every file and directory under {@code dataDir}, by relative path, with its mode as {@code ls -l} shows it. */
    private static Map<String, String> modes(Path dataDir) throws IOException {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.filter(p -> !p.equals(dataDir)).toList()) {
                modes.put(dataDir.relativize(path).toString(), PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)));
            }
        }
        return modes;
    }
}
