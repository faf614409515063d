package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.DockerStack;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker/grafana: Grafana starts with the stack's Prometheus as its data source and the hub's
 * dashboard, from the provisioning files Compose mounts, as its home page.
 */
class GrafanaIsProvisionedWithThePrometheusAndTheDashboardTest {

    private final JsonNode services = DockerStack.compose().path("services");

    @Test
    void grafanaIsProvisionedWithThatPrometheusAndTheDashboardDirectory() {
        JsonNode grafana = services.path("grafana");
        Map<String, String> mounts = DockerStack.mounts(grafana);
        assertThat(mounts).containsEntry("/etc/grafana/provisioning", "./grafana/provisioning");

        JsonNode datasources = DockerStack.yaml("grafana/provisioning/datasources/prometheus.yaml").path("datasources");
        assertThat(datasources).hasSize(1);
        JsonNode datasource = datasources.get(0);
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(datasource.path("uid").asText()).isNotBlank();
        URI url = URI.create(datasource.path("url").asText());
        assertThat(services.has(url.getHost())).as("a service of the stack: %s", url).isTrue();
        assertThat(url.getPort()).isEqualTo(9090);

        JsonNode provider = DockerStack.yaml("grafana/provisioning/dashboards/dashboards.yaml").path("providers").get(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        String path = provider.path("options").path("path").asText();
        assertThat(mounts).containsKey(path);
        Path dashboards = DockerStack.DIR.resolve(mounts.get(path)).normalize();
        assertThat(dashboards.resolve("concierge-hub.json")).exists();
        assertThat(DockerStack.environment(grafana).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
                .isEqualTo(path + "/concierge-hub.json");
    }
}
