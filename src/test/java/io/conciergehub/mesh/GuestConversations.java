package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;

/** Guests writing to the hub and staff looking them up, as the hand-off tests need them. */
final class GuestConversations {

    static final String SPEAK_TO_SOMEONE = "Can I speak to someone at reception please?";
    static final String NOT_IN_THE_KNOWLEDGE_BASE = "Could you recommend a good restaurant for tonight?";
    static final String WIFI = "What is the wifi password?";

    private GuestConversations() {
    }

    /** The guest at {@code phone} writes {@code text}; returns once the hub has sent its answer. */
    static void writes(TestHub hub, String phone, String text) throws Exception {
        int answered = OutboundLog.to(hub, phone).size();
        assertThat(hub.postSpoki(Webhooks.spokiInbound(phone, text)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> OutboundLog.to(hub, phone).size() > answered);
    }

    /** The guest as POST /api/mesh/guests/query shows it to a key with the read scope. */
    static JsonNode guest(TestHub hub, String phone) throws Exception {
        JsonNode found = MeshJson.body(hub.postApi("/api/mesh/guests/query", TestHub.READ_KEY,
                "{\"phone\":\"" + phone + "\"}"));
        assertThat(found.path("total").asInt()).as(phone).isEqualTo(1);
        return found.path("guests").get(0);
    }
}
