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
 * LLM settings and messaging provider, never the demo ones; the stack does not start while a hotel
 * fact or the provider is missing.
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
        assertThat(env).containsKeys("LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL");
        assertThat(DockerStack.envExample()).containsKeys("LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL");
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
        assertThat(DockerStack.interpolate(DockerStack.environment(hub).get("MESSAGING_PROVIDER"), filled))
                .isEqualTo("spoki");
    }

    /** Every variable of .env.example, filled in with "x". */
    private static Map<String, String> filledEnvExample() {
        Map<String, String> filled = new HashMap<>();
        DockerStack.envExample().keySet().forEach(name -> filled.put(name, "x"));
        return filled;
    }
}
