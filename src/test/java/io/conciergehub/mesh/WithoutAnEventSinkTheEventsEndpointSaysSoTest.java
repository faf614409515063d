package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * POST /api/mesh/events on a hub without events.sink-url (the default) answers 503 events_off with
 * Retry-After, stores nothing, and the README's row of the endpoint says so beside 202, 200 and 409.
 */
class WithoutAnEventSinkTheEventsEndpointSaysSoTest {

    @Test
    void theEndpointAnswers503EventsOffAsTheReadmeSays() throws Exception {
        try (TestHub hub = TestHub.builder().scopedKeys().start()) {
            HttpResponse<String> answer = hub.postApi("/api/mesh/events", TestHub.EVENTS_KEY,
                    "{\"type\":\"job.finished\",\"data\":{}}");

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("events_off");
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("3600");
            assertThat(hub.count("SELECT COUNT(*) FROM buffered_events")).isZero();
        }

        String row = Files.readString(Path.of("README.md")).lines()
                .filter(line -> line.startsWith("| `POST /api/mesh/events` |")).findFirst().orElseThrow();
        assertThat(row).contains("`503`", "`events_off`", "`Retry-After: 3600`", "`events.sink-url`");
    }
}
