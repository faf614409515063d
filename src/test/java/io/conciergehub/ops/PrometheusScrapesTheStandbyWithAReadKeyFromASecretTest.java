package io.conciergehub.ops;

import static io.conciergehub.support.DockerStack.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.DockerStack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * docker/prometheus: Prometheus scrapes the standby hub's /metrics with a key of the read scope
 * that it reads from a Compose secret, never from its own configuration file.
 */
class PrometheusScrapesTheStandbyWithAReadKeyFromASecretTest {

    private final JsonNode compose = DockerStack.compose();
    private final JsonNode services = compose.path("services");

    @Test
    void prometheusScrapesTheHubsMetricsWithAReadKeyFromASecretFile() {
        JsonNode prometheus = services.path("prometheus");
        assertThat(DockerStack.mounts(prometheus)).containsEntry("/etc/prometheus/prometheus.yml",
                "./prometheus/prometheus.yml");
        assertThat(texts(prometheus.path("command"))).contains("--config.file=/etc/prometheus/prometheus.yml");

        JsonNode config = DockerStack.yaml("prometheus/prometheus.yml");
        JsonNode job = StreamSupport.stream(config.path("scrape_configs").spliterator(), false)
                .filter(j -> j.path("metrics_path").asText().equals("/metrics")).findFirst().orElseThrow();
        List<String> targets = new ArrayList<>();
        job.path("static_configs").forEach(c -> targets.addAll(texts(c.path("targets"))));
        assertThat(targets).as("the hub service on its container port").containsExactly("hub:8080");
        assertThat(job.path("scheme").asText("http")).isEqualTo("http");

        JsonNode authorization = job.path("authorization");
        assertThat(authorization.path("type").asText()).isEqualTo("Bearer");
        assertThat(authorization.has("credentials")).as("no key in prometheus.yml").isFalse();
        assertThat(job.has("bearer_token")).isFalse();
        assertThat(DockerStack.text("prometheus/prometheus.yml")).as("Prometheus expands no variables").doesNotContain("${");

        // The credentials file is a compose secret holding METRICS_API_KEY ...
        String file = authorization.path("credentials_file").asText();
        assertThat(file).startsWith("/run/secrets/");
        String secret = file.substring("/run/secrets/".length());
        assertThat(texts(prometheus.path("secrets"))).contains(secret);
        assertThat(compose.path("secrets").path(secret).path("environment").asText()).isEqualTo("METRICS_API_KEY");
        // ... which the hub accepts with the read scope that /metrics needs.
        String apiKeys = DockerStack.environment(services.path("hub")).get("CONCIERGE_API_KEYS");
        assertThat(Arrays.stream(apiKeys.split(","))).anyMatch(
                key -> key.matches("\\$\\{METRICS_API_KEY(:\\?[^}]*)?}:read"));
    }
}
