package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * README: {@code POST /api/mesh/commands/batch} answers {@code 200} when all are accepted, {@code 207}
 * when some are (CommandBatchTest), {@code 400} when none is, with a result per item.
 */
class ABatchIsAnswered200WhenEveryCommandIsAcceptedAnd400WhenNoneIsTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    @Test
    void everyCommandAcceptedIs200() throws Exception {
        long before = env.hub().count("SELECT COUNT(*) FROM commands");
        HttpResponse<String> answer = env.hub().postApi("/api/mesh/commands/batch", TestHub.COMMANDS_KEY,
                "{\"commands\":[{\"action\":\"TEST\"},{\"action\":\"TEST\",\"idempotencyKey\":\"all-2\"}]}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = MeshJson.body(answer);
        assertThat(body.path("accepted").asInt()).isEqualTo(2);
        assertThat(body.path("rejected").asInt()).isZero();
        assertThat(body.path("results")).hasSize(2);
        assertThat(env.hub().count("SELECT COUNT(*) FROM commands")).isEqualTo(before + 2);
    }

    @Test
    void noCommandAcceptedIs400WithAResultPerItem() throws Exception {
        long before = env.hub().count("SELECT COUNT(*) FROM commands");
        HttpResponse<String> answer = env.hub().postApi("/api/mesh/commands/batch", TestHub.COMMANDS_KEY,
                "{\"commands\":[{\"action\":\"FLY\"},"
                        + "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"12\",\"message\":\"x\"}}]}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        JsonNode body = MeshJson.body(answer);
        assertThat(body.path("accepted").asInt()).isZero();
        assertThat(body.path("rejected").asInt()).isEqualTo(2);
        assertThat(body.path("results").get(0).path("field").asText()).isEqualTo("commands[0].action");
        assertThat(body.path("results").get(1).path("field").asText()).isEqualTo("commands[1].payload.phone");
        assertThat(env.hub().count("SELECT COUNT(*) FROM commands")).isEqualTo(before);
    }
}
