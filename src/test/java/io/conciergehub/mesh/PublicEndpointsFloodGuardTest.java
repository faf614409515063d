package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What anyone may read without a key, /health and /openapi.json, is behind a flood guard per client
 * address (api.public-rate-limit per api.rate-limit-window): a flood is refused with 429 and
 * Retry-After, and leaves the API's own allowance alone.
 */
class PublicEndpointsFloodGuardTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.property("api.public-rate-limit", "4")
            .property("api.rate-limit-window", "600000"));

    @Test
    void aFloodOfHealthAndOpenApiRequestsFromOneAddressIsRefusedWith429() throws Exception {
        for (String path : List.of("/health", "/openapi.json", "/health", "/openapi.json")) {
            assertThat(env.hub().get(path).statusCode()).as(path).isEqualTo(200);
        }

        HttpResponse<String> health = env.hub().get("/health");
        HttpResponse<String> openApi = env.hub().get("/openapi.json");

        assertThat(List.of(health, openApi)).allSatisfy(flood -> {
            assertThat(flood.statusCode()).isEqualTo(429);
            assertThat(flood.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                    assertThat(Long.parseLong(seconds)).isPositive());
            assertThat(flood.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
            assertThat(MeshJson.body(flood).path("error").asText()).isEqualTo("rate_limited");
            assertThat(MeshJson.body(flood).path("detail").asText()).isNotBlank();
        });
        // The API is counted apart: the flood does not use up its allowance.
        assertThat(env.hub().getApi("/api/mesh/stats", TestHub.API_KEY).statusCode()).isEqualTo(200);
    }
}
