package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Once the guest's 24-hour window has closed, free text is refused with 422 naming the template
 * field, and nothing is queued; a template with its fields goes out through the outbox.
 */
class AReplyOutsideTheWindowNeedsATemplateTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki();

    @Test
    void freeTextIsRefusedATemplateGoes() throws Exception {
        String phone = "+393351250001";
        long guestId = InboxGuests.writes(env.hub(), phone, InboxGuests.WIFI);
        env.hub().update("UPDATE guests SET last_inbound_at = last_inbound_at - " + Duration.ofHours(25).toMillis()
                + " WHERE id = " + guestId);
        ConsoleBrowser anna = InboxGuests.staff(env.hub(), "anna", "staff");
        long sentBefore = env.spoki().sentTo(phone);

        HttpResponse<String> text = InboxGuests.reply(anna, guestId, "{\"text\":\"Are you still there?\"}");

        assertThat(text.statusCode()).as(text.body()).isEqualTo(422);
        assertThat(ConsoleBrowser.json(text).path("field").asText()).isEqualTo("template");
        assertThat(env.hub().count("SELECT COUNT(*) FROM outbox WHERE purpose = 'staff'")).isZero();

        HttpResponse<String> template = InboxGuests.reply(anna, guestId,
                "{\"template\":\"4321\",\"fields\":{\"GUEST_NAME\":\"Maria\"}}");

        assertThat(template.statusCode()).as(template.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> env.spoki().sentTo(phone) == sentBefore + 1);
        JsonNode sent = env.spoki().sentBodies().get(env.spoki().sentBodies().size() - 1);
        assertThat(sent.toString()).contains("4321").contains("Maria");
        assertThat(InboxGuests.reply(anna, guestId, "{\"template\":\"not-a-number\"}").statusCode())
                .as("Spoki names templates by number").isEqualTo(400);
    }
}
