package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.RouteApi;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.RoutePolicySupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Suspending group cloud (PAUSE_WORKERS, a handback, a node giving up the role, /api/routes)
 * suspends events-poll, which hands the event drain's queue its work and waits for it, before that
 * queue: a poll that fires while the group is being suspended is still drained, the suspension
 * answers at once and no exchange is left waiting. The other way round (seen in a handback on a
 * loaded machine) the poll waited on the suspended queue until Camel's shutdown timeout forced the
 * route down, and the request that suspended it answered only then.
 */
class SuspendingAGroupLeavesNoExchangeWaitingOnItsQueueTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub
            .property("events.poll-interval", "50ms")
            // A forced suspension then ends well within the API client's 10 s.
            .property("camel.main.shutdown-timeout", "3"));

    @Test
    void aPollThatFiresWhileTheGroupIsSuspendedIsDrainedBeforeTheQueueIsSuspended() throws Exception {
        CamelContext context = env.hub().context();
        // The poll fires just after the drain's queue is suspended, as long as the poll still runs.
        context.getRoute("events-drain").getRoutePolicyList().add(new RoutePolicySupport() {
            @Override
            public void onSuspend(Route route) {
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        context.getRouteController().getRouteStatus("events-poll") != ServiceStatus.Started
                                || context.getInflightRepository().size("events-poll") > 0);
            }
        });

        RouteApi.body(env.hub().postApi("/api/routes/groups/cloud/suspend", TestHub.API_KEY, ""), 200);

        RouteApi routes = new RouteApi(env.hub());
        assertThat(routes.state("events-poll")).isEqualTo("Suspended");
        assertThat(routes.state("events-drain")).isEqualTo("Suspended");
        assertThat(context.getInflightRepository().size("events-poll")).as("polls left waiting").isZero();
        assertThat(env.hub().log().lines()).as("no route forced down")
                .noneMatch(line -> line.contains("Timeout occurred during graceful shutdown"));
    }
}
