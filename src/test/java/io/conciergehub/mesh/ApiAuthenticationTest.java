package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every API call needs a key; a key opens only its scopes; a refusal tells nothing that helps guessing. */
class ApiAuthenticationTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    static final String TEST_COMMAND = "{\"action\":\"TEST\"}";

    @Test
    void withoutAKeyTheAnswerIs401AndTheSameAsForAWrongKey() throws Exception {
        HttpResponse<String> none = env.hub().postApi("/api/mesh/commands", null, TEST_COMMAND);
        HttpResponse<String> wrong = env.hub().postApi("/api/mesh/commands", "not-a-key", TEST_COMMAND);
        HttpResponse<String> almost = env.hub().postApi("/api/mesh/commands", TestHub.COMMANDS_KEY + "x", TEST_COMMAND);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(almost.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(none.body()).isEqualTo(almost.body());
        assertThat(env.hub().count("SELECT COUNT(*) FROM commands")).isZero();
    }

    @Test
    void aBearerTokenIsAcceptedLikeTheHeader() throws Exception {
        HttpResponse<String> bearer = env.hub().postJson("/api/mesh/commands", TEST_COMMAND,
                "Authorization", "Bearer " + TestHub.COMMANDS_KEY);

        assertThat(bearer.statusCode()).isEqualTo(202);
    }

    @Test
    void aKeyWithoutTheScopeGets403() throws Exception {
        assertThat(env.hub().postApi("/api/mesh/commands", TestHub.READ_KEY, TEST_COMMAND).statusCode()).isEqualTo(403);
        assertThat(env.hub().getApi("/api/mesh/stats", TestHub.COMMANDS_KEY).statusCode()).isEqualTo(403);
        assertThat(env.hub().getApi("/metrics", TestHub.SYNC_KEY).statusCode()).isEqualTo(403);
        HttpResponse<String> replay = env.hub().postApi("/api/mesh/dead-letters/1/replay", TestHub.READ_KEY, "");
        assertThat(replay.statusCode()).isEqualTo(403);
        assertThat(replay.body()).contains("\"error\":\"forbidden\"").contains("admin");
    }

    @Test
    void aKeyWithTheScopeIsLetIn() throws Exception {
        assertThat(env.hub().getApi("/api/mesh/stats", TestHub.READ_KEY).statusCode()).isEqualTo(200);
        assertThat(env.hub().getApi("/metrics", TestHub.READ_KEY).statusCode()).isEqualTo(200);
        assertThat(env.hub().getApi("/api/mesh/stats", TestHub.API_KEY).statusCode()).as("admin: every scope")
                .isEqualTo(200);
    }

    @Test
    void theKeyIsNeverEchoedInTheAnswer() throws Exception {
        HttpResponse<String> answer = env.hub().getApi("/api/mesh/stats", TestHub.READ_KEY);

        assertThat(answer.headers().map().toString()).doesNotContain(TestHub.READ_KEY);
        assertThat(answer.body()).doesNotContain(TestHub.READ_KEY);
    }
}
