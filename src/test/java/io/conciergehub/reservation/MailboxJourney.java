package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Mailbox;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * A hub that reads the test's reservations mailbox every 200 ms and runs the guest journey every
 * second on its own clock, the welcome and the pre-arrival message going to the Spoki stub as
 * templates 1000 and 1001 (the guest has not written, so no free text may go): what a guest
 * gets from the bookings the mails make. The guests (with their bookings) are read from the API.
 */
final class MailboxJourney {

    /** The hotel's time the clock starts at: before the sample mails' arrivals, so welcomes are due. */
    static final LocalDateTime START = LocalDateTime.parse("2026-12-01T09:00");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MailboxJourney() {
    }

    static HubUnderTest hub(Mailbox mailbox, String password, TestClock clock) {
        return HubUnderTest.withSpoki(hub -> mailbox.hubSettings(hub, password, "200ms").clock(clock)
                .property("journey.cron", "* * * * * ?")
                .property("journey.welcome.template", "1000")
                .property("journey.pre-arrival.template", "1001"));
    }

    /** Puts the mail in INBOX and waits until the hub has filed it under the processed folder. */
    static void deliverAndWaitUntilProcessed(Mailbox mailbox, MimeMessage mail) throws Exception {
        mailbox.deliver(mail);
        // Read after delivery: saving the mail gives it its Message-ID.
        String messageId = mail.getMessageID();
        await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.folder("Processed").stream()
                .anyMatch(m -> messageId.equals(m.messageId())));
    }

    /** One booking of {@code source} stored through the sync API, which must merge it. */
    static void synced(TestHub hub, String source, String externalId, String phone, String arrival, String departure)
            throws Exception {
        String answer = hub.postApi("/api/mesh/sync/bookings", TestHub.API_KEY, "{\"bookings\":[{\"externalId\":\""
                + externalId + "\",\"source\":\"" + source + "\",\"guestName\":\"Ada Neri\",\"phone\":\"" + phone
                + "\",\"arrival\":\"" + arrival + "\",\"departure\":\"" + departure + "\"}]}").body();
        assertThat(answer).contains("\"merged\":1");
    }

    /** {@code POST /api/mesh/guests/query} by phone: the guests found, each with its bookings. */
    static JsonNode guests(HubUnderTest env, String phone) throws Exception {
        return JSON.readTree(env.hub().postApi("/api/mesh/guests/query", TestHub.API_KEY,
                "{\"phone\":\"" + phone + "\"}").body()).path("guests");
    }
}
