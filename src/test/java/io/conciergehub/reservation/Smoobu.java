package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.conciergehub.support.Mailbox;
import io.conciergehub.support.TestHub;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Clock;

/**
 * Smoobu's webhooks as the tests send them ({@code POST /webhooks/smoobu?token=…} with Smoobu's
 * JSON), and its notification mails as they land in the reservations mailbox.
 */
final class Smoobu {

    static final String SECRET = TestHub.SMOOBU_SECRET;

    private Smoobu() {
    }

    /** Every test hub has the secret ({@link TestHub}); said again here for the reader. */
    static TestHub.Builder configure(TestHub.Builder hub) {
        return hub.property("smoobu.webhook-secret", SECRET);
    }

    /**
     * A hub on the test's clock whose journey looks every second and sends each step's template:
     * 1000 the welcome, 1001 the pre-arrival message, 1003 the check-out message.
     */
    static TestHub.Builder withJourney(TestHub.Builder hub, Clock clock) {
        return configure(hub).clock(clock)
                .property("journey.cron", "* * * * * ?")
                .property("journey.welcome.template", "1000")
                .property("journey.pre-arrival.template", "1001")
                .property("journey.check-out.template", "1003");
    }

    /** A hub that reads each reservation again from this stub of Smoobu's API, with this key. */
    static TestHub.Builder configureWithApi(TestHub.Builder hub, String apiKey, WireMockServer api) {
        return configure(hub).property("smoobu.api-key", apiKey).property("smoobu.base-url", api.baseUrl());
    }

    static HttpResponse<String> post(TestHub hub, String json) throws Exception {
        return post(hub, SECRET, json);
    }

    static HttpResponse<String> post(TestHub hub, String token, String json) throws Exception {
        return hub.postJson("/webhooks/smoobu" + (token == null ? "" : "?token=" + token), json);
    }

    /**
     * A webhook as Smoobu sends it; {@code fields}: the reservation's fields beside id and modifiedAt,
     * as JSON members ("\"arrival\":\"2026-07-01\", …"), or empty.
     */
    static String webhook(String action, String id, String modifiedAt, String fields) {
        return "{\"action\":\"" + action + "\",\"user\":12345,\"data\":{\"id\":" + id + ",\"modifiedAt\":\"" + modifiedAt
                + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}}";
    }

    /**
     * The reservation of the Booking.com sample mail (booking.com/new-booking-en.eml, Emma Fictional)
     * as Smoobu reports it: reference-id the Booking.com number, more adults, its own apartment name,
     * a shortened name; no e-mail, children, flight or language.
     */
    static String bookingComSampleReservation(String reference) {
        return "\"reference-id\":\"" + reference + "\",\"type\":\"reservation\","
                + "\"arrival\":\"2026-12-12\",\"departure\":\"2026-12-15\","
                + "\"apartment\":{\"id\":505300,\"name\":\"Suite 12 Sea View\"},"
                + "\"channel\":{\"id\":465614,\"name\":\"Booking.com\"},\"guest-name\":\"Emma F.\","
                + "\"email\":\"\",\"phone\":\"+44 7700 900123\",\"adults\":3";
    }

    /**
     * Sends Smoobu's webhook for a reservation with {@link #reservation}'s fields (its reference "HM" + id,
     * 2 adults) for this phone and stay; returns the result the hub answered ("created", "stale", …).
     */
    static String result(TestHub hub, String action, String id, String modifiedAt, String phone, String arrival,
            String departure) throws Exception {
        String fields = reservation(arrival, departure, 2).replace("+39 333 1234567", phone).replace("HMABC123", "HM" + id);
        HttpResponse<String> answer = post(hub, webhook(action, id, modifiedAt, fields));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body().replaceAll(".*\"result\":\"([a-z_]+)\".*", "$1");
    }

    /** A reservation's usual fields: Booking.com through Smoobu, for Mario Rossi at Casa Mare. */
    static String reservation(String arrival, String departure, int adults) {
        return "\"reference-id\":\"HMABC123\",\"type\":\"reservation\",\"arrival\":\"" + arrival + "\",\"departure\":\""
                + departure + "\",\"created-at\":\"2026-06-01 10:12\",\"apartment\":{\"id\":505200,\"name\":\"Casa Mare\"},"
                + "\"channel\":{\"id\":465614,\"name\":\"Booking.com\"},\"guest-name\":\"Mario Rossi\","
                + "\"firstname\":\"Mario\",\"lastname\":\"Rossi\",\"email\":\"mario@example.com\","
                + "\"phone\":\"+39 333 1234567\",\"adults\":" + adults + ",\"children\":1,\"check-in\":\"15:00\","
                + "\"notice\":\"Arrivo tardi\",\"price\":480,\"price-paid\":\"No\",\"language\":\"it\","
                + "\"is-blocked-booking\":false,\"guestId\":777";
    }

    /**
     * Smoobu's "New booking from Booking.com" mail (as smoobu/new-booking-en.eml) for reservation
     * {@code id}, naming the channel's number {@code reference}; dates as Smoobu writes them (12.12.2026).
     */
    static MimeMessage newBookingMail(Mailbox mailbox, String id, String reference, String guest, String phone,
            String arrival, String departure) throws Exception {
        MimeMessage mail = mailbox.message("<smoobu-" + id + "-new@smoobu.com>",
                "New booking from Booking.com: Sea View Studio, " + arrival + " - " + departure);
        mail.setFrom(new InternetAddress("noreply@smoobu.com"));
        mail.setText("Hello Maria,\n\nyou have received a new booking.\n\nBooking ID: " + id + "\nReference: "
                + reference + "\nChannel: Booking.com\nApartment: Sea View Studio\nGuest: " + guest + "\nPhone: "
                + phone + "\nLanguage: English\nArrival: " + arrival + "\nDeparture: " + departure
                + "\nAdults: 2\nChildren: 0\n\nYour Smoobu team\n", "UTF-8");
        return mail;
    }
}
