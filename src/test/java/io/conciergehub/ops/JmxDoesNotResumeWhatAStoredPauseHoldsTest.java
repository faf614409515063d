package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Jolokia;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.util.List;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Once the month's budget is spent, the flight watch stays paused whatever an operator does in
 * Hawtio: through JMX (Jolokia at /observe/jolokia), resuming or starting route flights and
 * starting group cloud are refused, saying that RESUME_WORKERS lifts the pause, as /api/routes
 * refuses them.
 */
class JmxDoesNotResumeWhatAStoredPauseHoldsTest {

    // One template message spends the budget; AeroAPI is never asked (no booking names a flight).
    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub
            .property("flightaware.api-key", "aeroapi-key-unused").property("flightaware.base-url", "http://127.0.0.1:9")
            .property("costs.template-message", "1").property("costs.monthly-budget", "1")
            .property("costs.check-cron", "* * * * * ?"));

    @Test
    void theBudgetsPauseHoldsAgainstJmx() throws Exception {
        assertThat(command("{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"+393331330001\",\"template\":\"1234\"}}"))
                .isEqualTo("succeeded");
        await().atMost(Duration.ofSeconds(10)).until(() -> status("flights") == ServiceStatus.Suspended);

        Jolokia jmx = new Jolokia(env.hub());
        String hub = "org.apache.camel:context=" + env.hub().context().getName();
        String flights = jmx.mbean(hub + ",type=routes,*", "flights");
        assertThat(List.of(jmx.exec(flights, "resume()"), jmx.exec(flights, "start()"),
                jmx.exec(jmx.mbean(hub + ",type=routegroups,*", "cloud"), "start()")))
                .allSatisfy(answer -> assertThat(answer.path("error").asText()).as(answer.toString())
                        .contains("route 'flights' stays suspended", "paid pollers are paused", "RESUME_WORKERS"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> status("flights") == ServiceStatus.Suspended);
        assertThat(status("events-poll")).as("the rest of the cloud-facing work goes on").isEqualTo(ServiceStatus.Started);
    }

    private static ServiceStatus status(String route) {
        return env.hub().context().getRouteController().getRouteStatus(route);
    }

    private static String command(String command) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String id = json.readTree(env.hub().postApi("/api/mesh/commands", TestHub.API_KEY, command).body())
                .path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> !status(json, id).matches("queued|running"));
        return status(json, id);
    }

    private static String status(ObjectMapper json, String id) throws Exception {
        JsonNode answer = json.readTree(env.hub().getApi("/api/mesh/commands/" + id, TestHub.API_KEY).body());
        return answer.path("status").asText();
    }
}
