package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubClient;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.List;

/** A guest writing to the hub, as the concierge tests need one: what they wrote, what they got back. */
final class Guests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Guests() {
    }

    /** The guest writes {@code text}; once the hub has handled it, returns every answer the guest has had. */
    static List<JsonNode> writes(HubClient hub, String phone, String text) throws Exception {
        long handled = handled(hub);
        assertThat(hub.postSpoki(Webhooks.spokiInbound(phone, text)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> handled(hub) > handled);
        // A reply, when there is one, is committed with the 'handled' mark: it is in the outbox now.
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.count("SELECT COUNT(*) FROM outbox WHERE state"
                + " IN ('queued', 'sending')") == 0);
        return OutboundLog.to(hub, phone);
    }

    /** The latest of a guest's answers. */
    static JsonNode last(List<JsonNode> answers) {
        return answers.get(answers.size() - 1);
    }

    /** Whether the guest waits for staff, as the guest query shows it. */
    static boolean flagged(HubClient hub, String phone) throws Exception {
        return query(hub, phone).path("needsAttention").asBoolean();
    }

    /** The guest's id, as the guest query shows it. */
    static long id(HubClient hub, String phone) throws Exception {
        return query(hub, phone).path("id").asLong();
    }

    private static JsonNode query(HubClient hub, String phone) throws Exception {
        return JSON.readTree(hub.postApi("/api/mesh/guests/query", TestHub.API_KEY, "{\"phone\":\"" + phone + "\"}")
                .body()).path("guests").path(0);
    }

    static long handled(HubClient hub) throws Exception {
        return hub.count("SELECT COUNT(*) FROM messages WHERE direction = 'in' AND processed_at IS NOT NULL");
    }
}
