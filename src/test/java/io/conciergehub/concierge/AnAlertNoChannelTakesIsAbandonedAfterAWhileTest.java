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
 * An alert Slack keeps refusing is not retried without end: after alerts.give-up-after it is
 * abandoned and counted, and the guest stays flagged for staff to find in the guest query.
 */
class AnAlertNoChannelTakesIsAbandonedAfterAWhileTest {


    @RegisterExtension
    @Order(1)
    static final SlackStub slack = new SlackStub();

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> slack.configure(hub)
            .property("alerts.retry-delay", "200ms")
            .property("alerts.max-retry-delay", "200ms").property("alerts.give-up-after", "2s"));

    @Test
    void anUndeliverableAlertIsAbandonedAndTheGuestStaysFlagged() throws Exception {
        slack.answers(503);
        String phone = "+393351140088";
        Guests.writes(env.hub(), phone, "Could you book a massage for tomorrow afternoon please?");

        await().atMost(Duration.ofSeconds(15)).until(() -> env.hub().count("SELECT COUNT(*) FROM staff_alerts"
                + " WHERE slack_pending = 0") == 1);
        assertThat(env.hub().text("SELECT last_error FROM staff_alerts")).isEqualTo("abandoned");
        assertThat(env.hub().count("SELECT attempts FROM staff_alerts")).as("it was tried first").isGreaterThan(1);
        assertThat(Guests.flagged(env.hub(), phone)).isTrue();
        assertThat(env.hub().get("/metrics", "X-API-Key", TestHub.API_KEY).body())
                .contains("concierge_staff_alerts_total{channel=\"none\",outcome=\"abandoned\"} 1.0")
                .contains("concierge_staff_alerts_total{channel=\"slack\",outcome=\"failed\"}");
    }
}
