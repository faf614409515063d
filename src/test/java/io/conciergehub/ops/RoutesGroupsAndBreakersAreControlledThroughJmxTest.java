package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Jolokia;
import io.conciergehub.support.RouteApi;
import io.conciergehub.support.TestHub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Through Jolokia (as from Hawtio) an operator suspends and resumes a route, stops and starts a
 * route group, and forces a circuit breaker open and closed; the hub's own route API and stats see
 * the same state.
 */
class RoutesGroupsAndBreakersAreControlledThroughJmxTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    Jolokia jolokia;
    RouteApi routes;

    @BeforeEach
    void clients() {
        jolokia = new Jolokia(env.hub());
        routes = new RouteApi(env.hub());
    }

    @Test
    void aRouteIsReadSuspendedAndResumedThroughJmx() throws Exception {
        String route = jolokia.mbean("org.apache.camel:type=routes,*", "mesh-commands-sweep");

        assertThat(jolokia.read(route, "State").path("value").asText()).isEqualTo("Started");
        assertThat(jolokia.exec(route, "suspend()").path("status").asInt()).isEqualTo(200);
        assertThat(jolokia.read(route, "State").path("value").asText()).isEqualTo("Suspended");
        assertThat(routes.state("mesh-commands-sweep")).as("the route controller sees it").isEqualTo("Suspended");

        assertThat(jolokia.exec(route, "resume").path("status").asInt()).isEqualTo(200);
        assertThat(routes.state("mesh-commands-sweep")).isEqualTo("Started");
    }

    @Test
    void aRouteGroupIsStoppedAndStartedThroughJmx() throws Exception {
        String group = jolokia.mbean("org.apache.camel:type=routegroups,*", "cloud");

        assertThat(jolokia.exec(group, "stop()").path("status").asInt()).isEqualTo(200);
        assertThat(routes.states("cloud")).containsOnly("Stopped");

        assertThat(jolokia.exec(group, "start").path("status").asInt()).isEqualTo(200);
        assertThat(routes.states("cloud")).containsOnly("Started");
    }

    @Test
    void aCircuitBreakerIsForcedOpenAndClosedThroughJmx() throws Exception {
        String breaker = jolokia.mbean("org.apache.camel:type=processors,*", "command-execution");

        assertThat(jolokia.exec(breaker, "transitionToForcedOpenState").path("status").asInt()).isEqualTo(200);
        assertThat(jolokia.read(breaker, "CircuitBreakerState").path("value").asText()).isEqualTo("FORCED_OPEN");
        assertThat(circuitInStats()).isEqualTo("forced_open");

        assertThat(jolokia.exec(breaker, "transitionToCloseState").path("status").asInt()).isEqualTo(200);
        assertThat(circuitInStats()).isEqualTo("closed");
    }

    static String circuitInStats() throws Exception {
        return new ObjectMapper().readTree(env.hub().getApi("/api/mesh/stats", TestHub.API_KEY).body()).path("circuits")
                .path("command-execution").asText();
    }
}
