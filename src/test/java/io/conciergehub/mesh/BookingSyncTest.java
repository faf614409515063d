package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.EventSinkStub;
import io.conciergehub.support.GuestNames;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /api/mesh/sync/bookings: upserts with the reservation merge rules, a result per booking, events raised. */
class BookingSyncTest {

    @RegisterExtension
    static final EventSinkStub sink = new EventSinkStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> sink.configure(hub.scopedKeys()));

    static HttpResponse<String> sync(String bookings) throws Exception {
        return env.hub().postApi("/api/mesh/sync/bookings", TestHub.SYNC_KEY, "{\"bookings\":[" + bookings + "]}");
    }

    @Test
    void aNewBookingCreatesGuestAndBookingThenUpdatesAndCancellationMerge() throws Exception {
        HttpResponse<String> created = sync("{\"externalId\":\"SM-100\",\"source\":\"smoobu\",\"guestName\":\"Lena Vogel\","
                + "\"phone\":\"+49 151 2345 6789\",\"email\":\"Lena@Example.org\",\"language\":\"de\","
                + "\"arrival\":\"2026-12-20\",\"departure\":\"2026-12-27\",\"adults\":2,\"children\":1,"
                + "\"apartment\":\"Loft\",\"flightNumber\":\"lh 1234\"}");

        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode result = MeshJson.body(created).path("results").get(0);
        assertThat(result.path("result").asText()).isEqualTo("created");
        assertThat(result.path("status").asText()).isEqualTo("confirmed");
        long guestId = result.path("guestId").asLong();
        assertThat(env.hub().text("SELECT language FROM guests WHERE id = " + guestId)).isEqualTo("de");
        assertThat(GuestNames.of(env.hub(), "+4915123456789")).isEqualTo("Lena Vogel");
        assertThat(env.hub().text("SELECT arrival || '|' || adults || '|' || flight_number || '|' || status"
                + " FROM bookings WHERE external_id = 'SM-100'")).isEqualTo("2026-12-20|2|LH1234|confirmed");

        // Reported again with a new departure and another name: the booking follows, the guest keeps their name.
        HttpResponse<String> updated = sync("{\"externalId\":\"SM-100\",\"source\":\"smoobu\",\"guestName\":\"L. Vogel\","
                + "\"phone\":\"+4915123456789\",\"departure\":\"2026-12-28\"}");
        assertThat(MeshJson.body(updated).path("results").get(0).path("result").asText()).isEqualTo("updated");
        assertThat(MeshJson.body(updated).path("results").get(0).path("guestId").asLong()).isEqualTo(guestId);
        assertThat(env.hub().text("SELECT departure || '|' || arrival FROM bookings WHERE external_id = 'SM-100'"))
                .isEqualTo("2026-12-28|2026-12-20");
        assertThat(GuestNames.of(env.hub(), "+4915123456789")).isEqualTo("Lena Vogel");

        HttpResponse<String> again = sync("{\"externalId\":\"SM-100\",\"source\":\"smoobu\",\"departure\":\"2026-12-28\"}");
        assertThat(MeshJson.body(again).path("results").get(0).path("result").asText()).isEqualTo("unchanged");

        sync("{\"externalId\":\"SM-100\",\"source\":\"smoobu\",\"email\":\"lena@example.org\",\"status\":\"cancelled\"}");
        assertThat(env.hub().text("SELECT status FROM bookings WHERE external_id = 'SM-100'")).isEqualTo("cancelled");
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE external_id = 'SM-100'")).isEqualTo(1);
        // Reported confirmed again (a stale report): it stays cancelled, and the answer says so.
        JsonNode revived = MeshJson.body(sync("{\"externalId\":\"SM-100\",\"source\":\"smoobu\","
                + "\"status\":\"confirmed\"}")).path("results").get(0);
        assertThat(revived.path("status").asText()).isEqualTo("cancelled");
        assertThat(env.hub().text("SELECT status FROM bookings WHERE external_id = 'SM-100'")).isEqualTo("cancelled");

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.acknowledged().stream()
                .anyMatch(event -> event.path("type").asText().equals("booking.cancelled")));
        assertThat(sink.acknowledged().stream().map(event -> event.path("type").asText()))
                .containsSubsequence("guest.created", "booking.created", "booking.updated", "booking.cancelled");
        assertThat(sink.acknowledged().toString()).doesNotContain("4915123456789", "Vogel", "lena@example.org");
    }

    @Test
    void eachBookingIsAcceptedOrRefusedOnItsOwn() throws Exception {
        HttpResponse<String> answer = sync("{\"externalId\":\"SM-200\",\"source\":\"smoobu\",\"phone\":\"+393331112222\"},"
                + "{\"externalId\":\"SM-201\",\"source\":\"smoobu\",\"phone\":\"+393331112223\",\"arrival\":\"31/12/2026\"},"
                + "{\"externalId\":\"SM-202\",\"source\":\"smoobu\",\"email\":\"nobody@example.org\"}");

        assertThat(answer.statusCode()).isEqualTo(207);
        JsonNode results = MeshJson.body(answer).path("results");
        assertThat(results.get(0).path("result").asText()).isEqualTo("created");
        assertThat(results.get(1).path("field").asText()).isEqualTo("bookings[1].arrival");
        assertThat(results.get(2).path("error").asText()).isEqualTo("not_merged");
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE external_id IN ('SM-201', 'SM-202')")).isZero();
    }

    @Test
    void aRequestWithoutBookingsIs400() throws Exception {
        HttpResponse<String> answer = env.hub().postApi("/api/mesh/sync/bookings", TestHub.SYNC_KEY, "{\"bookings\":[]}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(MeshJson.body(answer).path("field").asText()).isEqualTo("bookings");
    }
}
