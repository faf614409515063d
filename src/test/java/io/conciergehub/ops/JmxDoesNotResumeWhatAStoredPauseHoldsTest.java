package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Jolokia;
import java.time.Duration;
import java.util.List;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Once the month's budget is spent, the flight watch stays paused whatever an operator does in
 * Hawtio: through JMX (Jolokia at /observe/jolokia), resuming or starting route flights and
 * starting group cloud are refused for it, saying that RESUME_WORKERS lifts the pause, as
 * /api/routes refuses them.
 */
class JmxDoesNotResumeWhatAStoredPauseHoldsTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(SpentBudget::settings);

    @Test
    void theBudgetsPauseHoldsAgainstJmx() throws Exception {
        SpentBudget.spend(env.hub());

        Jolokia jmx = new Jolokia(env.hub());
        String hub = "org.apache.camel:context=" + env.hub().context().getName();
        String flights = jmx.mbean(hub + ",type=routes,*", "flights");
        assertThat(List.of(jmx.exec(flights, "resume()"), jmx.exec(flights, "start()"),
                jmx.exec(jmx.mbean(hub + ",type=routegroups,*", "cloud"), "start()")))
                .allSatisfy(answer -> assertThat(answer.path("error").asText()).as(answer.toString())
                        .contains("route 'flights' stays suspended", "paid pollers are paused", "RESUME_WORKERS"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> SpentBudget.status(env.hub(), "flights") == ServiceStatus.Suspended);
        assertThat(SpentBudget.status(env.hub(), "events-poll")).as("the rest of the cloud-facing work goes on")
                .isEqualTo(ServiceStatus.Started);
    }
}
