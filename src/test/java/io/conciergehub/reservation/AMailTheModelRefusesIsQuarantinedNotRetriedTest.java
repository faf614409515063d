package io.conciergehub.reservation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.conciergehub.support.HubWithAModel.CHAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubWithAModel;
import io.conciergehub.support.Mailbox;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The model refusing the request for a mail (a 4xx other than 429) is final: the request is not
 * sent again and the mail is quarantined with a reason naming the status, not the model's answer
 * (which may quote the mail).
 */
class AMailTheModelRefusesIsQuarantinedNotRetriedTest {

    static final String PASSWORD = "mailbox-password-llm-4";

    @RegisterExtension
    @Order(1)
    static final Mailbox mailbox = new Mailbox(PASSWORD);

    @RegisterExtension
    @Order(2)
    static final HubWithAModel env = HubWithAModel.withSettings(hub -> mailbox.hubSettings(hub, PASSWORD, "200ms"));

    @Test
    void theRefusedMailIsQuarantinedWithTheStatusAfterOneRequest() throws Exception {
        env.llm().stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":{\"message\":\"content policy: Greta Lind arrives 1 July\"}}")));

        mailbox.deliver("<refused@agency.example>", "A stay in July", "Greta Lind arrives on 1 July 2027 for two nights.");

        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.folder("Quarantine").size() == 1);
        assertThat(env.hub().text("SELECT reason FROM quarantined_mails WHERE message_id = '<refused@agency.example>'"))
                .isEqualTo("llm: the model refused the request (HTTP 400)");
        assertThat(mailbox.folder("INBOX")).isEmpty();
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings")).isZero();
        assertThat(env.chatRequests()).hasSize(1);
    }
}
