package io.conciergehub.reservation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Mailbox;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.time.LocalDateTime;

/**
 * A hub that reads the test's reservations mailbox every 200 ms and runs the guest journey every
 * second on its own clock, the welcome going to the Spoki stub as template 1000: what a guest
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
                .property("journey.welcome.template", "1000"));
    }

    /** {@code POST /api/mesh/guests/query} by phone: the guests found, each with its bookings. */
    static JsonNode guests(HubUnderTest env, String phone) throws Exception {
        return JSON.readTree(env.hub().postApi("/api/mesh/guests/query", TestHub.API_KEY,
                "{\"phone\":\"" + phone + "\"}").body()).path("guests");
    }
}
