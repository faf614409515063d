package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubCommand;
import io.conciergehub.support.StartupOutput;
import io.conciergehub.support.TestHub;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real provider would tell real guests the demo hotel's Wi-Fi password: with {@code spoki} the
 * hub starts on the hotel's own facts, or on the demo facts only with {@code concierge.allow-demo-facts=true}.
 */
class ARealProviderRefusesTheDemoFactsUnlessAllowedTest {

    @TempDir
    Path dir;

    @Test
    void spokiOnTheDemoFactsStopsTheStartWithOneLineNamingTheDemoFactsAndTheSetting() throws Exception {
        Path dataDir = dir.resolve("data");

        HubCommand.Result started = HubCommand.run(dataDir,
                spoki(Map.of("CAMEL_SERVER_PORT", String.valueOf(TestHub.freePort()))), "run");

        assertThat(started.exitCode()).isEqualTo(2);
        assertThat(started.err().strip().lines()).singleElement().asString()
                .startsWith("concierge-hub: configuration error: messaging.provider = 'spoki' answers real guests")
                .contains("hotel.wifi-password", "concierge.allow-demo-facts=true")
                .doesNotContain("demo-password", "Exception");
        assertThat(dataDir).as("nothing is created").doesNotExist();
    }

    @Test
    void spokiOnTheDemoFactsStartsWhenTheyAreAllowed() throws Exception {
        List<String> output = StartupOutput.ofAStartAndStop(dir, spoki(Map.of("CONCIERGE_ALLOW_DEMO_FACTS", "true")));

        assertThat(output).anyMatch(line -> line.contains("event=hub.ready") && line.contains("provider=spoki"));
    }

    @Test
    void spokiOnTheHotelsOwnFactsStartsWithoutMentioningDemoFacts() throws Exception {
        List<String> output = StartupOutput.ofAStartAndStop(dir, spoki(ownFacts()));

        assertThat(output).anyMatch(line -> line.contains("event=hub.ready") && line.contains("provider=spoki"))
                .noneMatch(line -> line.contains("demo"));
    }

    private static Map<String, String> spoki(Map<String, String> more) {
        Map<String, String> environment = new HashMap<>(Map.of("CONCIERGE_API_KEYS", TestHub.API_KEY,
                "MESSAGING_PROVIDER", "spoki",
                "SPOKI_API_KEY", "spoki-key", "SPOKI_WEBHOOK_SECRET", TestHub.SPOKI_SECRET));
        environment.putAll(more);
        return environment;
    }

    /** A value of the hotel's own for every hotel.* fact of application.properties, as HOTEL_* variables. */
    private static Map<String, String> ownFacts() throws Exception {
        Properties shipped = new Properties();
        try (InputStream in = ARealProviderRefusesTheDemoFactsUnlessAllowedTest.class
                .getResourceAsStream("/application.properties")) {
            shipped.load(in);
        }
        Map<String, String> own = new HashMap<>();
        shipped.stringPropertyNames().stream().filter(key -> key.startsWith("hotel.")).forEach(key -> own.put(
                key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), "Albergo Sole " + key));
        return own;
    }
}
