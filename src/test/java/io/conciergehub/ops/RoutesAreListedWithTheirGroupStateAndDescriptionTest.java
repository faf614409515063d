package io.conciergehub.ops;

import static io.conciergehub.support.RouteApi.body;
import static io.conciergehub.support.RouteApi.ids;
import static io.conciergehub.support.RouteApi.stream;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /api/routes: an operator with an admin key sees every route with its group, state and description, or one group's. */
class RoutesAreListedWithTheirGroupStateAndDescriptionTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    @Test
    void theListShowsEveryRouteWithItsGroupStateAndDescription() throws Exception {
        JsonNode routes = body(env.hub().getApi("/api/routes", TestHub.API_KEY), 200);

        assertThat(stream(routes).map(route -> route.path("group").asText()))
                .contains("ingest", "consumers", "cloud", "api");
        assertThat(stream(routes).filter(route -> route.path("group").isTextual()))
                .allSatisfy(route -> {
                    assertThat(route.path("id").asText()).isNotBlank();
                    assertThat(route.path("state").asText()).isEqualTo("Started");
                    assertThat(route.path("description").asText()).isNotBlank()
                            .as("a templated route's description names its own parameters").doesNotContain("{{");
                });
        assertThat(ids(routes)).contains("outbox-dispatch", "events-poll", "guest-inbound-spoki", "route-control-list");

        JsonNode cloud = body(env.hub().getApi("/api/routes?group=cloud", TestHub.API_KEY), 200);
        assertThat(stream(cloud)).isNotEmpty()
                .allSatisfy(route -> assertThat(route.path("group").asText()).isEqualTo("cloud"));
    }
}
