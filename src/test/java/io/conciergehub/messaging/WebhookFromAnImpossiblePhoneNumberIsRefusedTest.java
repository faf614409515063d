package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A correctly signed webhook whose sender is not a phone number that can exist (too long, an
 * unknown country code, too short for its country) is a 400 naming the field, without the number;
 * no guest, message or answer is stored, and the number is in no log line.
 */
class WebhookFromAnImpossiblePhoneNumberIsRefusedTest {

    static final String DIGITS = "1234567890".repeat(1000);

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @AfterEach
    void nothingWasStored() throws Exception {
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests")).as("guests").isZero();
        assertThat(env.hub().count("SELECT COUNT(*) FROM messages")).as("messages").isZero();
        assertThat(env.hub().count("SELECT COUNT(*) FROM outbox")).as("outbox").isZero();
    }

    @Test
    void aSpokiSenderOfTenThousandDigitsIs400AndNotEchoedOrLogged() throws Exception {
        HttpResponse<String> answer = env.hub().postSpoki(Webhooks.spokiInbound("+39" + DIGITS, "hello"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"error\":\"invalid_field\"").contains("\"field\":\"data.from_phone\"")
                .doesNotContain("1234567890");
        assertThat(env.hub().log().text()).doesNotContain("1234567890123");
    }

    @Test
    void aWhatsAppSenderOfTenThousandDigitsIs400AndNotEchoedOrLogged() throws Exception {
        String body = Webhooks.whatsappInbound("wamid." + UUID.randomUUID(), "39" + DIGITS, "Mario", "ciao");

        HttpResponse<String> answer = env.hub().postJson("/webhooks/whatsapp", body, "X-Hub-Signature-256",
                Webhooks.whatsappSignature(body));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"error\":\"invalid_field\"").contains("\"field\":\"messages[].from\"")
                .doesNotContain("1234567890");
        assertThat(env.hub().log().text()).doesNotContain("1234567890123");
    }

    @Test
    void aSenderOfSixteenDigitsIs400() throws Exception {
        assertThat(env.hub().postSpoki(Webhooks.spokiInbound("+3933312345678901", "hello")).statusCode()).isEqualTo(400);
    }

    @Test
    void aSenderWithAnUnknownCountryCodeIs400() throws Exception {
        assertThat(env.hub().postSpoki(Webhooks.spokiInbound("+999123456789", "hello")).statusCode()).isEqualTo(400);
    }

    @Test
    void aSenderTooShortForItsCountryIs400() throws Exception {
        String body = Webhooks.whatsappInbound("wamid." + UUID.randomUUID(), "3933312", "Mario", "ciao");

        assertThat(env.hub().postJson("/webhooks/whatsapp", body, "X-Hub-Signature-256", Webhooks.whatsappSignature(body))
                .statusCode()).isEqualTo(400);
    }
}
