package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Phone numbers of many countries, written as Spoki (international, with '+' or '00') and WhatsApp
 * (digits without '+', Mexican mobiles with their old '1') send them, are accepted and answered
 * at the number in E.164.
 */
class GuestsFromEveryCountryAreAnsweredTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "spoki,    +39 333 123 4567,   +393331234567",
            "spoki,    0049 1512 3456789,  +4915123456789",
            "spoki,    +1 (202) 555-0123,  +12025550123",
            "spoki,    +44 7700 900123,    +447700900123",
            "spoki,    +33 6 12 34 56 78,  +33612345678",
            "whatsapp, 34612345678,        +34612345678",
            "whatsapp, 5511912345678,      +5511912345678",
            "whatsapp, 5491123456789,      +5491123456789",
            "whatsapp, 5215512345678,      +5215512345678",
            "whatsapp, 919876543210,       +919876543210",
            "whatsapp, 8613912345678,      +8613912345678",
            "whatsapp, 61412345678,        +61412345678",
    })
    void aGuestIsAnsweredAtTheirNumber(String provider, String sent, String e164) throws Exception {
        HttpResponse<String> answer = "spoki".equals(provider)
                ? env.hub().postSpoki(Webhooks.spokiInbound(sent, "What is the wifi password?"))
                : whatsapp(sent);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !OutboundLog.to(env.hub(), e164).isEmpty());
    }

    private static HttpResponse<String> whatsapp(String from) throws Exception {
        String body = Webhooks.whatsappInbound("wamid." + UUID.randomUUID(), from, "Guest", "What is the wifi password?");
        return env.hub().postJson("/webhooks/whatsapp", body, "X-Hub-Signature-256", Webhooks.whatsappSignature(body));
    }
}
