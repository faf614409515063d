package io.conciergehub.reservation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.conciergehub.support.HubWithAModel.CHAT;
import static io.conciergehub.support.HubWithAModel.jsonCompletion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubWithAModel;
import io.conciergehub.support.Mailbox;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A mail only the model can read is never lost to the model's failure: while it answers 500 (each
 * poll's retries spent; its circuit opens after two failed calls and fails the polls after it at
 * once) the mail stays unread in INBOX, nothing is quarantined or stored; once the model answers
 * again (the circuit half-open, then closed), the next poll books it, once.
 */
class WhileTheModelIsDownAMailWaitsUnreadAndIsBookedOnceItAnswersTest {

    static final String PASSWORD = "mailbox-password-llm-3";

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubWithAModel env = HubWithAModel.withSettings(hub -> HubWithAModel.quickToGiveUp(
            mailbox.hubSettings(hub, PASSWORD, "300ms")));

    @Test
    void theMailStaysUnreadWhileTheModelFailsAndIsBookedOnceWhenItAnswers() throws Exception {
        env.llm().stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"overloaded\"}")));

        mailbox.deliver("<waits@agency.example>", "A stay in June",
                "Mr Paul Weber arrives on 7 June 2027 and leaves on 9 June 2027; our reference is PW-0607.");

        // several polls: the retries of one, the circuit opening after two failed calls, the polls after it
        await().atMost(Duration.ofSeconds(20)).until(() -> env.chatRequests().size() >= 4);
        assertThat(mailbox.folder("INBOX")).singleElement().satisfies(mail -> {
            assertThat(mail.messageId()).isEqualTo("<waits@agency.example>");
            assertThat(mail.seen()).isFalse();
        });
        assertThat(mailbox.folder("Quarantine")).isEmpty();
        assertThat(mailbox.folder("Processed")).isEmpty();
        assertThat(env.hub().count("SELECT COUNT(*) FROM quarantined_mails")).isZero();
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings")).isZero();

        env.llm().resetAll();
        env.llm().stubFor(post(urlEqualTo(CHAT)).willReturn(jsonCompletion("""
                {"is_reservation": true, "reference": "PW-0607", "guest_name": "Paul Weber", "phone": "+49 151 2345 6789",
                 "arrival": "2027-06-07", "departure": "2027-06-09", "cancelled": false}""")));

        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.folder("Processed").size() == 1);
        assertThat(mailbox.folder("Processed")).singleElement().satisfies(mail -> assertThat(mail.seen()).isTrue());
        assertThat(mailbox.folder("INBOX")).isEmpty();
        assertThat(mailbox.folder("Quarantine")).isEmpty();
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE source = 'llm' AND external_id = 'PW-0607'"))
                .isEqualTo(1);
        assertThat(env.chatRequests()).as("asked once more, when it answers").hasSize(1);
    }
}
