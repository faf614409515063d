package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.StartupOutput;
import io.conciergehub.support.TestHub;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Started with the shipped facts, the hub says in one INFO line that guests get the demo hotel's facts, and which. */
class OnTheDemoFactsTheHubSaysSoInOneLineTest {

    @TempDir
    Path dir;

    @Test
    void aStartOnTheDemoFactsLogsOneInfoLineNamingThemWithoutTheirValues() throws Exception {
        List<String> output = StartupOutput.ofAStartAndStop(dir, Map.of("CONCIERGE_API_KEYS", TestHub.API_KEY));

        List<String> notice = output.stream().filter(line -> line.contains("demo")).toList();
        assertThat(notice).singleElement().asString().contains(" INFO ", "event=concierge.demo-facts",
                "hotel.wifi-password", "hotel.name").doesNotContain("demo-password", "DemoHotel-Guest");
    }
}
