package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The inbox lists the guests who need staff on top, with why, then the others by their latest
 * message, newest first; each with the latest text (decrypted, at most 120 characters) and whether
 * the guest or the hub wrote it. {@code limit} bounds the list.
 */
class TheInboxListsGuestsNeedingStaffFirstTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void flaggedGuestsComeFirstThenTheNewest() throws Exception {
        long flagged = InboxGuests.writes(env.hub(), "+393351210001", InboxGuests.SPEAK_TO_SOMEONE);
        long older = InboxGuests.writes(env.hub(), "+393351210002", InboxGuests.WIFI);
        long newest = InboxGuests.writes(env.hub(), "+393351210003", InboxGuests.WIFI);
        ConsoleBrowser anna = InboxGuests.staff(env.hub(), "anna", "staff");

        JsonNode list = InboxGuests.conversations(anna);

        assertThat(list.findValuesAsText("guestId")).containsExactly(String.valueOf(flagged), String.valueOf(newest),
                String.valueOf(older));
        JsonNode first = list.get(0);
        assertThat(first.path("needsStaff").asBoolean()).isTrue();
        assertThat(first.path("reason").asText()).isEqualTo("asked_for_person");
        assertThat(first.path("takenBy").isNull()).isTrue();
        assertThat(first.path("optedOut").asBoolean()).isFalse();
        JsonNode second = list.get(1);
        assertThat(second.path("needsStaff").asBoolean()).isFalse();
        assertThat(second.path("reason").isNull()).isTrue();
        assertThat(second.path("lastDirection").asText()).as("the hub answered last").isEqualTo("out");
        assertThat(second.path("lastText").asText()).isNotBlank().doesNotStartWith("enc1:");
        assertThat(second.path("lastText").asText().codePointCount(0, second.path("lastText").asText().length()))
                .isLessThanOrEqualTo(120);
        assertThat(Instant.parse(second.path("lastMessageAt").asText()))
                .isAfterOrEqualTo(Instant.parse(list.get(2).path("lastMessageAt").asText()));

        assertThat(ConsoleBrowser.json(anna.get("/api/console/conversations?limit=1")).path("conversations").size())
                .isEqualTo(1);
        assertThat(anna.get("/api/console/conversations?limit=0").statusCode()).isEqualTo(400);
    }
}
