package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Meta retries a webhook it could not deliver for hours (the hub was down). WhatsApp's 24-hour
 * window runs from when the guest wrote (the message's {@code timestamp}), not from its late
 * receipt: a question written 25 hours ago is stored and its free-text answer held (WhatsApp would
 * refuse it), and an old message delivered after a newer one does not close the window the newer
 * one opened.
 */
class TheWindowRunsFromWhenTheGuestWroteNotFromALateDeliveryTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void anAnswerToAMessageWrittenADayAgoIsHeld() throws Exception {
        post(Webhooks.whatsappInbound("wamid.LATE-1", "393471230101", "Sara", "What time is check-out?",
                Instant.now().minus(Duration.ofHours(25))));

        await().atMost(Duration.ofSeconds(10)).until(() -> answerStatus("wamid.LATE-1") != null);
        assertThat(answerStatus("wamid.LATE-1")).isEqualTo("held");
    }

    @Test
    void anOldMessageDeliveredLateLeavesTheWindowTheNewerOneOpened() throws Exception {
        post(Webhooks.whatsappInbound("wamid.NEW-2", "393471230102", "Luca", "Hello, is there parking?"));
        post(Webhooks.whatsappInbound("wamid.OLD-2", "393471230102", "Luca", "What time is check-out?",
                Instant.now().minus(Duration.ofHours(25))));

        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(answerStatus("wamid.NEW-2"))
                && "sent".equals(answerStatus("wamid.OLD-2")));
    }

    /** The status of the hub's answer to the guest's message {@code wamid}; null before there is one. */
    private static String answerStatus(String wamid) throws Exception {
        return env.hub().text("SELECT o.status FROM messages o JOIN messages i ON o.in_reply_to = i.id"
                + " WHERE i.provider_message_id = '" + wamid + "' AND o.status <> 'queued'");
    }

    private static void post(String body) throws Exception {
        HttpResponse<String> answer = env.hub().postJson("/webhooks/whatsapp", body, "X-Hub-Signature-256",
                Webhooks.whatsappSignature(body));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
