package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.SlackStub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operations view lists the latest staff alerts, newest first, with why and for which guest,
 * and whether a channel still owes them; never the guest's words.
 */
class TheOperationsViewListsTheLatestStaffAlertsWithoutTheirTextTest {


    @RegisterExtension
    @Order(1)
    static final SlackStub slack = new SlackStub();

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = HubUnderTest.withLogProvider(slack::configure);

    @Test
    void anAlertShowsItsReasonAndGuestButNotItsText() throws Exception {
        slack.answers(200);
        ConsoleBrowser.createAccount(env.hub(), "rita", "staff");
        ConsoleBrowser staff = new ConsoleBrowser(env.hub()).loggedInAs("rita");
        env.hub().postSpoki(Webhooks.spokiInbound("+393351170001", "Could you recommend a good restaurant for tonight?"));
        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count(
                "SELECT COUNT(*) FROM staff_alerts WHERE slack_pending = 0") == 1);

        HttpResponse<String> answer = staff.get("/api/console/operations/alerts");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode alert = ConsoleBrowser.json(answer).path("alerts").get(0);
        assertThat(alert.path("reason").asText()).isEqualTo("not_understood");
        assertThat(alert.path("guestId").asLong()).isEqualTo(env.hub().count("SELECT guest_id FROM staff_alerts"));
        assertThat(alert.path("pending").asBoolean()).isFalse();
        assertThat(alert.path("failed").asBoolean()).isFalse();
        assertThat(answer.body()).doesNotContain("restaurant");
    }
}
