package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The log (this test's hub's own, start to stop) is shared with whoever runs the machine: no phone number, no secret, no message text. */
class LogHygieneTest {

    @Test
    void aConversationLeavesNoPhoneNumberSecretOrTextInTheLog() throws Exception {
        String phone = "+393371234598";
        String secretAnswer = "Gatto-Nero-77";
        String log;
        try (SpokiStub spoki = new SpokiStub();
             TestHub hub = spoki.configure(TestHub.builder()).property("hotel.wifi-password", secretAnswer).start()) {
            String question = Webhooks.spokiInbound(phone, "Qual è la password del wifi?");
            hub.postSpoki(question);
            String forged = Webhooks.spokiInbound(phone, "ciao");
            hub.postJson("/webhooks/spoki", forged, "X-Spoki-Signature", "t=1,v2=" + "0".repeat(64));
            await().atMost(Duration.ofSeconds(10)).until(() -> spoki.sentTo(phone) == 1);
            assertThat(hub.get("/metrics", "X-API-Key", TestHub.API_KEY).statusCode()).isEqualTo(200);
            hub.close();
            log = hub.log().text();
        }


        assertThat(log).contains("event=concierge.decided");
        assertThat(log).doesNotContain("3371234598", secretAnswer, TestHub.SPOKI_SECRET, TestHub.API_KEY,
                SpokiStub.API_KEY, "Qual è la password");
    }

    @Test
    void theLogProviderKeepsTextsInItsOwnFileNotInTheLog() throws Exception {
        String phone = "+4915112345678";
        String log;
        try (TestHub hub = TestHub.builder().start()) {
            String question = Webhooks.spokiInbound(phone, "Wie lautet das WLAN-Passwort?");
            hub.postSpoki(question);
            await().atMost(Duration.ofSeconds(10)).until(() -> !OutboundLog.to(hub, phone).isEmpty());
            hub.close();
            log = hub.log().text();
        }

        assertThat(log).contains("event=outbound.logged").contains("to=+49*********78")
                .doesNotContain("15112345678", "Das WLAN heißt");
    }
}
