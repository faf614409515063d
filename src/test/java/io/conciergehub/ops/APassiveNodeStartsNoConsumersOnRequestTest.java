package io.conciergehub.ops;

import static io.conciergehub.support.RouteApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.RouteApi;
import io.conciergehub.support.TestHub;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a passive node (a standby whose primary is away) the consumers stay stopped: an admin who
 * resumes or suspends a route or a group, through the API or the console's operations view, gets
 * 503 naming the active node. Started there, the mailbox, the journey and the alerts would run on
 * the standby's copy of the data beside the primary.
 */
class APassiveNodeStartsNoConsumersOnRequestTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.scopedKeys().standbyOfAnAbsentPrimary());

    final RouteApi routes = new RouteApi(env.hub());

    @Test
    void resumingOrSuspendingIsRefused() throws Exception {
        List<String> consumers = routes.states("consumers");
        List<String> cloud = routes.states("cloud");
        assertThat(routes.state("guest-journey")).isEqualTo("Stopped");

        for (String path : new String[] {"/api/routes/groups/consumers/resume", "/api/routes/groups/cloud/resume",
                "/api/routes/guest-journey/resume", "/api/routes/groups/consumers/suspend",
                "/api/console/operations/routes/groups/consumers/resume"}) {
            assertThat(body(env.hub().postApi(path, TestHub.API_KEY, ""), 503).path("active").asText()).as(path)
                    .isEqualTo("http://127.0.0.1:9");
        }

        assertThat(routes.state("guest-journey")).isEqualTo("Stopped");
        assertThat(routes.states("consumers")).isEqualTo(consumers);
        assertThat(routes.states("cloud")).isEqualTo(cloud);
    }
}
