package io.conciergehub.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.EventSinkStub;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * events.max-attempts: an event the sink keeps failing (5xx) is sent that many times, then it is a
 * dead letter and leaves the buffer, and the event behind it goes.
 */
class AnEventIsADeadLetterAfterItsMaxAttemptsTest {

    @RegisterExtension
    static final EventSinkStub sink = new EventSinkStub().answerFor("doomed-1", aResponse().withStatus(503));

    // The breaker stays closed (its minimum is never reached), and a slow machine's sink is not timed
    // out: only max-attempts ends the tries.
    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> sink.configure(hub.scopedKeys())
            .property("events.max-attempts", "3").property("events.retry-delay", "100")
            .property("events.max-retry-delay", "200").property("events.circuit.minimum-calls", "100")
            .property("events.timeout", "10000"));

    static long sentToTheSink(String id) {
        return sink.requests().stream().filter(event -> event.getRequest().getBodyAsString().contains("\"" + id + "\""))
                .count();
    }

    @Test
    void afterThreeFailedAttemptsTheEventIsADeadLetterAndTheNextOneGoes() throws Exception {
        assertThat(env.hub().postApi("/api/mesh/events", TestHub.EVENTS_KEY,
                "{\"id\":\"doomed-1\",\"type\":\"job.finished\",\"data\":{}}").statusCode()).isEqualTo(202);
        assertThat(env.hub().postApi("/api/mesh/events", TestHub.EVENTS_KEY,
                "{\"id\":\"next-1\",\"type\":\"job.finished\",\"data\":{}}").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(15)).until(() -> env.hub().count(
                "SELECT COUNT(*) FROM dead_letters WHERE source = 'events' AND reference = 'doomed-1'") == 1);
        assertThat(sentToTheSink("doomed-1")).as("events.max-attempts attempts").isEqualTo(3);
        assertThat(env.hub().count("SELECT COUNT(*) FROM buffered_events WHERE event_id = 'doomed-1'")).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.acknowledged().stream()
                .anyMatch(event -> event.path("id").asText().equals("next-1")));
        assertThat(sentToTheSink("doomed-1")).as("not sent again").isEqualTo(3);
    }
}
