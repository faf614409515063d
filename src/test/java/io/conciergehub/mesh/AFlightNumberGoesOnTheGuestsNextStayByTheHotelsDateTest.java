package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/**
 * UPDATE_GUEST's flightNumber goes on the guest's next stay, "next" by the hotel's date: at 00:30
 * in Rome (still the day before in UTC) the stay that began yesterday is no longer next, and a
 * booking whose dates are not known yet comes after every dated one.
 */
class AFlightNumberGoesOnTheGuestsNextStayByTheHotelsDateTest {

    @Test
    void justAfterMidnightTheNextStayIsNextMonths() throws Exception {
        TestClock clock = TestClock.at(LocalDateTime.parse("2027-04-10T00:30"));
        try (TestHub hub = TestHub.builder().clock(clock).start()) {
            String phone = "+393351280001";
            assertThat(hub.postApi("/api/mesh/sync/bookings", TestHub.API_KEY, "{\"bookings\":["
                    + booking("B-UNDATED", phone, null, null) + ","
                    + booking("B-SINCE-YESTERDAY", phone, "2027-04-09", "2027-04-12") + ","
                    + booking("B-MAY", phone, "2027-05-01", "2027-05-04") + "]}").statusCode()).isEqualTo(200);

            assertThat(Commands.runToEnd(hub, "{\"action\":\"UPDATE_GUEST\",\"payload\":{\"phone\":\"" + phone + "\","
                    + "\"updates\":{\"flightNumber\":\"AZ 1234\"}}}").path("status").asText()).isEqualTo("succeeded");

            assertThat(hub.text("SELECT group_concat(external_id) FROM bookings WHERE flight_number IS NOT NULL"))
                    .isEqualTo("B-MAY");
        }
    }

    private static String booking(String id, String phone, String arrival, String departure) {
        return "{\"externalId\":\"" + id + "\",\"source\":\"smoobu\",\"guestName\":\"Ada Conti\",\"phone\":\"" + phone
                + "\"" + (arrival == null ? "" : ",\"arrival\":\"" + arrival + "\",\"departure\":\"" + departure + "\"")
                + "}";
    }
}
