package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Jolokia;
import io.conciergehub.support.RouteApi;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While the budget's stored pause holds the paid pollers, an operator who suspended the event
 * forwarding and starts group cloud in Hawtio (JMX, Jolokia) gets it running again; route flights,
 * which the pause holds, stays suspended and the answer names it and the pause. Before, the whole
 * start was refused and the event forwarding stayed suspended, as WorkerControl would not have left it.
 */
class AJmxStartOfGroupCloudInTheBudgetPauseStartsAllButThePaidPollersTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(SpentBudget::settings);

    @Test
    void theRestOfTheGroupStartsAndFlightsStaysHeld() throws Exception {
        SpentBudget.spend(env.hub());
        RouteApi.body(env.hub().postApi("/api/routes/events-poll/suspend", TestHub.API_KEY, ""), 200);

        Jolokia jmx = new Jolokia(env.hub());
        String hub = "org.apache.camel:context=" + env.hub().context().getName();
        JsonNode answer = jmx.exec(jmx.mbean(hub + ",type=routegroups,*", "cloud"), "start()");

        assertThat(answer.path("error").asText()).as(answer.toString())
                .contains("started but", "route 'flights' stays suspended", "paid pollers are paused", "RESUME_WORKERS");
        assertThat(SpentBudget.status(env.hub(), "events-poll")).isEqualTo(ServiceStatus.Started);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> SpentBudget.status(env.hub(), "flights") == ServiceStatus.Suspended);
    }
}
