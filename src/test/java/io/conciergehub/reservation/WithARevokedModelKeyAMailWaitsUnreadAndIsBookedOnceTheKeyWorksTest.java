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
 * A model that refuses the hub itself, not the mail: a revoked key (401, 403) or a model it does
 * not know (404). That is the model unavailable, as a 5xx is: a mail only the model can read stays
 * unread in INBOX, nothing is quarantined or stored, and once the key works again the next poll
 * books it, once.
 */
class WithARevokedModelKeyAMailWaitsUnreadAndIsBookedOnceTheKeyWorksTest {

    static final String PASSWORD = "mailbox-password-llm-5";

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubWithAModel env = HubWithAModel.withSettings(hub -> HubWithAModel.quickToGiveUp(
            mailbox.hubSettings(hub, PASSWORD, "300ms")));

    @Test
    void theMailStaysUnreadWhileTheKeyOrModelIsRefusedAndIsBookedOnceTheModelAnswers() throws Exception {
        mailbox.deliver("<revoked@agency.example>", "A stay in June",
                "Ms Anna Keller arrives on 14 June 2027 and leaves on 16 June 2027; our reference is AK-1406.");

        int asked = 0;
        for (int status : new int[] {401, 403, 404}) {
            env.llm().stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(status)
                    .withBody("{\"error\":{\"message\":\"Incorrect API key or model\",\"code\":\"" + status + "\"}}")));
            int before = asked;
            // several polls (each poll's retry, the circuit opening, the polls after it), or the mail gone
            await().atMost(Duration.ofSeconds(20)).until(() -> env.chatRequests().size() >= before + 3
                    || mailbox.folder("INBOX").isEmpty());
            asked = env.chatRequests().size();

            assertThat(mailbox.folder("INBOX")).as("HTTP " + status).singleElement().satisfies(mail -> {
                assertThat(mail.messageId()).isEqualTo("<revoked@agency.example>");
                assertThat(mail.seen()).isFalse();
            });
            assertThat(mailbox.folder("Quarantine")).as("HTTP " + status).isEmpty();
            assertThat(env.hub().count("SELECT COUNT(*) FROM quarantined_mails")).as("HTTP " + status).isZero();
            assertThat(env.hub().count("SELECT COUNT(*) FROM bookings")).as("HTTP " + status).isZero();
        }

        env.llm().resetAll();
        env.llm().stubFor(post(urlEqualTo(CHAT)).willReturn(jsonCompletion("""
                {"is_reservation": true, "reference": "AK-1406", "guest_name": "Anna Keller", "phone": "+49 151 2345 6790",
                 "arrival": "2027-06-14", "departure": "2027-06-16", "cancelled": false}""")));

        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.folder("Processed").size() == 1);
        assertThat(mailbox.folder("INBOX")).isEmpty();
        assertThat(mailbox.folder("Quarantine")).isEmpty();
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings WHERE source = 'llm' AND external_id = 'AK-1406'"))
                .isEqualTo(1);
    }
}
