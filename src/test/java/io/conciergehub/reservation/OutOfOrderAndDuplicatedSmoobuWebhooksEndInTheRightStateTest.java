package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Smoobu may send a webhook twice, or deliver an older change after a newer one: by modifiedAt,
 * a duplicate or an older change is acknowledged and changes nothing, and a cancelled reservation
 * stays cancelled whatever comes after.
 */
class OutOfOrderAndDuplicatedSmoobuWebhooksEndInTheRightStateTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(Smoobu::configure);

    @Test
    void duplicatesAndOlderChangesChangeNothing() throws Exception {
        assertThat(post("newReservation", "401", "2026-06-01 10:00:00", "2026-07-05")).isEqualTo("created");
        assertThat(post("newReservation", "401", "2026-06-01 10:00:00", "2026-07-05")).isEqualTo("duplicate");
        assertThat(post("updateReservation", "401", "2026-06-03 10:00:00", "2026-07-08")).isEqualTo("updated");
        // The change of 2 June arrives after the one of 3 June.
        assertThat(post("updateReservation", "401", "2026-06-02 10:00:00", "2026-07-06")).isEqualTo("stale");
        assertThat(post("updateReservation", "401", "2026-06-03 10:00:00", "2026-07-08")).isEqualTo("duplicate");

        assertThat(state("401")).isEqualTo("2026-07-08|confirmed");
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings")).isEqualTo(1);
    }

    @Test
    void aCancelledReservationStaysCancelled() throws Exception {
        assertThat(post("newReservation", "402", "2026-06-01 10:00:00", "2026-07-05")).isEqualTo("created");
        assertThat(post("cancelReservation", "402", "2026-06-04 10:00:00", "2026-07-05")).isEqualTo("cancelled");
        // An update sent before the cancellation, delivered after it; then newer ones.
        assertThat(post("updateReservation", "402", "2026-06-02 10:00:00", "2026-07-09")).isEqualTo("stale");
        assertThat(post("updateReservation", "402", "2026-06-05 10:00:00", "2026-07-09")).isEqualTo("stale");
        assertThat(post("newReservation", "402", "2026-06-06 10:00:00", "2026-07-09")).isEqualTo("stale");
        assertThat(post("cancelReservation", "402", "2026-06-04 10:00:00", "2026-07-05")).isEqualTo("duplicate");

        assertThat(state("402")).isEqualTo("2026-07-05|cancelled");
    }

    @Test
    void aCancellationBeforeItsReservationKeepsTheReservationFromBeingBooked() throws Exception {
        assertThat(post("cancelReservation", "403", "2026-06-04 10:00:00", "2026-07-05")).isEqualTo("cancelled");
        assertThat(post("newReservation", "403", "2026-06-01 10:00:00", "2026-07-05")).isEqualTo("stale");

        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE external_id = '403'")).isZero();
    }

    @Test
    void aCancellationOnTheSameSecondAsTheLastChangeStillCancels() throws Exception {
        assertThat(post("newReservation", "404", "2026-06-01 10:00:00", "2026-07-05")).isEqualTo("created");
        assertThat(post("updateReservation", "404", "2026-06-01 10:00:00", "2026-07-05", true)).isEqualTo("cancelled");

        assertThat(state("404")).isEqualTo("2026-07-05|cancelled");
    }

    private static String post(String action, String id, String modifiedAt, String departure) throws Exception {
        return post(action, id, modifiedAt, departure, false);
    }

    /** @param cancellation data.type "cancellation", Smoobu's second way of saying it */
    private static String post(String action, String id, String modifiedAt, String departure, boolean cancellation)
            throws Exception {
        String fields = Smoobu.reservation("2026-07-01", departure, 2).replace("+39 333 1234567", "+39 333 765" + id);
        if (cancellation) {
            fields = fields.replace("\"type\":\"reservation\"", "\"type\":\"cancellation\"");
        }
        HttpResponse<String> answer = Smoobu.post(env.hub(), Smoobu.webhook(action, id, modifiedAt, fields));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body().replaceAll(".*\"result\":\"([a-z_]+)\".*", "$1");
    }

    private static String state(String id) throws Exception {
        return env.hub().text("SELECT departure || '|' || status FROM bookings WHERE source = 'smoobu'"
                + " AND external_id = '" + id + "'");
    }
}
