package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A returning guest with a past stay, a cancelled one and a coming one asks "What time is my
 * check-in?": the concierge answers with the hotel's check-in time, and names no stay at all, so
 * it can name neither the past one, nor the cancelled one, nor whichever was stored first. Its
 * answers are the hotel's, never a booking's (docs/foundation.md, "Answers are the hotel's").
 */
class AGuestWithSeveralBookingsAskingAboutCheckInGetsTheHotelsTimeTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void theAnswerIsTheHotelsCheckInTimeAndNamesNoStay() throws Exception {
        String phone = "+393351350001";
        assertThat(env.hub().postApi("/api/mesh/sync/bookings", TestHub.API_KEY, "{\"bookings\":["
                + booking(phone, "PAST", "2026-01-10", "2026-01-12", "confirmed") + ","
                + booking(phone, "CANCELLED", "2027-02-01", "2027-02-03", "cancelled") + ","
                + booking(phone, "NEXT", "2027-06-10", "2027-06-14", "confirmed") + "]}").statusCode()).isEqualTo(200);

        String answer = Guests.last(Guests.writes(env.hub(), phone, "What time is my check-in?")).path("text").asText();

        assertThat(answer).startsWith("Check-in is from 15:00").doesNotContain("2026", "2027", "January", "February",
                "June");
    }

    private static String booking(String phone, String id, String arrival, String departure, String status) {
        return "{\"externalId\":\"" + id + "\",\"source\":\"direct\",\"guestName\":\"Ada Conti\",\"phone\":\"" + phone
                + "\",\"language\":\"en\",\"arrival\":\"" + arrival + "\",\"departure\":\"" + departure
                + "\",\"status\":\"" + status + "\"}";
    }
}
