package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.SlackStub;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slack is down while a guest is flagged; staff see the guest in the hub and resolve it. When
 * Slack is back, the stale alert is withdrawn, not sent: staff are not called for a guest they
 * already helped. It is counted as withdrawn.
 */
class AnAlertWhoseFlagStaffClearedIsWithdrawnNotSentTest {


    @RegisterExtension
    @Order(1)
    static final SlackStub slack = new SlackStub();

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> slack.configure(hub)
            .property("alerts.retry-delay", "200ms")
            .property("alerts.max-retry-delay", "200ms"));

    @Test
    void aResolvedGuestsPendingAlertIsNeverSent() throws Exception {
        slack.answers(503);
        String phone = "+393351140077";
        Guests.writes(env.hub(), phone, "Could you book a massage for tomorrow afternoon please?");
        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count("SELECT attempts FROM staff_alerts") >= 1);

        assertThat(env.hub().postApi("/api/mesh/commands", TestHub.API_KEY,
                "{\"action\":\"RESOLVE_GUEST\",\"payload\":{\"phone\":\"" + phone + "\"}}").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> !Guests.flagged(env.hub(), phone));
        slack.resetAll();
        slack.answers(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count("SELECT COUNT(*) FROM staff_alerts"
                + " WHERE slack_pending = 1") == 0);
        assertThat(env.hub().text("SELECT last_error FROM staff_alerts")).isEqualTo("withdrawn");
        assertThat(slack.posts()).as("nothing sent once Slack was back").isEmpty();
        assertThat(env.hub().get("/metrics", "X-API-Key", TestHub.API_KEY).body())
                .contains("concierge_staff_alerts_total{channel=\"none\",outcome=\"withdrawn\"} 1.0");
    }
}
