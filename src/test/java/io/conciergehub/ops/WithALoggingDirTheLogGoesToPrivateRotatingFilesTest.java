package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.StartupOutput;
import io.conciergehub.support.TestHub;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code LOGGING_DIR} set: the log also goes to {@code hub.log} there, only the hub's user can read
 * it, and a full file is rolled over instead of growing forever, into a bounded number of files.
 */
class WithALoggingDirTheLogGoesToPrivateRotatingFilesTest {

    @TempDir
    Path dir;

    @Test
    void theLogFileHoldsTheEventsIsPrivateAndItsDirectoryToo() throws Exception {
        Path logs = dir.resolve("logs");

        List<String> console = StartupOutput.ofAStartAndStop(dir, environment(logs));

        Path file = logs.resolve("hub.log");
        List<String> written = StartupOutput.lines(file);
        assertThat(written).anyMatch(line -> line.contains("event=hub.ready"))
                .anyMatch(line -> line.contains("event=hub.configured"));
        assertThat(console).containsAll(written);
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(logs)).isEqualTo("rwx------");
    }

    @Test
    void aFullFileIsRolledOverKeptPrivateAndOnlyTheNewestFourteenAreKept() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        for (int day = 1; day <= 14; day++) { // rolled over by earlier runs, the 1st the oldest
            Path earlier = Files.writeString(logs.resolve("hub-2020-01-" + String.format("%02d", day) + "-1.log"), "");
            Files.setLastModifiedTime(earlier, FileTime.from(Instant.now().minus(30 - day, ChronoUnit.DAYS)));
        }
        Path full = Files.writeString(logs.resolve("hub.log"), "a line of the last run\n");
        try (RandomAccessFile grown = new RandomAccessFile(full.toFile(), "rw")) {
            grown.setLength(10 * 1024 * 1024 + 1); // past the 10 MB a file may hold
        }
        Files.setPosixFilePermissions(full, PosixFilePermissions.fromString("rw-r--r--")); // as an older version left it

        StartupOutput.ofAStartAndStop(dir, environment(logs));

        Path rolled = logs.resolve("hub-" + LocalDate.now() + "-1.log");
        assertThat(Files.readString(rolled)).startsWith("a line of the last run");
        assertThat(mode(rolled)).isEqualTo("rw-------");
        assertThat(StartupOutput.lines(logs.resolve("hub.log"))).anyMatch(line -> line.contains("event=hub.ready"));
        try (Stream<Path> files = Files.list(logs)) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith("hub-")))
                    .hasSize(14).contains(rolled.getFileName().toString()).doesNotContain("hub-2020-01-01-1.log");
        }
    }

    private static Map<String, String> environment(Path logs) {
        return Map.of("CONCIERGE_API_KEYS", TestHub.API_KEY, "LOGGING_DIR", logs.toString());
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
