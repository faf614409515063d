package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.guest.Booking;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Mailbox;
import io.conciergehub.support.TestHub;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every sample mail of every source (src/test/resources/mail), delivered into the reservations
 * mailbox the hub polls, ends as the booking expected.yaml says, with its guest: the confirmations
 * first, then the cancellations, which cancel the booking of the same reference and blank nothing.
 * The unreadable samples land in the quarantine folder, each with its reason.
 */
class SampleMailsOfEverySourceBecomeBookingsThroughTheMailboxTest {

    static final String PASSWORD = "mailbox-password-samples";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> mailbox.hubSettings(hub, PASSWORD, "200ms"));

    @Test
    void everyReadableSampleIsABookingAndEveryUnreadableOneIsQuarantined() throws Exception {
        Map<String, Booking> expected = SampleMails.expected();
        List<String> readable = SampleMails.readable();
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(readable);
        List<String> confirmations = readable.stream().filter(name -> !"cancelled".equals(expected.get(name).status())).toList();
        List<String> cancellations = readable.stream().filter(name -> "cancelled".equals(expected.get(name).status())).toList();
        List<String> unreadable = SampleMails.all().stream().filter(name -> !readable.contains(name)).toList();
        assertThat(cancellations).isNotEmpty();
        assertThat(unreadable).isNotEmpty();

        // What each booking must end as: its confirmation, overlaid by its cancellation if any.
        Map<String, Booking> finals = new LinkedHashMap<>();
        for (String name : confirmations) {
            finals.put(key(expected.get(name)), expected.get(name));
        }
        for (String name : cancellations) {
            Booking cancel = expected.get(name);
            finals.merge(key(cancel), cancel, SampleMailsOfEverySourceBecomeBookingsThroughTheMailboxTest::overlay);
        }

        for (String name : confirmations) {
            deliver(name);
        }
        for (String name : unreadable) {
            deliver(name);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> env.hub().count("SELECT COUNT(*) FROM bookings")
                == confirmations.size() && mailbox.folder("Quarantine").size() == unreadable.size());
        for (String name : cancellations) {
            deliver(name);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.folder("Processed").size() == readable.size());
        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count(
                "SELECT COUNT(*) FROM bookings WHERE status = 'cancelled'") == cancellations.size());

        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings")).isEqualTo(finals.size());
        assertThat(mailbox.folder("INBOX")).isEmpty();
        SoftAssertions soft = new SoftAssertions();
        for (Booking want : finals.values()) {
            String where = " FROM bookings WHERE source = '" + want.source() + "' AND external_id = '"
                    + want.externalId() + "'";
            soft.assertThat(env.hub().text("SELECT arrival || '|' || departure || '|' || status" + where))
                    .as(key(want)).isEqualTo(want.arrival() + "|" + want.departure() + "|" + want.status());
            JsonNode guest = guestByPhone(want.phone());
            soft.assertThat(guest).as("guest of " + key(want)).isNotNull();
            if (guest == null) {
                continue;
            }
            JsonNode booking = null;
            for (JsonNode b : guest.path("bookings")) {
                if (want.source().equals(b.path("source").asText()) && want.externalId().equals(b.path("externalId").asText())) {
                    booking = b;
                }
            }
            soft.assertThat(booking).as("booking of " + key(want) + " under its guest").isNotNull();
            if (booking != null) {
                soft.assertThat(booking.path("arrival").asText()).as(key(want)).isEqualTo(want.arrival().toString());
                soft.assertThat(booking.path("departure").asText()).as(key(want)).isEqualTo(want.departure().toString());
                soft.assertThat(booking.path("status").asText()).as(key(want)).isEqualTo(want.status());
                soft.assertThat(booking.path("notes").isNull() ? null : booking.path("notes").asText())
                        .as("notes of " + key(want)).isEqualTo(want.notes());
            }
            if (want.notes() != null) {
                soft.assertThat(env.hub().text("SELECT notes" + where)).as("notes of " + key(want) + " at rest")
                        .isNotBlank().doesNotContain(want.notes());
            }
            soft.assertThat(guest.path("name").asText()).as("name of " + key(want)).isEqualTo(want.guestName());
            if (want.email() != null) {
                soft.assertThat(guest.path("email").asText()).as("e-mail of " + key(want)).isEqualTo(want.email());
            }
            if (want.language() != null) {
                soft.assertThat(guest.path("language").asText()).as("language of " + key(want)).isEqualTo(want.language());
            }
        }
        soft.assertAll();

        assertThat(mailbox.folder("Quarantine")).hasSize(unreadable.size()).allMatch(Mailbox.Mail::seen);
        assertThat(env.hub().count("SELECT COUNT(*) FROM quarantined_mails")).isEqualTo(unreadable.size());
        assertThat(env.hub().count("SELECT COUNT(*) FROM quarantined_mails WHERE reason IS NULL OR TRIM(reason) = ''"))
                .isZero();
    }

    private static String key(Booking booking) {
        return booking.source() + "/" + booking.externalId();
    }

    /** A cancellation's reported fields over the confirmation's; what it does not report stays. */
    private static Booking overlay(Booking confirmed, Booking cancel) {
        return new Booking(confirmed.source(), confirmed.externalId(),
                Objects.requireNonNullElse(confirmed.guestName(), cancel.guestName()),
                or(cancel.phone(), confirmed.phone()), or(cancel.email(), confirmed.email()),
                or(cancel.language(), confirmed.language()), or(cancel.arrival(), confirmed.arrival()),
                or(cancel.departure(), confirmed.departure()), or(cancel.adults(), confirmed.adults()),
                or(cancel.children(), confirmed.children()), or(cancel.apartment(), confirmed.apartment()),
                or(cancel.flightNumber(), confirmed.flightNumber()), "cancelled",
                or(cancel.notes(), confirmed.notes()));
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    private static JsonNode guestByPhone(String phone) throws Exception {
        HttpResponse<String> answer = env.hub().postApi("/api/mesh/guests/query", TestHub.API_KEY,
                "{\"phone\":\"" + phone + "\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode guests = JSON.readTree(answer.body()).path("guests");
        return guests.size() == 1 ? guests.get(0) : null;
    }

    /** The sample as it is, its own Message-ID kept. */
    private static void deliver(String name) throws Exception {
        try (InputStream in = SampleMails.class.getClassLoader().getResourceAsStream(SampleMails.ROOT + "/" + name)) {
            mailbox.deliver(new MimeMessage(Session.getInstance(new Properties()), in) {
                @Override
                protected void updateMessageID() {
                    // keep the sample's Message-ID
                }
            });
        }
    }
}
