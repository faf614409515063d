package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two integrations, each with its own API key, may choose the same idempotencyKey: each gets a
 * command of its own, and neither learns of the other's (its id, status, or that the key was
 * taken). A retry by either is answered with its own command.
 */
class AnIdempotencyKeyBelongsToTheApiKeyThatUsedItTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    private static HttpResponse<String> submit(String apiKey, String command) throws Exception {
        return env.hub().postApi("/api/mesh/commands", apiKey, command);
    }

    private static String id(HttpResponse<String> answer) {
        return MeshJson.body(answer).path("id").asText();
    }

    @Test
    void theSameRequestUnderTheSameKeyFromAnotherApiKeyIsANewCommand() throws Exception {
        String command = "{\"action\":\"TEST\",\"idempotencyKey\":\"order-1001\"}";

        HttpResponse<String> first = submit(TestHub.COMMANDS_KEY, command);
        HttpResponse<String> other = submit(TestHub.API_KEY, command);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(202);
        assertThat(other.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(id(other)).isNotEqualTo(id(first));
        assertThat(env.hub().count("SELECT COUNT(*) FROM commands WHERE idempotency_key = 'order-1001'")).isEqualTo(2);

        HttpResponse<String> retry = submit(TestHub.API_KEY, command);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(id(retry)).as("its own command, not the first integration's").isEqualTo(id(other));
    }

    @Test
    void anotherRequestUnderTheSameKeyFromAnotherApiKeyIsANewCommandNotAConflict() throws Exception {
        HttpResponse<String> first = submit(TestHub.COMMANDS_KEY, "{\"action\":\"TEST\",\"idempotencyKey\":\"job-77\"}");

        HttpResponse<String> other = submit(TestHub.API_KEY,
                "{\"action\":\"TEST\",\"idempotencyKey\":\"job-77\",\"payload\":{\"x\":1}}");

        assertThat(other.statusCode()).as(other.body()).isEqualTo(202);
        assertThat(id(other)).isNotEqualTo(id(first));
        assertThat(env.hub().count("SELECT COUNT(*) FROM commands WHERE idempotency_key = 'job-77'")).isEqualTo(2);
    }
}
