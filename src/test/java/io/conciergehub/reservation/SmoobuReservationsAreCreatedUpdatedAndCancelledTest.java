package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.EventSinkStub;
import io.conciergehub.support.GuestNames;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * newReservation, updateReservation, cancelReservation from Smoobu: one guest, one booking that
 * follows the reservation to its cancellation, one booking.created event.
 */
class SmoobuReservationsAreCreatedUpdatedAndCancelledTest {

    @RegisterExtension
    static final EventSinkStub sink = new EventSinkStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> Smoobu.configure(sink.configure(hub.scopedKeys())));

    @Test
    void aReservationIsCreatedThenUpdatedThenCancelled() throws Exception {
        long guests = env.hub().count("SELECT COUNT(*) FROM guests");
        HttpResponse<String> created = Smoobu.post(env.hub(), Smoobu.webhook("newReservation", "291",
                "2026-06-01 10:12:33", Smoobu.reservation("2026-07-01", "2026-07-05", 2)));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("\"result\":\"created\"");
        assertThat(booking()).isEqualTo("smoobu|2026-07-01|2026-07-05|2|1|Casa Mare|confirmed");
        assertThat(GuestNames.of(env.hub(), "+393331234567")).isEqualTo("Mario Rossi");
        assertThat(env.hub().text("SELECT language FROM guests")).isEqualTo("it");
        JsonNode guest = new ObjectMapper().readTree(env.hub().postApi("/api/mesh/guests/query", TestHub.READ_KEY,
                "{\"phone\":\"+393331234567\"}").body()).path("guests").get(0);
        assertThat(guest.path("bookings").get(0).path("notes").asText()).as("Smoobu's notice").isEqualTo("Arrivo tardi");

        HttpResponse<String> updated = Smoobu.post(env.hub(), Smoobu.webhook("updateReservation", "291",
                "2026-06-02 09:00:00", Smoobu.reservation("2026-07-01", "2026-07-06", 3)
                        .replace("\"type\":\"reservation\"", "\"type\":\"modification of booking\"")));
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.body()).contains("\"result\":\"updated\"");
        assertThat(booking()).isEqualTo("smoobu|2026-07-01|2026-07-06|3|1|Casa Mare|confirmed");

        HttpResponse<String> cancelled = Smoobu.post(env.hub(), Smoobu.webhook("cancelReservation", "291",
                "2026-06-03 18:30:00", Smoobu.reservation("2026-07-01", "2026-07-06", 3)
                        .replace("\"type\":\"reservation\"", "\"type\":\"cancellation\"")));
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.body()).contains("\"result\":\"cancelled\"");
        assertThat(booking()).isEqualTo("smoobu|2026-07-01|2026-07-06|3|1|Casa Mare|cancelled");

        assertThat(env.hub().count("SELECT COUNT(*) FROM guests")).isEqualTo(guests + 1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE external_id = '291'")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> events291().contains("booking.cancelled"));
        assertThat(events291())
                .containsSubsequence("booking.created", "booking.updated", "booking.cancelled")
                .filteredOn("booking.created"::equals).hasSize(1);
    }

    @Test
    void aCancellationNeedsOnlyTheReservationAndItsTime() throws Exception {
        Smoobu.post(env.hub(), Smoobu.webhook("newReservation", "292", "2026-06-01 10:00:00",
                Smoobu.reservation("2026-07-10", "2026-07-12", 2).replace("+39 333 1234567", "+39 333 1234568")));

        HttpResponse<String> cancelled = Smoobu.post(env.hub(), Smoobu.webhook("cancelReservation", "292",
                "2026-06-02 10:00:00", "\"phone\":\"unknown\",\"arrival\":\"\""));

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(env.hub().text("SELECT arrival || '|' || status FROM bookings WHERE external_id = '292'"))
                .isEqualTo("2026-07-10|cancelled");
    }

    @Test
    void otherActionsAreAcknowledgedAndIgnored() throws Exception {
        long bookings = env.hub().count("SELECT COUNT(*) FROM bookings");

        HttpResponse<String> answer = Smoobu.post(env.hub(), "{\"action\":\"newMessage\",\"user\":12345,"
                + "\"data\":{\"id\":88,\"message\":\"Ciao\"}}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"result\":\"ignored\"").doesNotContain("Ciao");
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings")).isEqualTo(bookings);
    }

    /** The types of the events about reservation 291 the sink received, in order. */
    private static List<String> events291() {
        return sink.acknowledged().stream().filter(event -> event.path("data").path("externalId").asText().equals("291"))
                .map(event -> event.path("type").asText()).toList();
    }

    private static String booking() throws Exception {
        return env.hub().text("SELECT source || '|' || arrival || '|' || departure || '|' || adults || '|' || children"
                + " || '|' || apartment || '|' || status FROM bookings WHERE external_id = '291'");
    }
}
