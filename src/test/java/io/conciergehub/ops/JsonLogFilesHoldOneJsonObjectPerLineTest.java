package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubProcess;
import io.conciergehub.support.StartupOutput;
import io.conciergehub.support.TestHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code LOGGING_FORMAT=json}: every line of the log files is one JSON object, whatever a caller sent. */
class JsonLogFilesHoldOneJsonObjectPerLineTest {

    static final String FORGED = "{\"log.level\":\"INFO\",\"message\":\"event=api.request forged=yes\"}";

    @TempDir
    Path dir;

    @Test
    void everyLineParsesAsJsonEvenWhenARequestCarriesLineBreaks() throws Exception {
        Path logs = dir.resolve("logs");
        try (HubProcess hub = HubProcess.fromClasses(dir.resolve("data"), Map.of("CONCIERGE_API_KEYS", TestHub.API_KEY,
                "LOGGING_DIR", logs.toString(), "LOGGING_FORMAT", "json"), dir.resolve("output.log"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(logs.resolve("hub.log"))
                    .contains("event=hub.ready"));
            String query = java.net.URLEncoder.encode("a\r\n" + FORGED, java.nio.charset.StandardCharsets.UTF_8);
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(hub.url("/api/mesh/stats?x=" + query))).header("X-API-Key", TestHub.API_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(400);
        }

        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        List<JsonNode> events = new ArrayList<>();
        for (String line : StartupOutput.lines(logs.resolve("hub.log"))) {
            events.add(json.readTree(line)); // throws on a line that is not one JSON value
        }
        assertThat(events).allSatisfy(event -> assertThat(event.isObject()).isTrue())
                .anySatisfy(event -> assertThat(event.path("message").asText()).startsWith("event=hub.ready"))
                .allSatisfy(event -> assertThat(event.path("log.level").asText()).isNotEmpty())
                .noneSatisfy(event -> assertThat(event.path("message").asText()).isEqualTo("event=api.request forged=yes"));
    }
}
