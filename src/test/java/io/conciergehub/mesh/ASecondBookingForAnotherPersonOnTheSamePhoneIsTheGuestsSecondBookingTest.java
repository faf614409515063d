package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One phone, two bookings: Lena books her own stay, then a room for her father with her phone and
 * his name and e-mail. The second booking is a second booking of the same guest, the first is
 * untouched, and the guest stays Lena, with her e-mail and language: a booking form fills in only
 * what the guest lacks (one guest per phone, docs/reservations.md).
 */
class ASecondBookingForAnotherPersonOnTheSamePhoneIsTheGuestsSecondBookingTest {

    static final String PHONE = "+4915123456731";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void theGuestKeepsTheirNameAndEMailAndGainsABooking() throws Exception {
        JsonNode first = sync("{\"externalId\":\"LV-1\",\"source\":\"booking.com\",\"guestName\":\"Lena Vogel\","
                + "\"phone\":\"" + PHONE + "\",\"email\":\"lena@example.org\",\"language\":\"de\","
                + "\"arrival\":\"2027-05-01\",\"departure\":\"2027-05-04\",\"apartment\":\"Loft\"}");
        JsonNode second = sync("{\"externalId\":\"LV-2\",\"source\":\"booking.com\",\"guestName\":\"Max Vogel\","
                + "\"phone\":\"" + PHONE + "\",\"email\":\"max@example.org\",\"language\":\"en\","
                + "\"arrival\":\"2027-05-02\",\"departure\":\"2027-05-06\",\"apartment\":\"Garden\"}");

        assertThat(second.path("result").asText()).isEqualTo("created");
        assertThat(second.path("guestId").asLong()).isEqualTo(first.path("guestId").asLong());
        JsonNode guests = QueriedGuests.query(env.hub(), "{\"phone\":\"" + PHONE + "\"}").path("guests");
        assertThat(guests).hasSize(1);
        JsonNode guest = guests.get(0);
        assertThat(guest.path("name").asText()).isEqualTo("Lena Vogel");
        assertThat(guest.path("email").asText()).isEqualTo("lena@example.org");
        assertThat(guest.path("language").asText()).isEqualTo("de");
        assertThat(guest.path("bookings").findValuesAsText("externalId")).containsExactly("LV-1", "LV-2");
        assertThat(guest.path("bookings").findValuesAsText("departure")).containsExactly("2027-05-04", "2027-05-06");
        assertThat(guest.path("bookings").findValuesAsText("apartment")).containsExactly("Loft", "Garden");
        assertThat(QueriedGuests.query(env.hub(), "{\"email\":\"max@example.org\"}").path("guests")).isEmpty();
    }

    private static JsonNode sync(String booking) throws Exception {
        return MeshJson.body(env.hub().postApi("/api/mesh/sync/bookings", TestHub.API_KEY,
                "{\"bookings\":[" + booking + "]}")).path("results").get(0);
    }
}
