package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hub without {@code whatsapp.verify-token} answers Meta's subscription handshake 503 naming the
 * missing setting (as the README promises for unconfigured webhooks), not 403, and echoes nothing.
 */
class WhatsAppHandshakeWithoutAVerifyTokenIsUnavailableTest {

    static final String CHALLENGE = "challenge-7f3a9c";
    static final String GUESS = "guessed-token-5b21";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.property("whatsapp.verify-token", ""));

    @Test
    void theHandshakeIs503NamingTheMissingVerifyToken() throws Exception {
        HttpResponse<String> answer = env.hub().get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=" + GUESS
                + "&hub.challenge=" + CHALLENGE);

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(answer.body()).contains("\"error\":\"not_configured\"", "whatsapp.verify-token");
        assertThat(answer.body()).doesNotContain(CHALLENGE, GUESS);
    }
}
