package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.EventSinkStub;
import io.conciergehub.support.HubUnderReview;
import io.conciergehub.support.HubUnderReview.Operation;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Security review: what anyone may read without a key (/health, /openapi.json) shows no details and
 * no key, and no key, token or secret reaches the log, not even one a caller got wrong.
 */
class NothingSecretIsShownOrLoggedTest {

    @RegisterExtension
    static final HubUnderReview env = new HubUnderReview();

    @Test
    void publicEndpointsShowNoDetails() throws Exception {
        HttpResponse<String> health = env.hub().get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(MeshJson.body(health).has("checks")).isFalse();
        assertThat(env.hub().get("/openapi.json").body()).doesNotContain(TestHub.API_KEY, EventSinkStub.TOKEN);
    }

    @Test
    void secretsNeverReachTheLog() throws Exception {
        // Requests with keys that are wrong, or lack the scope (RefusedRequestsChangeNothingTest): each refused.
        Operation operation = HubUnderReview.operations().findFirst().orElseThrow();
        String body = operation.validBody();
        assertThat(env.call(operation, body, "application/json").statusCode()).isEqualTo(401);
        assertThat(env.call(operation, body, "application/json", "X-API-Key", "guess-" + TestHub.API_KEY).statusCode())
                .isEqualTo(401);
        assertThat(env.call(operation, body, "application/json", "Authorization", "Bearer nope").statusCode())
                .isEqualTo(401);
        assertThat(env.call(operation, body, "application/json", "X-API-Key", operation.keyWithoutScope()).statusCode())
                .isEqualTo(403);
        String log = env.hub().log().text();

        assertThat(log).doesNotContain(TestHub.API_KEY, TestHub.COMMANDS_KEY, TestHub.EVENTS_KEY, TestHub.READ_KEY,
                TestHub.SYNC_KEY, TestHub.PEER_KEY, EventSinkStub.TOKEN, TestHub.SPOKI_SECRET, TestHub.WHATSAPP_APP_SECRET,
                SpokiStub.API_KEY);
    }
}
