package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A travel desk books two colleagues, each with their own phone and the desk's e-mail. Smoobu then
 * reports a change of the second one's stay without a phone ("phone": null): the booking keeps its
 * guest, the second colleague, and is not moved to the first one found by that e-mail.
 */
class AnUpdateWithoutAPhoneKeepsTheBookingsGuestWhoSharesAnEmailTest {

    static final String FIRST = "+393475550201";
    static final String SECOND = "+393475550202";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> Smoobu.configure(hub.scopedKeys()));

    @Test
    void theBookingStaysWithItsGuest() throws Exception {
        assertThat(webhook("newReservation", "9101", "2026-06-01 10:00:00", "\"" + FIRST + "\"", "2026-09-13"))
                .isEqualTo("created");
        assertThat(webhook("newReservation", "9102", "2026-06-01 10:05:00", "\"" + SECOND + "\"", "2026-09-13"))
                .isEqualTo("created");

        assertThat(webhook("updateReservation", "9102", "2026-06-02 10:00:00", "null", "2026-09-14"))
                .isEqualTo("updated");

        assertThat(env.hub().text("SELECT departure FROM bookings WHERE external_id = '9102'")).isEqualTo("2026-09-14");
        assertThat(MailboxJourney.guests(env, SECOND).get(0).path("bookings")).singleElement()
                .satisfies(booking -> assertThat(booking.path("externalId").asText()).isEqualTo("9102"));
        assertThat(MailboxJourney.guests(env, FIRST).get(0).path("bookings")).singleElement()
                .satisfies(booking -> assertThat(booking.path("externalId").asText()).isEqualTo("9101"));
    }

    private static String webhook(String action, String id, String modifiedAt, String phone, String departure)
            throws Exception {
        HttpResponse<String> answer = Smoobu.post(env.hub(), Smoobu.webhook(action, id, modifiedAt,
                "\"reference-id\":\"HM" + id + "\",\"arrival\":\"2026-09-10\",\"departure\":\"" + departure + "\","
                        + "\"guest-name\":\"Travel Desk Guest\",\"email\":\"travel@desk.example\",\"phone\":" + phone));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body().replaceAll(".*\"result\":\"([a-z_]+)\".*", "$1");
    }
}
