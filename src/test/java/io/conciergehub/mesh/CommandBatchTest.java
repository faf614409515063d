package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /api/mesh/commands/batch: up to 100 commands, each accepted or refused on its own. */
class CommandBatchTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    @Test
    void validCommandsAreQueuedAndInvalidOnesAreReportedPerItem() throws Exception {
        HttpResponse<String> answer = env.hub().postApi("/api/mesh/commands/batch", TestHub.COMMANDS_KEY,
                "{\"commands\":[{\"action\":\"TEST\"},"
                        + "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"12\",\"message\":\"x\"}},"
                        + "{\"action\":\"TEST\",\"idempotencyKey\":\"b-3\"}]}");

        assertThat(answer.statusCode()).isEqualTo(207);
        JsonNode body = MeshJson.body(answer);
        assertThat(body.path("accepted").asInt()).isEqualTo(2);
        assertThat(body.path("rejected").asInt()).isEqualTo(1);
        JsonNode results = body.path("results");
        assertThat(results.get(0).path("status").asText()).isEqualTo("queued");
        assertThat(results.get(1).path("field").asText()).isEqualTo("commands[1].payload.phone");
        assertThat(results.get(2).path("id").asText()).startsWith("cmd-");
        assertThat(env.hub().count("SELECT COUNT(*) FROM commands")).isEqualTo(2);
    }

    @Test
    void moreThanAHundredCommandsAreRefusedWhole() throws Exception {
        long before = env.hub().count("SELECT COUNT(*) FROM commands");
        String many = "{\"commands\":[" + String.join(",", java.util.Collections.nCopies(101, "{\"action\":\"TEST\"}"))
                + "]}";

        HttpResponse<String> answer = env.hub().postApi("/api/mesh/commands/batch", TestHub.COMMANDS_KEY, many);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(MeshJson.body(answer).path("field").asText()).isEqualTo("commands");
        assertThat(env.hub().count("SELECT COUNT(*) FROM commands")).isEqualTo(before);
    }
}
