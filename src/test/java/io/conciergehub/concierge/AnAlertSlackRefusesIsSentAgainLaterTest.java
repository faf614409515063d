package io.conciergehub.concierge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.SlackStub;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Slack fails to take an alert: the alert stays pending and is sent on a later attempt; the guest stays flagged. */
class AnAlertSlackRefusesIsSentAgainLaterTest {

    static final String PHONE = "+393351150001";

    @RegisterExtension
    @Order(1)
    static final SlackStub slack = new SlackStub();

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> slack.configure(hub)
            .property("alerts.retry-delay", "300ms"));

    @Test
    void theAlertIsSentOnceSlackTakesIt() throws Exception {
        slack.stubFor(SlackStub.webhook().inScenario("outage").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withBody("internal_error")).willSetStateTo("back"));
        slack.stubFor(SlackStub.webhook().inScenario("outage").whenScenarioStateIs("back")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody("ok")));

        env.hub().postSpoki(Webhooks.spokiInbound(PHONE, "Could you recommend a good restaurant for tonight?"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !OutboundLog.to(env.hub(), PHONE).isEmpty());

        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count(
                "SELECT COUNT(*) FROM staff_alerts WHERE slack_pending = 0") == 1);
        assertThat(slack.posts()).hasSize(2);
        assertThat(env.hub().text("SELECT attempts || ' ' || last_error FROM staff_alerts"))
                .isEqualTo("1 slack: Unavailable: remote service answered 500: internal_error");
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests WHERE needs_attention = 1")).isEqualTo(1);
    }
}
