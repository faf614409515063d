package io.conciergehub.failover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.messaging.WebhookEvent;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node that returns after its peer took over relays the guest messages its peer never got
 * (salvage, before its database is replaced). A message whose answer was at the provider when the
 * node stopped goes with that answer: the peer records it as a "may have been delivered" dead letter
 * for staff, as the node itself would have, and never sends it again. Relayed as plainly answered
 * (as it was), the guest's message was kept with neither an answer nor a dead letter.
 */
class AnAnswerAtTheProviderWhenItsNodeStoppedIsADeadLetterAtThePeerTest {

    @Test
    void theSalvagedMessageCarriesItsAnswerAndThePeerDeadLettersIt() throws Exception {
        String phone = "+393331110001";
        String messageId = "msg-salvaged-" + System.nanoTime();
        try (SpokiStub spoki = new SpokiStub().answer(aResponse().withStatus(200).withFixedDelay(4000)
                     .withHeader("Content-Type", "application/json").withBody("{\"accepted\":true}"));
             // Active with a peer that never answers: its changes are logged and none is shipped. Its
             // own relay route stays idle, so what salvage holds stays in the queue for this test.
             TestHub stopping = spoki.configure(TestHub.builder().scopedKeys().standbyOfAnAbsentPrimary()
                     .property("failover.heartbeat-interval", "200ms").property("failover.timeout", "600ms")
                     .property("failover.relay-interval", "1h")).start();
             TestHub peer = spoki.configure(TestHub.builder()).start()) {
            await().atMost(Duration.ofSeconds(15)).until(() -> new ObjectMapper().readTree(stopping.getApi("/health",
                    TestHub.API_KEY).body()).path("active").asBoolean());
            assertThat(stopping.postSpoki(Webhooks.spokiInbound("ev-" + messageId, messageId, phone,
                    "What time is breakfast?")).statusCode()).isEqualTo(200);
            // The answer is at the provider (which takes its time): the moment a kill would find it.
            await().atMost(Duration.ofSeconds(15)).until(() -> stopping.count("SELECT COUNT(*) FROM outbox"
                    + " WHERE state = 'sending' AND send_started_at IS NOT NULL") == 1);

            RelayQueue relay = stopping.context().getRegistry().lookupByNameAndType("relayQueue", RelayQueue.class);
            relay.salvageUnshipped();
            List<WebhookEvent> salvaged = relay.events(relay.next());

            assertThat(salvaged).singleElement().satisfies(event -> {
                assertThat(event.providerMessageId()).isEqualTo(messageId);
                assertThat(event.answered()).as("not to be answered again").isTrue();
                assertThat(event.maybeSentAnswer()).as("the answer at the provider").isNotNull();
            });
            await().atMost(Duration.ofSeconds(15)).until(() -> spoki.sentTo(phone) == 1);
            assertThat(salvaged.get(0).maybeSentAnswer().text()).isEqualTo(spoki.textsTo(phone).get(0));

            // At the peer: the guest's message kept, its answer a dead letter naming it, nothing sent.
            peer.context().createProducerTemplate().sendBody("direct:guest-inbound-store", salvaged);

            List<JsonNode> letters = deadLetters(peer);
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.path("source").asText()).isEqualTo("outbox");
                assertThat(letter.path("error").asText()).contains("may have been delivered");
                assertThat(letter.path("inReplyTo").asText()).isEqualTo(messageId);
            });
            assertThat(peer.count("SELECT COUNT(*) FROM messages WHERE direction = 'in' AND provider_message_id = '"
                    + messageId + "' AND processed_at IS NOT NULL")).isEqualTo(1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> spoki.sentTo(phone) == 1);
        }
    }

    private static List<JsonNode> deadLetters(TestHub hub) throws Exception {
        var answer = hub.getApi("/api/mesh/dead-letters?all=true", TestHub.API_KEY);
        assertThat(answer.statusCode()).isEqualTo(200);
        List<JsonNode> letters = new ArrayList<>();
        new ObjectMapper().readTree(answer.body()).path("deadLetters").forEach(letters::add);
        return letters;
    }
}
