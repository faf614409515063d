package io.conciergehub.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.EventSinkStub;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /api/mesh/sync/queue forwards the buffer now, without waiting for the time the sink asked
 * for (Retry-After) or the retry spacing, and says what it sent; an event the sink refuses (422)
 * becomes a dead letter that can be replayed. An event's id sent again while it waits in the buffer
 * is a retry (200) when the event is the same, a conflict (409) when it is not: stored once either way.
 */
class EventFlushTest {

    @RegisterExtension
    static final EventSinkStub sink = new EventSinkStub();

    // A slow machine's sink is not timed out: the 429 is what makes the events wait.
    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> sink.configure(hub.scopedKeys())
            .property("events.circuit.minimum-calls", "100").property("events.timeout", "10000"));

    static void accept(String id) throws Exception {
        assertThat(env.hub().postApi("/api/mesh/events", TestHub.EVENTS_KEY,
                "{\"id\":\"" + id + "\",\"type\":\"job.finished\",\"data\":{\"job\":\"" + id + "\"}}").statusCode())
                .isEqualTo(202);
    }

    @Test
    void aFlushSendsWhatWaitsAndReportsIt() throws Exception {
        // Only a flush gets the events out before the test ends.
        sink.answer(aResponse().withStatus(429).withHeader("Retry-After", "600"));
        accept("flush-1");
        accept("flush-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count(
                "SELECT COUNT(*) FROM buffered_events WHERE event_id = 'flush-1' AND last_error IS NOT NULL") == 1);

        sink.answer(aResponse().withStatus(202));
        HttpResponse<String> flushed = env.hub().postApi("/api/mesh/sync/queue", TestHub.SYNC_KEY, "");

        assertThat(flushed.statusCode()).isEqualTo(200);
        JsonNode report = MeshJson.body(flushed);
        assertThat(report.path("sent").asInt()).isEqualTo(2);
        assertThat(report.path("remaining").asInt()).isZero();
        assertThat(sink.acknowledged().stream().map(event -> event.path("id").asText()))
                .containsSubsequence("flush-1", "flush-2");
    }

    @Test
    void anEventTheSinkRefusesIsADeadLetterAndCanBeReplayed() throws Exception {
        sink.answer(aResponse().withStatus(422).withBody("{\"error\":\"unknown type\"}"));
        accept("refused-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count(
                "SELECT COUNT(*) FROM dead_letters WHERE source = 'events' AND reference = 'refused-1'") == 1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM buffered_events WHERE event_id = 'refused-1'")).isZero();

        sink.answer(aResponse().withStatus(202));
        long id = env.hub().count("SELECT id FROM dead_letters WHERE reference = 'refused-1'");
        assertThat(env.hub().postApi("/api/mesh/dead-letters/" + id + "/replay", TestHub.API_KEY, "").statusCode())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.acknowledged().stream()
                .anyMatch(event -> event.path("id").asText().equals("refused-1")));
    }

    @Test
    void anEventWithoutATypeIs400AndNotStored() throws Exception {
        HttpResponse<String> answer = env.hub().postApi("/api/mesh/events", TestHub.EVENTS_KEY, "{\"data\":{}}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(MeshJson.body(answer).path("field").asText()).isEqualTo("type");
    }

    @Test
    void theSameEventSentAgainWhileBufferedIsAnswered200AndStoredOnce() throws Exception {
        sink.answer(aResponse().withStatus(429).withHeader("Retry-After", "600")); // it waits in the buffer
        String event = "{\"id\":\"twice-1\",\"type\":\"job.finished\",\"data\":{\"job\":\"twice-1\"}}";
        assertThat(env.hub().postApi("/api/mesh/events", TestHub.EVENTS_KEY, event).statusCode()).isEqualTo(202);

        HttpResponse<String> again = env.hub().postApi("/api/mesh/events", TestHub.EVENTS_KEY, event);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(MeshJson.body(again).path("status").asText()).isEqualTo("buffered");
        assertThat(env.hub().count("SELECT COUNT(*) FROM buffered_events WHERE event_id = 'twice-1'")).isEqualTo(1);
        flushWhatWaits();
        assertThat(sink.acknowledged().stream().filter(sent -> sent.path("id").asText().equals("twice-1"))).hasSize(1);
    }

    @Test
    void anotherEventUnderAnIdStillBufferedIs409AndTheBufferedOneGoesAsItWas() throws Exception {
        sink.answer(aResponse().withStatus(429).withHeader("Retry-After", "600")); // it waits in the buffer
        assertThat(env.hub().postApi("/api/mesh/events", TestHub.EVENTS_KEY,
                "{\"id\":\"reused-1\",\"type\":\"job.finished\",\"data\":{\"job\":\"first\"}}").statusCode())
                .isEqualTo(202);

        HttpResponse<String> otherData = env.hub().postApi("/api/mesh/events", TestHub.EVENTS_KEY,
                "{\"id\":\"reused-1\",\"type\":\"job.finished\",\"data\":{\"job\":\"other-7731\"}}");
        HttpResponse<String> otherType = env.hub().postApi("/api/mesh/events", TestHub.EVENTS_KEY,
                "{\"id\":\"reused-1\",\"type\":\"job.failed\",\"data\":{\"job\":\"first\"}}");

        for (HttpResponse<String> refused : List.of(otherData, otherType)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(MeshJson.body(refused).path("error").asText()).isEqualTo("conflict");
            assertThat(refused.body()).doesNotContain("other-7731", "job.failed", "reused-1");
        }
        flushWhatWaits();
        assertThat(sink.acknowledged().stream().filter(sent -> sent.path("id").asText().equals("reused-1")))
                .singleElement().satisfies(sent -> {
                    assertThat(sent.path("type").asText()).isEqualTo("job.finished");
                    assertThat(sent.path("data").path("job").asText()).isEqualTo("first");
                });
    }

    /** The sink takes events again and the buffer is flushed: the next test starts with it empty. */
    private static void flushWhatWaits() throws Exception {
        sink.answer(aResponse().withStatus(202));
        assertThat(env.hub().postApi("/api/mesh/sync/queue", TestHub.SYNC_KEY, "").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count("SELECT COUNT(*) FROM buffered_events") == 0);
    }
}
