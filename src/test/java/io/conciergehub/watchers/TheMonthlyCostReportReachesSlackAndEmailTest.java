package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubWithStaffChannels;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On reports.monthly-cron staff get, in Slack and by e-mail, the previous month's costs (in the
 * hotel's time zone): paid calls, cost, cost per guest who stayed that month, per item.
 */
class TheMonthlyCostReportReachesSlackAndEmailTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-04-20T10:00"));

    @RegisterExtension
    static final HubWithStaffChannels env = HubWithStaffChannels.withSettings(hub -> hub.clock(clock)
            .property("costs.template-message", "0.40").property("reports.monthly-cron", "* * * * * ?"));

    @Test
    void staffGetLastMonthsCosts() throws Exception {
        Flights.book(env.hub(), "M-1", "Ada", "+393331310001", "it", "2027-04-22", null);
        Flights.book(env.hub(), "M-2", "Bea", "+393331310002", "en", "2027-04-25", null);
        for (String phone : List.of("+393331310001", "+393331310002")) {
            assertThat(Flights.command(env.hub(), "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"" + phone
                    + "\",\"template\":\"1234\"}}")).isEqualTo("succeeded");
        }

        // Midnight in Rome, still April 30th in UTC: the month is the hotel's.
        clock.moveTo(LocalDateTime.parse("2027-05-01T00:30"));
        await().atMost(Duration.ofSeconds(10)).until(() -> april(env.slackTexts()).size() == 1
                && april(env.mails()).size() == 1);
        for (String report : List.of(april(env.slackTexts()).get(0), april(env.mails()).get(0))) {
            assertThat(report).contains("Concierge Hub: the costs of 2027-04 (2027-04-01 to 2027-04-30)",
                    "- paid calls: 2, cost: 0.80", "- cost per guest: 0.40 (2 guests)", "- template: 2 calls, 0.80",
                    "- llm: 0 calls, 0.00");
        }
    }

    private static List<String> april(List<String> texts) {
        return texts.stream().filter(text -> text.contains("the costs of 2027-04")).toList();
    }
}
