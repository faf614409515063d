package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.DockerStack;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml: the standby answers guests with the hotel's own facts, knowledge directory,
 * LLM settings and messaging provider, never the demo ones; every variable of docker/.env reaches
 * it; the stack does not start while a hotel fact or the provider is missing.
 */
class TheStandbyAnswersWithTheHotelsOwnFactsTest {

    private final JsonNode hub = DockerStack.compose().path("services").path("hub");

    @Test
    void theStandbyAnswersWithTheHotelsOwnFactsAnswersAndLlmNotTheDemoOnes() {
        Map<String, String> env = DockerStack.environment(hub);

        // Every hotel.* fact is passed, and required: an unset one would be the demo value.
        List<String> facts = DockerStack.hubDefaults().stringPropertyNames().stream()
                .filter(key -> key.startsWith("hotel.")).map(DockerStack::variableOf).sorted().toList();
        assertThat(facts).hasSizeGreaterThanOrEqualTo(12);
        assertThat(facts).allSatisfy(variable -> assertThat(env.get(variable)).as(variable)
                .matches("\\$\\{" + variable + ":\\?[^}]+}"));

        // The knowledge directory: a read-only mount, named by CONCIERGE_KNOWLEDGE_DIR.
        String knowledgeDir = env.get("CONCIERGE_KNOWLEDGE_DIR");
        assertThat(knowledgeDir).isNotBlank();
        assertThat(DockerStack.mounts(hub)).containsKey(knowledgeDir);
        assertThat(DockerStack.readOnlyMounts(hub)).contains(knowledgeDir);
        String source = DockerStack.interpolate(DockerStack.mounts(hub).get(knowledgeDir),
                Map.of("KNOWLEDGE_DIR", DockerStack.envExample().get("KNOWLEDGE_DIR").value()));
        assertThat(DockerStack.DIR.resolve(source)).as("the default knowledge directory is in docker/").isDirectory();

        // The LLM settings, passed on from docker/.env when set there.
        Map<String, String> dotEnv = filledEnvExample();
        dotEnv.putAll(Map.of("LLM_BASE_URL", "https://llm.example.org/v1", "LLM_MODEL", "a-model"));
        assertThat(DockerStack.containerEnvironment(hub, dotEnv))
                .containsEntry("LLM_BASE_URL", "https://llm.example.org/v1").containsEntry("LLM_MODEL", "a-model");
        assertThat(DockerStack.envExample()).containsKeys("LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL");
    }

    /**
     * A fact the hotel adds for its own answers and any setting of the README's table reach the
     * standby from docker/.env, as from the primary's env file; what makes the container the
     * standby stays as compose sets it, whatever docker/.env copied from the primary says.
     */
    @Test
    void everyVariableOfDockerEnvReachesTheStandbyButItsOwnPlaceStaysItsOwn() {
        Map<String, String> dotEnv = filledEnvExample();
        dotEnv.putAll(Map.of("HOTEL_PET_FEE", "20 EUR", "CONCIERGE_DEFAULT_LANGUAGE", "it",
                "CONCIERGE_ROLE", "primary", "CONCIERGE_DATA_DIR", "/var/lib/concierge-hub", "HTTP_PORT", "8081",
                "CAMEL_SERVER_HOST", "127.0.0.1", "CONCIERGE_KNOWLEDGE_DIR", "/etc/concierge-hub/knowledge"));

        Map<String, String> container = DockerStack.containerEnvironment(hub, dotEnv);

        assertThat(container).containsEntry("HOTEL_PET_FEE", "20 EUR").containsEntry("CONCIERGE_DEFAULT_LANGUAGE", "it")
                .containsEntry("HOTEL_NAME", "x").containsEntry("MESSAGING_PROVIDER", "x")
                .containsEntry("CONCIERGE_ROLE", "standby").containsEntry("CONCIERGE_DATA_DIR", "/data")
                .containsEntry("HTTP_PORT", "8080").containsEntry("CAMEL_SERVER_HOST", "0.0.0.0")
                .containsEntry("CONCIERGE_KNOWLEDGE_DIR", "/knowledge");
        Map<String, String> notSetByCompose = new HashMap<>(dotEnv);
        notSetByCompose.keySet().removeAll(DockerStack.environment(hub).keySet());
        assertThat(container).as("every other variable of docker/.env").containsAllEntriesOf(notSetByCompose);
    }

    @Test
    void theStackRefusesToStartWhileAHotelFactIsMissing() {
        Map<String, String> filled = new HashMap<>();
        DockerStack.envExample().forEach((name, entry) -> filled.put(name, name.startsWith("HOTEL_") ? "" : "x"));
        String text = DockerStack.text("compose.yaml");
        assertThatThrownBy(() -> DockerStack.interpolate(text, filled))
                .hasMessageContaining("HOTEL_");
        filled.replaceAll((name, value) -> "x");
        assertThat(DockerStack.interpolate(text, filled)).doesNotContainPattern("\\$\\{[A-Za-z_]");
    }

    /**
     * Without the provider the standby would take over with the hub's default, log: answers written
     * to a file and counted as sent, nothing to the guests. Compose refuses to start instead.
     */
    @Test
    void theStackRefusesToStartWithoutTheMessagingProvider() {
        assertThat(DockerStack.envExample().get("MESSAGING_PROVIDER")).as("a line to fill in, not a comment")
                .isEqualTo(new DockerStack.EnvEntry(true, ""));
        String text = DockerStack.text("compose.yaml");
        Map<String, String> filled = filledEnvExample();
        filled.put("MESSAGING_PROVIDER", "");
        assertThatThrownBy(() -> DockerStack.interpolate(text, filled)).hasMessageContaining("MESSAGING_PROVIDER");
        filled.remove("MESSAGING_PROVIDER");
        assertThatThrownBy(() -> DockerStack.interpolate(text, filled)).hasMessageContaining("MESSAGING_PROVIDER");
        filled.put("MESSAGING_PROVIDER", "spoki");
        assertThat(DockerStack.containerEnvironment(hub, filled)).containsEntry("MESSAGING_PROVIDER", "spoki");
    }

    /** Every variable of .env.example, filled in with "x". */
    static Map<String, String> filledEnvExample() {
        Map<String, String> filled = new HashMap<>();
        DockerStack.envExample().keySet().forEach(name -> filled.put(name, "x"));
        return filled;
    }
}
