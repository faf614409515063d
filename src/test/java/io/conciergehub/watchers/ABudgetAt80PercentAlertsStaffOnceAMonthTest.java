package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubWithStaffChannels;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
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
    static final HubWithStaffChannels env = HubWithStaffChannels.withSettings(hub -> hub.clock(clock)
            .property("costs.template-message", "0.40").property("costs.monthly-budget", "1")
            .property("costs.check-cron", "* * * * * ?"));

    @Test
    void staffAreToldOnceAMonth() throws Exception {
        sendTemplate("+393331260001");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> env.slackTexts().isEmpty());

        sendTemplate("+393331260002"); // 0.80 of 1.00
        await().atMost(Duration.ofSeconds(10)).until(() -> env.slackTexts().size() == 1
                && env.mails().size() == 1);
        assertThat(env.slackTexts().get(0)).contains("80 % of the monthly budget spent",
                "Spent 0.80 of 1.00 in 2027-04", "template: 2 calls, 0.80");
        assertThat(env.mails().get(0)).startsWith("Concierge Hub: 80 % of the monthly budget spent")
                .contains("Spent 0.80 of 1.00 in 2027-04");
        assertThat(env.recipients()).containsExactly(HubWithStaffChannels.STAFF);

        // Checked every second, still one alert this month.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> env.slackTexts().size() == 1 && env.mails().size() == 1);

        clock.moveTo(LocalDateTime.parse("2027-05-02T09:00"));
        sendTemplate("+393331260003");
        sendTemplate("+393331260004");
        await().atMost(Duration.ofSeconds(10)).until(() -> env.slackTexts().size() == 2
                && env.mails().size() == 2);
        assertThat(env.slackTexts().get(1)).contains("Spent 0.80 of 1.00 in 2027-05");
    }

    private static void sendTemplate(String phone) throws Exception {
        assertThat(Flights.command(env.hub(), "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"" + phone + "\","
                + "\"template\":\"1234\"}}")).isEqualTo("succeeded");
    }
}
