package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reply retried with the same Idempotency-Key (the page lost the first answer) answers as the
 * first did, with the same message, and the guest gets it once; the key reused for a different
 * reply is refused; a reply without a key is refused before anything is queued.
 */
class ARetriedReplyWithTheSameIdempotencyKeySendsOnceTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki();

    @Test
    void theSameKeySendsOnce() throws Exception {
        String phone = "+393351240001";
        long guestId = InboxGuests.writes(env.hub(), phone, InboxGuests.WIFI);
        ConsoleBrowser anna = InboxGuests.staff(env.hub(), "anna", "staff");
        long sentBefore = env.spoki().sentTo(phone);
        String body = "{\"text\":\"The code is on the card in your room\"}";

        HttpResponse<String> first = InboxGuests.reply(anna, guestId, body, "reply-1");
        HttpResponse<String> retried = InboxGuests.reply(anna, guestId, body, "reply-1");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(retried.statusCode()).isEqualTo(202);
        assertThat(retried.body()).isEqualTo(first.body());
        await().atMost(Duration.ofSeconds(10)).until(() -> env.spoki().sentTo(phone) == sentBefore + 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> env.spoki().sentTo(phone) == sentBefore + 1);
        assertThat(InboxGuests.reply(anna, guestId, "{\"text\":\"Something else\"}", "reply-1").statusCode())
                .as("the key reused for another reply").isEqualTo(409);
        HttpResponse<String> keyless = anna.post("/api/console/conversations/" + guestId + "/reply", body);
        assertThat(keyless.statusCode()).isEqualTo(400);
        assertThat(ConsoleBrowser.json(keyless).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(env.hub().count("SELECT COUNT(*) FROM outbox WHERE purpose = 'staff'")).isEqualTo(1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM audit WHERE action = 'console.inbox.reply'")).isEqualTo(1);
    }
}
