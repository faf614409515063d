package io.conciergehub.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.EventSinkStub;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The event sink is down for a while (503, then timeouts), the hub restarts in between, the sink
 * comes back: every event arrives once, in the order it happened. A sink that did not answer in time
 * may still be working on the event: it gets it again only once events.timeout has passed again.
 */
class EventBufferingTest {

    @Test
    void eventsSurviveAnOutageAndARestartAndArriveOnceInOrder() throws Exception {
        try (EventSinkStub sink = new EventSinkStub()) {
            sink.answer(aResponse().withStatus(503));
            Path dataDir;
            try (TestHub hub = sink.configure(TestHub.builder()).start()) {
                dataDir = hub.dataDir();
                for (int i = 1; i <= 5; i++) {
                    assertThat(hub.postApi("/api/mesh/events", TestHub.API_KEY,
                            "{\"id\":\"crm-" + i + "\",\"type\":\"crm.note\",\"data\":{\"n\":" + i + "}}").statusCode())
                            .isEqualTo(202);
                }
                hub.postSpoki(Webhooks.spokiInbound("+393351234000", "Ciao")); // guest.created, message.received, …
                await().atMost(Duration.ofSeconds(10)).until(() -> sink.requests().size() >= 2);

                sink.answer(aResponse().withStatus(200).withFixedDelay(3000)); // now it hangs
                int before = sink.requests().size();
                await().atMost(Duration.ofSeconds(15)).until(() -> sink.requests().size() > before);
                assertThat(sink.acknowledged()).isEmpty();
                assertThat(hub.count("SELECT COUNT(*) FROM buffered_events")).isGreaterThanOrEqualTo(7);
                assertThat(hub.count("SELECT COUNT(*) FROM buffered_events WHERE last_error IS NOT NULL")).isPositive();
                assertThat(hub.count("SELECT MAX(attempts) FROM buffered_events")).as("a sink down costs no attempt").isZero();
            }

            sink.answer(aResponse().withStatus(202));
            try (TestHub again = sink.configure(TestHub.builder()).dataDir(dataDir).start()) {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> again.count("SELECT COUNT(*) FROM messages WHERE direction = 'out'") > 0
                                && again.count("SELECT COUNT(*) FROM buffered_events") == 0);
                await().atMost(Duration.ofSeconds(10)).until(() -> sink.acknowledged().stream()
                        .anyMatch(event -> event.path("type").asText().equals("message.sent")));
            }

            List<JsonNode> delivered = sink.acknowledged();
            List<String> ids = delivered.stream().map(event -> event.path("id").asText()).toList();
            assertThat(ids).doesNotHaveDuplicates();
            assertThat(ids.subList(0, 5)).containsExactly("crm-1", "crm-2", "crm-3", "crm-4", "crm-5");
            assertThat(delivered.stream().map(event -> event.path("type").asText()))
                    .containsSubsequence("crm.note", "guest.created", "message.received", "message.sent");
            assertThat(sink.requests()).allSatisfy(request -> {
                assertThat(request.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + EventSinkStub.TOKEN);
                assertThat(request.getRequest().getHeader("Idempotency-Key"))
                        .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper()
                                .readTree(request.getRequest().getBodyAsString()).path("id").asText());
            });
        }
    }

    @Test
    void anEventWhoseCallTimedOutIsNotSentAgainBeforeEventsTimeoutHasPassedAgain() throws Exception {
        long timeout = 1500;
        // The breaker stays closed: only the wait after the timeout holds the event back.
        try (EventSinkStub sink = new EventSinkStub();
                TestHub hub = sink.configure(TestHub.builder()).property("events.timeout", String.valueOf(timeout))
                        .property("events.poll-interval", "100").property("events.circuit.minimum-calls", "100").start()) {
            sink.answerFor("\"slow-1\"", aResponse().withStatus(202).withFixedDelay(10_000)); // it takes it, slowly
            for (String id : List.of("quick-1", "slow-1")) {
                assertThat(hub.postApi("/api/mesh/events", TestHub.API_KEY,
                        "{\"id\":\"" + id + "\",\"type\":\"crm.note\",\"data\":{}}").statusCode()).isEqualTo(202);
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> sink.sent("slow-1") >= 2);
            List<Long> sentAt = sink.requests().stream().filter(request -> request.getRequest().getBodyAsString()
                    .contains("\"slow-1\"")).map(request -> request.getRequest().getLoggedDate().getTime()).toList();
            // Twice the timeout: the hub's wait for the first answer, then as long again (a resend at the
            // next poll after the timeout would come after one timeout and a poll).
            assertThat(sentAt.get(1) - sentAt.get(0)).as("ms between the first call and the second")
                    .isGreaterThan(timeout * 8 / 5);
        }
    }
}
