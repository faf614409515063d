package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WhatsApp's subscription handshake (GET /webhooks/whatsapp) counts against the webhooks' limit per
 * client address: its verify token is guessed no faster than any webhook is called.
 */
class GuessesOfTheWhatsAppVerifyTokenAreRateLimitedTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.property("api.webhook-rate-limit", "3")
            .property("api.rate-limit-window", "600000").property("whatsapp.verify-token", "verify-token-0b5e7c"));

    @Test
    void theFourthGuessInTheWindowIsRefused() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> guess = env.hub().get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess-"
                    + i + "&hub.challenge=challenge-0c1d");
            assertThat(guess.statusCode()).as("guess " + i).isEqualTo(403);
        }

        HttpResponse<String> fourth = env.hub().get("/webhooks/whatsapp?hub.mode=subscribe"
                + "&hub.verify_token=verify-token-0b5e7c&hub.challenge=challenge-0c1d");

        assertThat(fourth.statusCode()).as("even with the right token").isEqualTo(429);
        assertThat(fourth.body()).doesNotContain("challenge-0c1d");
    }
}
