package io.conciergehub.mesh;

import static io.conciergehub.mesh.GuestConversations.SPEAK_TO_SOMEONE;
import static io.conciergehub.mesh.GuestConversations.writes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Staff took over a flagged guest: RESOLVE_GUEST, or UPDATE_GUEST with needsAttention false,
 * clears the flag, its reason and time, and leaves an audit row naming the guest and the key.
 */
class ResolvingAGuestClearsTheFlagWithAnAuditRowTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    @Test
    void resolveGuestClearsTheFlagAndAuditsIt() throws Exception {
        long guestId = flaggedGuest("+393351130001");

        JsonNode done = runToEnd("{\"action\":\"RESOLVE_GUEST\",\"payload\":{\"guestId\":" + guestId + "}}");

        assertThat(done.path("status").asText()).isEqualTo("succeeded");
        assertThat(done.path("result").path("resolved").asBoolean()).isTrue();
        assertCleared("+393351130001", guestId);
    }

    @Test
    void updateGuestWithNeedsAttentionFalseClearsTheFlagAndAuditsIt() throws Exception {
        long guestId = flaggedGuest("+393351130002");

        JsonNode done = runToEnd("{\"action\":\"UPDATE_GUEST\",\"payload\":{\"phone\":\"+393351130002\","
                + "\"updates\":{\"needsAttention\":false}}}");

        assertThat(done.path("status").asText()).isEqualTo("succeeded");
        assertCleared("+393351130002", guestId);
    }

    @Test
    void onlyTheHubFlagsAGuest() throws Exception {
        HttpResponse<String> refused = env.hub().postApi("/api/mesh/commands", TestHub.COMMANDS_KEY,
                "{\"action\":\"UPDATE_GUEST\",\"payload\":{\"guestId\":1,\"updates\":{\"needsAttention\":true}}}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(MeshJson.body(refused).path("field").asText()).isEqualTo("payload.updates.needsAttention");
    }

    private static long flaggedGuest(String phone) throws Exception {
        writes(env.hub(), phone, SPEAK_TO_SOMEONE);
        JsonNode guest = GuestConversations.guest(env.hub(), phone);
        assertThat(guest.path("needsAttention").asBoolean()).isTrue();
        return guest.path("id").asLong();
    }

    private static void assertCleared(String phone, long guestId) throws Exception {
        JsonNode guest = GuestConversations.guest(env.hub(), phone);
        assertThat(guest.path("needsAttention").asBoolean()).isFalse();
        assertThat(guest.path("attentionReason").isNull()).isTrue();
        assertThat(guest.path("attentionSince").isNull()).isTrue();
        assertThat(env.hub().text("SELECT action || ',' || outcome || ',' || length(key_id) FROM audit"
                + " WHERE reference = 'guest:" + guestId + "'")).isEqualTo("RESOLVE_GUEST,resolved,8");
    }

    private static JsonNode runToEnd(String command) throws Exception {
        String id = MeshJson.body(env.hub().postApi("/api/mesh/commands", TestHub.COMMANDS_KEY, command)).path("id")
                .asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> !status(id).path("status").asText().matches("queued|running"));
        return status(id);
    }

    private static JsonNode status(String id) throws Exception {
        return MeshJson.body(env.hub().getApi("/api/mesh/commands/" + id, TestHub.COMMANDS_KEY));
    }
}
