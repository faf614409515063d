package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.DockerStack;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml's Redis is not published and the standby names it by its service name: the
 * on-site primary cannot use it. The README's batched notices, which a shared Redis would carry
 * over a take-over, say that this Redis is the standby's alone, so a pair set up as described
 * shares no batches.
 */
class TheStandbyStacksRedisIsTheStandbysAloneTest {

    @Test
    void theReadmePromisesNoSharedRedisForTheShippedStack() throws Exception {
        JsonNode services = DockerStack.compose().path("services");
        assertThat(services.path("redis").has("ports")).as("Redis is not published").isFalse();
        assertThat(DockerStack.environment(services.path("hub"))).containsEntry("CONCIERGE_REDIS_URL",
                "redis://redis:6379");

        String readme = Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
        String notices = readme.substring(readme.indexOf("The waiting notices are kept where a restart finds them"));
        notices = notices.substring(0, notices.indexOf("## "));
        assertThat(notices).contains("same** Redis", "not published", "serves the standby alone",
                "shares no batches");
    }
}
