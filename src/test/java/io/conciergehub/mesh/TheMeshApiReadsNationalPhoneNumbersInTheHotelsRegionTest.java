package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A phone number without its country code ("0170 0001234") is read as a number of the hotel's
 * region (concierge.default-region, here Germany) wherever the mesh API takes one: a synced
 * booking, a guest query, a command. International forms, WhatsApp's "447700…" among them, mean
 * the same in every region; a national number the region cannot have is a 400, never a wrong "+" number.
 */
class TheMeshApiReadsNationalPhoneNumbersInTheHotelsRegionTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(
            hub -> hub.property("concierge.default-region", "DE"));

    @Test
    void aSyncedBookingsNationalNumberIsAGermanNumber() throws Exception {
        sync("N-1", "0170 0001234");

        assertThat(externalIdsOf("+491700001234")).containsExactly("N-1");
    }

    @Test
    void aWhatsAppStyleInternationalNumberIsTheSameInAnyRegion() throws Exception {
        sync("N-2", "447700900456");
        sync("N-3", "+44 7700 900457");
        sync("N-4", "0044 7700 900458");

        assertThat(externalIdsOf("+447700900456")).containsExactly("N-2");
        assertThat(externalIdsOf("+447700900457")).containsExactly("N-3");
        assertThat(externalIdsOf("+447700900458")).containsExactly("N-4");
    }

    @Test
    void aGuestIsFoundByTheNationalFormOfItsNumber() throws Exception {
        sync("N-5", "+49 30 23125457");

        assertThat(externalIdsOf("030 23125457")).containsExactly("N-5");
    }

    @Test
    void aCommandToANationalNumberReachesTheGermanGuest() throws Exception {
        sync("N-7", "+49 170 0009876");

        HttpResponse<String> accepted = env.hub().postApi("/api/mesh/commands", TestHub.API_KEY,
                "{\"action\":\"UPDATE_GUEST\",\"payload\":{\"phone\":\"0170 0009876\","
                        + "\"updates\":{\"language\":\"fr\"}}}");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> "fr".equals(guest("+491700009876").path("language").asText()));
    }

    @Test
    void aNationalNumberTheRegionCannotHaveIsRefusedAndNothingIsStored() throws Exception {
        long bookings = env.hub().count("SELECT COUNT(*) FROM bookings");

        HttpResponse<String> refused = env.hub().postApi("/api/mesh/sync/bookings", TestHub.API_KEY,
                "{\"bookings\":[{\"externalId\":\"N-6\",\"source\":\"website\",\"phone\":\"0170 12\"}]}");

        assertThat(refused.body()).contains("bookings[0].phone").doesNotContain("0170 12");
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings")).isEqualTo(bookings);
    }

    private static void sync(String externalId, String phone) throws Exception {
        HttpResponse<String> answer = env.hub().postApi("/api/mesh/sync/bookings", TestHub.API_KEY,
                "{\"bookings\":[{\"externalId\":\"" + externalId + "\",\"source\":\"website\",\"phone\":\"" + phone
                        + "\",\"arrival\":\"2026-12-20\",\"departure\":\"2026-12-22\"}]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"merged\":1");
    }

    /** The one guest the query finds by this phone number. */
    private static JsonNode guest(String phone) throws Exception {
        HttpResponse<String> found = env.hub().postApi("/api/mesh/guests/query", TestHub.API_KEY,
                "{\"phone\":\"" + phone + "\"}");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode guests = MeshJson.body(found).path("guests");
        assertThat(guests).hasSize(1);
        return guests.get(0);
    }

    private static List<String> externalIdsOf(String phone) throws Exception {
        List<String> ids = new ArrayList<>();
        guest(phone).path("bookings").forEach(booking -> ids.add(booking.path("externalId").asText()));
        return ids;
    }
}
