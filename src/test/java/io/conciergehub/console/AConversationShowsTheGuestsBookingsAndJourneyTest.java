package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Beside the messages, a conversation shows the guest's bookings (reference, dates, status) and
 * their journey: each step that is on, when it is due in the hotel's time zone, and where it
 * stands; a cancelled booking's steps that had not gone are skipped, as are those of a stay the hub
 * learnt of after their day.
 */
class AConversationShowsTheGuestsBookingsAndJourneyTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.scopedKeys()
            .property("concierge.timezone", "Europe/Rome").property("journey.welcome.enabled", "false"));

    @Test
    void bookingsAndJourneyStepsAreShown() throws Exception {
        String phone = "+393351310001";
        long guestId = InboxGuests.writes(env.hub(), phone, InboxGuests.WIFI);
        assertThat(env.hub().postApi("/api/mesh/sync/bookings", TestHub.SYNC_KEY, "{\"bookings\":["
                + "{\"externalId\":\"B-2\",\"source\":\"airbnb\",\"phone\":\"" + phone + "\",\"arrival\":\"2027-06-10\","
                + "\"departure\":\"2027-06-14\"},"
                + "{\"externalId\":\"B-1\",\"source\":\"airbnb\",\"phone\":\"" + phone + "\",\"arrival\":\"2027-05-01\","
                + "\"departure\":\"2027-05-03\",\"status\":\"cancelled\"},"
                + "{\"externalId\":\"B-0\",\"source\":\"airbnb\",\"phone\":\"" + phone + "\",\"arrival\":\"2020-05-01\","
                + "\"departure\":\"2020-05-03\"}]}").statusCode()).isEqualTo(200);
        ConsoleBrowser anna = InboxGuests.staff(env.hub(), "anna", "staff");

        JsonNode conversation = InboxGuests.conversation(anna, guestId);

        JsonNode bookings = conversation.path("bookings");
        assertThat(bookings.findValuesAsText("reference")).containsExactly("B-0", "B-1", "B-2");
        assertThat(bookings.get(2).path("checkIn").asText()).isEqualTo("2027-06-10");
        assertThat(bookings.get(2).path("checkOut").asText()).isEqualTo("2027-06-14");
        assertThat(bookings.findValuesAsText("status")).containsExactly("confirmed", "cancelled", "confirmed");
        assertThat(InboxGuests.journey(conversation)).containsExactly("B-0 pre-arrival skipped", "B-0 check-out skipped",
                "B-1 pre-arrival skipped", "B-1 check-out skipped",
                "B-2 pre-arrival scheduled", "B-2 check-out scheduled");
        ZoneId rome = ZoneId.of("Europe/Rome");
        assertThat(Instant.parse(conversation.path("journey").get(4).path("dueAt").asText()))
                .isEqualTo(LocalDateTime.parse("2027-06-08T10:00").atZone(rome).toInstant());
        assertThat(Instant.parse(conversation.path("journey").get(5).path("dueAt").asText()))
                .isEqualTo(LocalDateTime.parse("2027-06-14T08:30").atZone(rome).toInstant());
    }
}
