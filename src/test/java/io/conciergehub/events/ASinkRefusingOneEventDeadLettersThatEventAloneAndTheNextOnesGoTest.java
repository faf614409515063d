package io.conciergehub.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.EventSinkStub;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sink that refuses one event itself (422: it will never take it) makes that event a dead letter
 * at once, after one try; the events behind it go on, in order. A 409 or 425 is no refusal: the sink
 * is still working on an earlier attempt with the event's Idempotency-Key, so the event is tried
 * again later and the ones behind it wait for it.
 */
class ASinkRefusingOneEventDeadLettersThatEventAloneAndTheNextOnesGoTest {

    @RegisterExtension
    static final EventSinkStub sink = new EventSinkStub()
            .answerFor("\"refused-2\"", aResponse().withStatus(422).withBody("{\"error\":\"unknown job\"}"));

    // A slow machine's sink is not timed out, which would send an event twice.
    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> sink.configure(hub.scopedKeys())
            .property("events.timeout", "10000"));

    @Test
    void theRefusedEventIsADeadLetterAndTheOthersArrive() throws Exception {
        List<String> ids = List.of("taken-1", "refused-2", "taken-3", "taken-4");
        for (String id : ids) {
            assertThat(env.hub().postApi("/api/mesh/events", TestHub.EVENTS_KEY,
                    "{\"id\":\"" + id + "\",\"type\":\"job.finished\",\"data\":{}}").statusCode()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> env.hub().count("SELECT COUNT(*) FROM buffered_events") == 0);
        assertThat(env.hub().text("SELECT group_concat(reference) FROM dead_letters WHERE source = 'events'"))
                .isEqualTo("refused-2");
        assertThat(sink.sent("refused-2")).as("tried once").isOne();
        assertThat(sink.acknowledged().stream().map(event -> event.path("id").asText())
                .filter(id -> id.startsWith("taken-"))).containsExactly("taken-1", "taken-3", "taken-4");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {409, 425})
    void anEventWhoseKeyTheSinkIsStillWorkingOnIsSentAgainLaterAndArrivesBeforeTheNext(int status) throws Exception {
        List<String> ids = List.of("first-" + status, "busy-" + status, "next-" + status);
        String inProgress = "{\"error\":\"a request with this Idempotency-Key is in progress\"}";
        sink.answerInTurn("\"" + ids.get(1) + "\"", aResponse().withStatus(status).withBody(inProgress),
                aResponse().withStatus(status).withBody(inProgress), aResponse().withStatus(202));
        for (String id : ids) {
            assertThat(env.hub().postApi("/api/mesh/events", TestHub.EVENTS_KEY,
                    "{\"id\":\"" + id + "\",\"type\":\"job.finished\",\"data\":{}}").statusCode()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> env.hub().count("SELECT COUNT(*) FROM buffered_events") == 0);
        assertThat(env.hub().count("SELECT COUNT(*) FROM dead_letters WHERE reference = '" + ids.get(1) + "'")).isZero();
        assertThat(sink.sent(ids.get(1))).as("tried until the sink took it").isEqualTo(3);
        assertThat(sink.acknowledged().stream().map(event -> event.path("id").asText())
                .filter(id -> id.endsWith("-" + status))).containsExactlyElementsOf(ids);
    }
}
