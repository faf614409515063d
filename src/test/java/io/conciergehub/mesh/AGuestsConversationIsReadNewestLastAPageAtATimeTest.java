package io.conciergehub.mesh;

import static io.conciergehub.mesh.GuestConversations.NOT_IN_THE_KNOWLEDGE_BASE;
import static io.conciergehub.mesh.GuestConversations.SPEAK_TO_SOMEONE;
import static io.conciergehub.mesh.GuestConversations.WIFI;
import static io.conciergehub.mesh.GuestConversations.writes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GET /api/mesh/guests/{id}/messages: staff read what a guest asked and what the hub answered,
 * in clear, newest last, a page at a time.
 */
class AGuestsConversationIsReadNewestLastAPageAtATimeTest {

    static final String PHONE = "+393351120001";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    @Test
    void theConversationIsReadInOrderAndPagedBackwards() throws Exception {
        writes(env.hub(), PHONE, WIFI);
        writes(env.hub(), PHONE, NOT_IN_THE_KNOWLEDGE_BASE);
        writes(env.hub(), PHONE, SPEAK_TO_SOMEONE);
        long guestId = GuestConversations.guest(env.hub(), PHONE).path("id").asLong();

        JsonNode all = read(guestId, "");
        JsonNode newest = read(guestId, "?limit=2");
        JsonNode older = read(guestId, "?limit=2&before=" + newest.path("nextBefore").asLong());

        assertThat(all.path("messages")).hasSize(6);
        assertThat(all.path("messages").findValuesAsText("direction")).containsExactly("in", "out", "in", "out", "in", "out");
        assertThat(texts(all, "in")).containsExactly(WIFI, NOT_IN_THE_KNOWLEDGE_BASE, SPEAK_TO_SOMEONE);
        assertThat(texts(all, "out").get(0)).startsWith("The Wi-Fi network is");
        assertThat(all.path("nextBefore").isNull()).isTrue();
        assertThat(all.toString()).doesNotContain("335112");

        assertThat(newest.path("messages")).isEqualTo(slice(all, 4, 6));
        assertThat(older.path("messages")).isEqualTo(slice(all, 2, 4));
    }

    private static JsonNode read(long guestId, String query) throws Exception {
        HttpResponse<String> answer = env.hub().getApi("/api/mesh/guests/" + guestId + "/messages" + query,
                TestHub.READ_KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return MeshJson.body(answer);
    }

    private static List<String> texts(JsonNode answer, String direction) {
        List<String> texts = new ArrayList<>();
        answer.path("messages").forEach(message -> {
            if (message.path("direction").asText().equals(direction)) {
                texts.add(message.path("text").asText());
            }
        });
        return texts;
    }

    private static JsonNode slice(JsonNode answer, int from, int to) {
        ArrayNode part = JsonNodeFactory.instance.arrayNode();
        for (int i = from; i < to; i++) {
            part.add(answer.path("messages").get(i));
        }
        return part;
    }
}
