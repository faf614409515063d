package io.conciergehub.ops;

import static io.conciergehub.support.DockerStack.fieldNames;
import static io.conciergehub.support.DockerStack.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.DockerStack;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml: the hub service builds the image from the repository, runs as the standby
 * with its data on a named volume, and is health-checked on /health. No Docker engine runs here:
 * the files are parsed and cross-checked, as Compose reads them.
 */
class TheStandbyServiceRunsTheHubWithItsDataOnAVolumeTest {

    private final JsonNode compose = DockerStack.compose();
    private final JsonNode services = compose.path("services");

    @Test
    void theHubRunsAsStandbyWithItsDataOnAVolumeAndAHealthCheck() {
        assertThat(fieldNames(services)).contains("hub", "redis", "prometheus", "grafana");
        JsonNode hub = services.path("hub");

        Path context = DockerStack.DIR.resolve(hub.path("build").path("context").asText()).normalize();
        assertThat(context.resolve("pom.xml")).as("builds from the repository root").exists();
        assertThat(context.resolve(hub.path("build").path("dockerfile").asText()))
                .isEqualTo(context.resolve("docker/Dockerfile")).exists();

        Map<String, String> env = DockerStack.environment(hub);
        assertThat(env).containsEntry("CONCIERGE_ROLE", "standby").containsEntry("CONCIERGE_DATA_DIR", "/data")
                .containsEntry("HTTP_PORT", "8080").containsEntry("CONCIERGE_REDIS_URL", "redis://redis:6379");
        String dataVolume = DockerStack.mounts(hub).get("/data");
        assertThat(fieldNames(compose.path("volumes"))).as("/data is a named volume").contains(dataVolume);

        assertThat(texts(hub.path("ports"))).anyMatch(port -> port.endsWith(":8080"));
        String healthCheck = String.join(" ", texts(hub.path("healthcheck").path("test")));
        assertThat(healthCheck).contains("http://127.0.0.1:8080/health").contains("-f");
    }
}
