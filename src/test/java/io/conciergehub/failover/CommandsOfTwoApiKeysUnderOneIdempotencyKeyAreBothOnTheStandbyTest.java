package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.InProcessPair;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The standby applies a command's row by its id, so two API keys' commands under one
 * idempotencyKey (each its own command on the primary) are two commands on the standby too, each
 * finished as it finished on the primary.
 */
class CommandsOfTwoApiKeysUnderOneIdempotencyKeyAreBothOnTheStandbyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMMAND = "{\"action\":\"TEST\",\"idempotencyKey\":\"nightly-sync\"}";

    @Test
    void theStandbyHoldsBothCommandsEachWithItsOwnOutcome() throws Exception {
        try (InProcessPair pair = InProcessPair.withOneKey().awaitPaired()) {
            String first = submit(pair.primary(), TestHub.COMMANDS_KEY);
            String second = submit(pair.primary(), TestHub.API_KEY);

            await().atMost(Duration.ofSeconds(15)).until(() -> succeeded(pair.standby()).equals(succeeded(pair.primary()))
                    && succeeded(pair.primary()).size() == 2);
            assertThat(succeeded(pair.standby())).containsExactlyInAnyOrder(first, second);
        }
    }

    private static String submit(TestHub primary, String apiKey) throws Exception {
        var answer = primary.postApi("/api/mesh/commands", apiKey, COMMAND);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return JSON.readTree(answer.body()).path("id").asText();
    }

    /** The ids of the node's succeeded commands under the idempotencyKey. */
    private static List<String> succeeded(TestHub node) throws Exception {
        String ids = node.text("SELECT group_concat(id) FROM (SELECT id FROM commands"
                + " WHERE idempotency_key = 'nightly-sync' AND state = 'succeeded' ORDER BY id)");
        return ids == null ? List.of() : List.of(ids.split(","));
    }
}
