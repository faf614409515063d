package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.StartupOutput;
import io.conciergehub.support.TestHub;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single node's start and stop print what an operator reads, nothing to act on: no list of routes
 * or endpoints, no WARN or ERROR for the normal state, no line contradicting /metrics.
 */
class ANormalStartIsQuietTest {

    @TempDir
    Path dir;

    @Test
    void aSingleNodeStartsAndStopsWithoutRouteListsOrWarnings() throws Exception {
        List<String> output = StartupOutput.ofAStartAndStop(dir, Map.of("CONCIERGE_API_KEYS", TestHub.API_KEY));

        assertThat(output).noneMatch(line -> line.matches(".* - \\s+(Started|Stopped) \\S+ \\(.*"))
                .noneMatch(line -> line.contains("http://0.0.0.0:") && !line.contains("event=hub.ready"))
                .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                .noneMatch(line -> line.contains("MicrometerPrometheus not enabled"))
                .hasSizeLessThan(30);
    }
}
