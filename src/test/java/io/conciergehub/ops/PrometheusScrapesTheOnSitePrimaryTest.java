package io.conciergehub.ops;

import static io.conciergehub.support.DockerStack.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.DockerStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker/prometheus: the same scrape job reaches the on-site primary at the address docker/.env
 * gives (https unless told otherwise), so the dashboard and the alerts see both nodes, labelled.
 */
class PrometheusScrapesTheOnSitePrimaryTest {

    private final JsonNode compose = DockerStack.compose();
    private final JsonNode services = compose.path("services");

    @Test
    void prometheusScrapesTheOnSitePrimaryAtTheAddressOfTheEnvFile() {
        JsonNode prometheus = services.path("prometheus");
        JsonNode config = DockerStack.yaml("prometheus/prometheus.yml");
        JsonNode job = config.path("scrape_configs").get(0);

        // prometheus.yml reads the target file beside it; compose writes that file there ...
        List<String> files = texts(job.path("file_sd_configs").get(0).path("files"));
        assertThat(files).singleElement();
        String targetFile = "/etc/prometheus/" + files.get(0);
        String configName = DockerStack.configs(prometheus).get(targetFile);
        assertThat(configName).as("a config of compose at %s", targetFile).isNotNull();
        String content = compose.path("configs").path(configName).path("content").asText();

        // ... from PRIMARY_METRICS_TARGET, https unless PRIMARY_METRICS_SCHEME says otherwise.
        JsonNode group = targets(DockerStack.interpolate(content, Map.of("PRIMARY_METRICS_TARGET", "hotel.example.org:443")));
        assertThat(texts(group.path("targets"))).containsExactly("hotel.example.org:443");
        assertThat(group.path("labels").path("__scheme__").asText()).isEqualTo("https");
        assertThat(group.path("labels").path("node").asText()).isEqualTo("primary");
        JsonNode overTailscale = targets(DockerStack.interpolate(content,
                Map.of("PRIMARY_METRICS_TARGET", "100.101.102.103:8080", "PRIMARY_METRICS_SCHEME", "http")));
        assertThat(overTailscale.path("labels").path("__scheme__").asText()).isEqualTo("http");
        assertThatThrownBy(() -> DockerStack.interpolate(content, Map.of()))
                .hasMessageContaining("PRIMARY_METRICS_TARGET");

        // The same job, so the dashboard and the alerts see both nodes; the standby labelled too.
        assertThat(job.path("static_configs").get(0).path("labels").path("node").asText()).isEqualTo("standby");

        // The alert rules are loaded from beside the configuration, where compose mounts them.
        List<String> ruleFiles = texts(config.path("rule_files"));
        assertThat(ruleFiles).isNotEmpty().allSatisfy(rules -> assertThat(DockerStack.mounts(prometheus))
                .containsEntry("/etc/prometheus/" + rules, "./prometheus/" + rules));
        assertThat(DockerStack.readOnlyMounts(prometheus)).contains("/etc/prometheus/alerts.yml");
    }

    /** The one target group of a file_sd file. */
    private static JsonNode targets(String fileSd) {
        JsonNode groups = new ObjectMapper().valueToTree(
                new Yaml(new SafeConstructor(new LoaderOptions())).load(fileSd));
        assertThat(groups.isArray()).as("a file_sd list of target groups").isTrue();
        assertThat(groups).hasSize(1);
        return groups.get(0);
    }
}
