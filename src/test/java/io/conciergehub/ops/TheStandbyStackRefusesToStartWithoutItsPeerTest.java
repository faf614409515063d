package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.DockerStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml runs the hub as the standby, which stops at once (exit 2) without
 * failover.peer-url; Compose would start it again and again. The stack refuses to start instead,
 * naming FAILOVER_PEER_URL or FAILOVER_PEER_API_KEY, and both are lines to fill in of
 * docker/.env.example that the README's list of the standby's settings names.
 */
class TheStandbyStackRefusesToStartWithoutItsPeerTest {

    static final List<String> PEER = List.of("FAILOVER_PEER_URL", "FAILOVER_PEER_API_KEY");

    private final JsonNode hub = DockerStack.compose().path("services").path("hub");

    @Test
    void withoutThePeersUrlOrKeyTheStackDoesNotStart() throws Exception {
        String compose = DockerStack.text("compose.yaml");
        for (String variable : PEER) {
            assertThat(DockerStack.envExample().get(variable)).as("%s: a line to fill in, not a comment", variable)
                    .isEqualTo(new DockerStack.EnvEntry(true, ""));
            Map<String, String> filled = TheStandbyAnswersWithTheHotelsOwnFactsTest.filledEnvExample();
            filled.put(variable, "");
            assertThatThrownBy(() -> DockerStack.interpolate(compose, filled)).hasMessageContaining(variable);
            filled.remove(variable);
            assertThatThrownBy(() -> DockerStack.interpolate(compose, filled)).hasMessageContaining(variable);
        }

        Map<String, String> filled = TheStandbyAnswersWithTheHotelsOwnFactsTest.filledEnvExample();
        filled.put("FAILOVER_PEER_URL", "https://hotel.example.org");
        assertThat(DockerStack.containerEnvironment(hub, filled)).containsEntry("CONCIERGE_ROLE", "standby")
                .containsEntry("FAILOVER_PEER_URL", "https://hotel.example.org").containsEntry("FAILOVER_PEER_API_KEY", "x");

        String readme = Files.readString(Path.of("README.md"));
        String standbyStack = readme.substring(readme.indexOf("## Standby stack on a VPS (docker/)"));
        assertThat(standbyStack).as("the README's list of what docker/.env needs").contains(
                PEER.stream().map(variable -> "`" + variable + "`").toArray(String[]::new));
    }
}
