package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.StartupOutput;
import io.conciergehub.support.TestHub;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator reads one line to know the hub is up: where, in which role, with what, and which version. */
class TheHubSaysItIsReadyInOneLineTest {

    @TempDir
    Path dir;

    @Test
    void aSingleNodeLogsOneReadyLineWithItsAddressRoleProviderDataDirAndVersion() throws Exception {
        List<String> output = StartupOutput.ofAStartAndStop(dir, Map.of("CONCIERGE_API_KEYS", TestHub.API_KEY));

        List<String> ready = output.stream().filter(line -> line.contains("event=hub.ready")).toList();
        assertThat(ready).hasSize(1);
        assertThat(ready.get(0)).contains(" INFO ").containsPattern("url=http://0\\.0\\.0\\.0:\\d+ ")
                .contains("role=primary", "active=true", "provider=log",
                        "dataDir=" + dir.resolve("data").toAbsolutePath())
                .containsPattern("version=\\d+\\.\\d+\\.\\d+")
                .doesNotContain(TestHub.API_KEY);
    }
}
