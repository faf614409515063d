package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.Mailbox;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A mailbox that refuses the hub's password, then one that is down: /health says DEGRADED with the
 * reason while the rest of the hub works; once the password is right or the server back, health is
 * UP again and the mails that waited are booked. The password never reaches the log.
 */
// Awaits do not catch other threads' exceptions: GreenMail's handler thread throws "Socket closed" when
// the test stops the server under the hub's poll; that is the stub's noise, not the hub's failure.
class TheMailServerDownThenUpDegradesThenRecoversTest {

    static final String HUB_PASSWORD = "Imap-Secret-Pass-7731";
    static final ObjectMapper JSON = new ObjectMapper();
    // The mail server first knows another password than the hub's.
    static final Mailbox mailbox = new Mailbox("an-older-password");

    @BeforeAll
    static void startMailbox() {
        mailbox.start();
    }

    @AfterAll
    static void stopMailbox() {
        mailbox.stop();
    }

    @Test
    void aRefusedLoginAndAServerOutageDegradeTheHubUntilTheyAreMended() throws Exception {
        mailbox.deliver("<wait-1@bookings.example>", "New reservation WAIT01",
                Mailbox.confirmation("WAIT01", "Carla Neri", "+39 333 444 0001", "2026-12-01", "2026-12-03"));
        TestHub started;
        try (TestHub hub = mailbox.hubSettings(TestHub.builder(), HUB_PASSWORD, "300ms")
                .property("imap.backoff-multiplier", "1").start()) {
            // Wrong password: degraded with the reason, the mail waits unread, the API still answers.
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(health(hub).path("status").asText())
                    .isEqualTo("DEGRADED"));
            assertThat(health(hub).path("reasons").toString()).contains("mailbox: the mail server refused the login");
            assertThat(health(hub).path("checks").path("mailbox").asText()).isEqualTo("DEGRADED");
            assertThat(hub.postApi("/api/mesh/sync/bookings", TestHub.API_KEY, "{\"bookings\":[{\"externalId\":\"API-1\","
                    + "\"source\":\"direct\",\"guestName\":\"Ugo Blu\",\"phone\":\"+393330009999\"}]}").statusCode())
                    .isEqualTo(200);
            assertThat(mailbox.folder("INBOX")).singleElement().satisfies(mail -> assertThat(mail.seen()).isFalse());

            // The password mended on the server: UP, and the waiting mail is booked.
            mailbox.changePassword(HUB_PASSWORD);
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(15)).until(() -> hub.count(
                    "SELECT COUNT(*) FROM bookings WHERE external_id = 'WAIT01'") == 1);
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(health(hub).path("status").asText())
                    .isEqualTo("UP"));
            assertThat(mailbox.folder("Processed")).hasSize(1);

            // The server down: degraded again, the hub keeps serving.
            mailbox.stop();
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(health(hub).path("reasons").toString())
                    .contains("mailbox: mail server unreachable"));
            assertThat(health(hub).path("status").asText()).isEqualTo("DEGRADED");
            assertThat(hub.get("/api/mesh/guests/query").statusCode()).isNotEqualTo(500);

            // Back up (an empty server: GreenMail keeps no mail across a restart) with a new mail.
            mailbox.start();
            mailbox.deliver("<wait-2@bookings.example>", "New reservation WAIT02",
                    Mailbox.confirmation("WAIT02", "Piero Neri", "+39 333 444 0002", "2026-12-05", "2026-12-08"));
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).until(() -> hub.count(
                    "SELECT COUNT(*) FROM bookings WHERE external_id = 'WAIT02'") == 1);
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(health(hub).path("status").asText())
                    .isEqualTo("UP"));
            assertThat(hub.count("SELECT COUNT(*) FROM bookings")).isEqualTo(3);
            started = hub;
        }

        String log = started.log().text();
        assertThat(log).contains("event=reservation.mailbox.failing", "event=reservation.mailbox.recovered")
                .doesNotContain(HUB_PASSWORD);
    }

    private static JsonNode health(TestHub hub) throws Exception {
        return JSON.readTree(hub.get("/health", "X-API-Key", TestHub.API_KEY).body());
    }
}
