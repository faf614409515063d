package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.StaffChannels;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * At costs.alert-percent (80 %) of costs.monthly-budget, the month so far in the hotel's time zone,
 * staff are told in Slack and by e-mail, once a month however often the budget is checked; the next
 * month tells them again.
 */
class ABudgetAt80PercentAlertsStaffOnceAMonthTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-04-10T09:00"));

    @RegisterExtension
    @Order(1)
    static final GreenMailExtension smtp = StaffChannels.smtp();

    @RegisterExtension
    @Order(2)
    static final WireMockExtension slack = StaffChannels.slack();

    @RegisterExtension
    @Order(3)
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> StaffChannels.configure(hub.clock(clock), slack, smtp)
            .property("costs.template-message", "0.40").property("costs.monthly-budget", "1")
            .property("costs.check-cron", "* * * * * ?"));

    @Test
    void staffAreToldOnceAMonth() throws Exception {
        sendTemplate("+393331260001");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> StaffChannels.slackTexts(slack).isEmpty());

        sendTemplate("+393331260002"); // 0.80 of 1.00
        await().atMost(Duration.ofSeconds(10)).until(() -> StaffChannels.slackTexts(slack).size() == 1
                && StaffChannels.mails(smtp).size() == 1);
        assertThat(StaffChannels.slackTexts(slack).get(0)).contains("80 % of the monthly budget spent",
                "Spent 0.80 of 1.00 in 2027-04", "template: 2 calls, 0.80");
        assertThat(StaffChannels.mails(smtp).get(0)).startsWith("Concierge Hub: 80 % of the monthly budget spent")
                .contains("Spent 0.80 of 1.00 in 2027-04");
        assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo(StaffChannels.STAFF);

        // Checked every second, still one alert this month.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> StaffChannels.slackTexts(slack).size() == 1 && StaffChannels.mails(smtp).size() == 1);

        clock.moveTo(LocalDateTime.parse("2027-05-02T09:00"));
        sendTemplate("+393331260003");
        sendTemplate("+393331260004");
        await().atMost(Duration.ofSeconds(10)).until(() -> StaffChannels.slackTexts(slack).size() == 2
                && StaffChannels.mails(smtp).size() == 2);
        assertThat(StaffChannels.slackTexts(slack).get(1)).contains("Spent 0.80 of 1.00 in 2027-05");
    }

    private static void sendTemplate(String phone) throws Exception {
        assertThat(Flights.command(env.hub(), "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"" + phone + "\","
                + "\"template\":\"1234\"}}")).isEqualTo("succeeded");
    }
}
