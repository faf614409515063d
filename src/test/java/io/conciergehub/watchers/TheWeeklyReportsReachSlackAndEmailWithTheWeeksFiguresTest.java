package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubWithStaffChannels;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On reports.weekly-cron staff get, in Slack and by e-mail, the week's guest report (the figures
 * GET /api/mesh/reports/weekly answers) and the last seven days' costs: paid calls, cost, cost per
 * guest who stayed, per item. Once per day, however often the cron fires.
 */
class TheWeeklyReportsReachSlackAndEmailWithTheWeeksFiguresTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-04-05T09:00"));
    static final String WEEK = "(2027-03-30 to 2027-04-05)";

    @RegisterExtension
    static final HubWithStaffChannels env = HubWithStaffChannels.withSettings(hub -> hub.clock(clock)
            .property("costs.template-message", "0.40").property("reports.weekly-cron", "* * * * * ?"));

    @Test
    void staffGetTheWeeksGuestsAndCosts() throws Exception {
        Flights.book(env.hub(), "W-1", "Ada", "+393331300001", "it", "2027-04-05", null);
        Flights.book(env.hub(), "W-2", "Bea", "+393331300002", "en", "2027-04-05", null);
        assertThat(Flights.command(env.hub(), "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"+393331300001\","
                + "\"template\":\"1234\"}}")).isEqualTo("succeeded");

        clock.moveTo(LocalDateTime.parse("2027-04-06T08:30:30"));
        await().atMost(Duration.ofSeconds(10)).until(() -> reports(env.slackTexts()).size() == 2
                && reports(env.mails()).size() == 2);
        JsonNode api = new ObjectMapper().readTree(env.hub().getApi("/api/mesh/reports/weekly", TestHub.API_KEY).body());
        assertThat(api.path("newGuests").asLong()).isEqualTo(2);

        for (List<String> channel : List.of(reports(env.slackTexts()), reports(env.mails()))) {
            String guests = channel.stream().filter(text -> text.contains("the week's guests")).findFirst().orElseThrow();
            assertThat(guests).contains("- new guests: " + api.path("newGuests").asLong(),
                    "- bookings from direct: " + api.path("bookingsBySource").path("direct").asLong(),
                    "- messages in: " + api.path("messagesIn").asLong() + ", out: " + api.path("messagesOut").asLong(),
                    "- conversations that needed staff: " + api.path("conversationsThatNeededStaff").asLong(),
                    "- opt-outs: " + api.path("optOuts").asLong());
            String costs = channel.stream().filter(text -> text.contains("the week's costs")).findFirst().orElseThrow();
            assertThat(costs).contains("- paid calls: 1, cost: 0.40", "- cost per guest: 0.20 (2 guests)",
                    "- template: 1 calls, 0.40", "- flightaware: 0 calls, 0.00");
        }

        // The cron fires every second: still one of each for the day.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> reports(env.slackTexts()).size() == 2);
    }

    private static List<String> reports(List<String> texts) {
        return texts.stream().filter(text -> text.contains(WEEK)).toList();
    }
}
