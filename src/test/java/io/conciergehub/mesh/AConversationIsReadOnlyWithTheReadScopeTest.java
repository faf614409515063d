package io.conciergehub.mesh;

import static io.conciergehub.mesh.GuestConversations.WIFI;
import static io.conciergehub.mesh.GuestConversations.writes;
import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /api/mesh/guests/{id}/messages: a guest's texts only with the read scope; an unknown guest is 404, a bad page 400. */
class AConversationIsReadOnlyWithTheReadScopeTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    @Test
    void otherKeysAre403UnknownGuests404AndBadPages400() throws Exception {
        writes(env.hub(), "+393351120002", WIFI);
        long guestId = GuestConversations.guest(env.hub(), "+393351120002").path("id").asLong();

        HttpResponse<String> unknown = env.hub().getApi("/api/mesh/guests/999999/messages", TestHub.READ_KEY);
        HttpResponse<String> withoutRead = env.hub().getApi("/api/mesh/guests/" + guestId + "/messages",
                TestHub.COMMANDS_KEY);
        HttpResponse<String> badLimit = env.hub().getApi("/api/mesh/guests/" + guestId + "/messages?limit=0",
                TestHub.READ_KEY);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(withoutRead.statusCode()).isEqualTo(403);
        assertThat(withoutRead.body()).doesNotContain(WIFI);
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(MeshJson.body(badLimit).path("field").asText()).isEqualTo("limit");
    }
}
