package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubClient;
import io.conciergehub.support.HubProcess;
import io.conciergehub.support.KnowledgeDir;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hotel's own knowledge directory. The hotel adds a fact of its own: an answer names
 * {@code {pet_fee}}, and the operator sets {@code HOTEL_PET_FEE} (a variable only, no property);
 * the guest gets it filled in. A file without the replies the hub writes itself (the
 * confirmations of STOP and START, the polite "staff will answer") keeps the bundled ones.
 */
class AHotelsOwnFactIsFilledInTheAnswerTest {

    @TempDir
    Path dir;

    @Test
    void aFactSetOnlyInTheEnvironmentIsFilledInTheAnswerAGuestGets() throws Exception {
        Path knowledge = KnowledgeDir.withEnglishIntent(dir.resolve("knowledge"), "pets", List.of("dog", "dogs", "pet"),
                "Pets are welcome for {pet_fee} a night.");
        Path dataDir = dir.resolve("data");
        String phone = "+393470001234";
        try (HubProcess process = HubProcess.fromClasses(dataDir, Map.of("CONCIERGE_API_KEYS", TestHub.API_KEY,
                "SPOKI_WEBHOOK_SECRET", TestHub.SPOKI_SECRET, "CONCIERGE_KNOWLEDGE_DIR", knowledge.toString(),
                "HOTEL_PET_FEE", "20 EUR"), dir.resolve("hub.log"))) {
            HubClient hub = new HubClient(process.port(), dataDir);

            hub.postSpoki(Webhooks.spokiInbound(phone, "Hello, can we bring our dog with us to the hotel?"));

            await().atMost(Duration.ofSeconds(15)).until(() -> !OutboundLog.to(hub, phone).isEmpty());
            assertThat(OutboundLog.to(hub, phone).get(0).path("text").asText())
                    .isEqualTo("Pets are welcome for 20 EUR a night.");
        }
    }

    @Test
    void aGuestsStopIsConfirmedWithTheBundledReplyWhenTheHotelsFileHasNone() throws Exception {
        Path knowledge = KnowledgeDir.withoutReplies(dir.resolve("knowledge"), "it",
                List.of("unknown", "opted_out", "opted_in"));
        String phone = "+393470001235";
        String id = "msg-basta-" + phone;
        try (TestHub hub = TestHub.builder().property("concierge.knowledge-dir", knowledge.toString()).start()) {
            hub.postSpoki(Webhooks.spokiInbound("ev-" + id, id, phone, "basta"));

            await().atMost(Duration.ofSeconds(15)).until(() -> !OutboundLog.to(hub, phone).isEmpty());
            assertThat(OutboundLog.to(hub, phone).get(0).path("text").asText()).startsWith("Non riceverà più messaggi");
            assertThat(hub.count("SELECT g.opted_out FROM guests g JOIN messages m ON m.guest_id = g.id"
                    + " WHERE m.provider_message_id = '" + id + "'")).as("the guest is opted out").isEqualTo(1);
        }
    }
}
