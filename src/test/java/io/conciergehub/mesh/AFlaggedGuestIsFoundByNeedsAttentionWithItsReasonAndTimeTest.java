package io.conciergehub.mesh;

import static io.conciergehub.mesh.GuestConversations.NOT_IN_THE_KNOWLEDGE_BASE;
import static io.conciergehub.mesh.GuestConversations.SPEAK_TO_SOMEONE;
import static io.conciergehub.mesh.GuestConversations.WIFI;
import static io.conciergehub.mesh.GuestConversations.writes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /api/mesh/guests/query with {@code needsAttention}: staff find the guests the hub flagged,
 * each with why (the guest asked for a person, or the hub did not understand) and since when.
 */
class AFlaggedGuestIsFoundByNeedsAttentionWithItsReasonAndTimeTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    @Test
    void flaggedGuestsAreFoundWithTheReasonAndTheTimeTheOthersAreNot() throws Exception {
        Instant start = Instant.now();
        writes(env.hub(), "+393351110001", SPEAK_TO_SOMEONE);
        writes(env.hub(), "+393351110002", NOT_IN_THE_KNOWLEDGE_BASE);
        writes(env.hub(), "+393351110003", WIFI);
        // A second question while flagged keeps the first reason and time.
        writes(env.hub(), "+393351110001", NOT_IN_THE_KNOWLEDGE_BASE);

        JsonNode flagged = query("{\"needsAttention\":true}");
        JsonNode notFlagged = query("{\"needsAttention\":false}");

        assertThat(phones(flagged)).containsExactly("+393351110001", "+393351110002");
        assertThat(flagged.path("guests").findValuesAsText("attentionReason"))
                .containsExactly("asked_for_person", "not_understood");
        for (JsonNode guest : flagged.path("guests")) {
            assertThat(guest.path("needsAttention").asBoolean()).isTrue();
            assertThat(Instant.parse(guest.path("attentionSince").asText())).isBetween(start, Instant.now());
        }
        assertThat(phones(notFlagged)).containsExactly("+393351110003");
        assertThat(notFlagged.path("guests").get(0).path("attentionReason").isNull()).isTrue();
        assertThat(notFlagged.path("guests").get(0).path("attentionSince").isNull()).isTrue();
    }

    private static JsonNode query(String criteria) throws Exception {
        return MeshJson.body(env.hub().postApi("/api/mesh/guests/query", TestHub.READ_KEY, criteria));
    }

    private static List<String> phones(JsonNode answer) {
        List<String> phones = new ArrayList<>();
        answer.path("guests").forEach(guest -> phones.add(guest.path("phone").asText()));
        return phones;
    }
}
