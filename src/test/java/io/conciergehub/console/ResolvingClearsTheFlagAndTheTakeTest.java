package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Resolving a conversation clears the guest's needs-staff flag (and its reason) and the take, says
 * when it was resolved, moves the guest out of the top of the inbox, and is audited; a take reopens it.
 */
class ResolvingClearsTheFlagAndTheTakeTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void theFlagAndTheTakeAreCleared() throws Exception {
        long flagged = InboxGuests.writes(env.hub(), "+393351280001", InboxGuests.SPEAK_TO_SOMEONE);
        long newer = InboxGuests.writes(env.hub(), "+393351280002", InboxGuests.WIFI);
        ConsoleBrowser anna = InboxGuests.staff(env.hub(), "anna", "staff");
        assertThat(InboxGuests.take(anna, flagged, "{}").statusCode()).isEqualTo(200);

        HttpResponse<String> resolved = anna.send("POST", "/api/console/conversations/" + flagged + "/resolve", null);

        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        Instant resolvedAt = Instant.parse(ConsoleBrowser.json(resolved).path("resolvedAt").asText());
        JsonNode list = InboxGuests.conversations(anna);
        assertThat(list.findValuesAsText("guestId")).containsExactly(String.valueOf(newer), String.valueOf(flagged));
        JsonNode guest = list.get(1);
        assertThat(guest.path("needsStaff").asBoolean()).isFalse();
        assertThat(guest.path("reason").isNull()).isTrue();
        assertThat(guest.path("takenBy").isNull()).isTrue();
        assertThat(guest.path("takenAt").isNull()).isTrue();
        assertThat(Instant.parse(guest.path("resolvedAt").asText())).isEqualTo(resolvedAt);
        assertThat(env.hub().text("SELECT key_id || ' ' || reference || ' ' || outcome FROM audit"
                + " WHERE action = 'console.inbox.resolve'")).isEqualTo("staff:anna guest:" + flagged
                + " resolved:flag-cleared");

        assertThat(InboxGuests.take(anna, flagged, "{}").statusCode()).isEqualTo(200);
        assertThat(InboxGuests.conversation(anna, flagged).path("guest").path("resolvedAt").isNull())
                .as("taken again: open again").isTrue();
    }
}
