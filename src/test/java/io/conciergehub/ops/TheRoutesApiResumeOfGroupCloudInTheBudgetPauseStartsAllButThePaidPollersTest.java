package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.RouteApi;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While the budget's stored pause holds the paid pollers, POST /api/routes/groups/cloud/resume
 * after the event forwarding was suspended by hand starts it again and answers 200, naming in
 * {@code held} route flights and the pause that keeps it suspended. Before, it answered 409 and
 * left the whole group as it was, unlike WorkerControl's start of the group.
 */
class TheRoutesApiResumeOfGroupCloudInTheBudgetPauseStartsAllButThePaidPollersTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(SpentBudget::settings);

    @Test
    void theRestOfTheGroupStartsAndFlightsIsNamedAsHeld() throws Exception {
        SpentBudget.spend(env.hub());
        RouteApi.body(env.hub().postApi("/api/routes/events-poll/suspend", TestHub.API_KEY, ""), 200);

        JsonNode group = RouteApi.body(env.hub().postApi("/api/routes/groups/cloud/resume", TestHub.API_KEY, ""), 200);

        assertThat(group.path("held").path("flights").asText()).contains("paid pollers are paused", "RESUME_WORKERS");
        assertThat(group.path("held").size()).isEqualTo(1);
        assertThat(SpentBudget.status(env.hub(), "events-poll")).isEqualTo(ServiceStatus.Started);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> SpentBudget.status(env.hub(), "flights") == ServiceStatus.Suspended);
    }
}
