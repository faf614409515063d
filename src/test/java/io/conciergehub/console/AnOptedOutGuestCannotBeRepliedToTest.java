package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A guest who opted out (wrote STOP) shows so in the inbox; a reply to them is refused with 409 and nothing is queued. */
class AnOptedOutGuestCannotBeRepliedToTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void theReplyIsRefused() throws Exception {
        long guestId = InboxGuests.writes(env.hub(), "+393351260001", "STOP");
        ConsoleBrowser anna = InboxGuests.staff(env.hub(), "anna", "staff");
        assertThat(InboxGuests.conversation(anna, guestId).path("guest").path("optedOut").asBoolean()).isTrue();

        HttpResponse<String> reply = InboxGuests.reply(anna, guestId, "{\"text\":\"Sorry to see you go\"}");

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(409);
        JsonNode refused = ConsoleBrowser.json(reply);
        assertThat(refused.path("error").asText()).isEqualTo("opted_out");
        assertThat(env.hub().count("SELECT COUNT(*) FROM outbox WHERE purpose = 'staff'")).isZero();
        assertThat(env.hub().count("SELECT COUNT(*) FROM audit WHERE action = 'console.inbox.reply'")).isZero();
    }
}
