package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A conversation one staff member took is refused to another (take, reply and resolve: 409 naming
 * who holds it), so two people do not answer the same guest; taking it again is harmless; an admin
 * may take or resolve it with force, and the audit says from whom.
 */
class ATakenConversationIsRefusedToAnotherStaffMemberTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void anotherIsRefusedAnAdminForces() throws Exception {
        long guestId = InboxGuests.writes(env.hub(), "+393351270001", InboxGuests.SPEAK_TO_SOMEONE);
        ConsoleBrowser anna = InboxGuests.staff(env.hub(), "anna", "staff");
        ConsoleBrowser bruno = InboxGuests.staff(env.hub(), "bruno", "staff");
        ConsoleBrowser carla = InboxGuests.staff(env.hub(), "carla", "admin");

        HttpResponse<String> taken = InboxGuests.take(anna, guestId, "{}");
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
        assertThat(ConsoleBrowser.json(taken).path("takenBy").asText()).isEqualTo("staff:anna");
        assertThat(ConsoleBrowser.json(InboxGuests.take(anna, guestId, "{}")).path("takenAt").asText())
                .as("taken again by its holder: the same take").isEqualTo(ConsoleBrowser.json(taken).path("takenAt").asText());

        HttpResponse<String> refused = InboxGuests.take(bruno, guestId, "{}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(ConsoleBrowser.json(refused).path("takenBy").asText()).isEqualTo("staff:anna");
        HttpResponse<String> reply = InboxGuests.reply(bruno, guestId, "{\"text\":\"Bruno here\"}");
        assertThat(reply.statusCode()).isEqualTo(409);
        assertThat(ConsoleBrowser.json(reply).path("takenBy").asText()).isEqualTo("staff:anna");
        assertThat(InboxGuests.take(bruno, guestId, "{\"force\":true}").statusCode())
                .as("force is an admin's").isEqualTo(403);

        HttpResponse<String> forced = InboxGuests.take(carla, guestId, "{\"force\":true}");
        assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
        JsonNode guest = InboxGuests.conversation(anna, guestId).path("guest");
        assertThat(guest.path("takenBy").asText()).isEqualTo("staff:carla");
        assertThat(guest.path("needsStaff").asBoolean()).as("a take alone does not clear the flag").isTrue();
        assertThat(env.hub().text("SELECT group_concat(key_id || ' ' || outcome, ',') FROM audit"
                + " WHERE action = 'console.inbox.take'")).isEqualTo("staff:anna taken,staff:carla forced:from:staff:anna");
        assertThat(env.hub().count("SELECT COUNT(*) FROM outbox WHERE purpose = 'staff'")).isZero();
    }

    @Test
    void anotherStaffMemberCannotResolveAConversationSomeoneHolds() throws Exception {
        ConsoleBrowser dora = InboxGuests.staff(env.hub(), "dora", "staff");
        ConsoleBrowser elio = InboxGuests.staff(env.hub(), "elio", "staff");
        long guestId = takenBy(dora, "+393351270002");

        HttpResponse<String> refused = resolve(elio, guestId, null);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(ConsoleBrowser.json(refused).path("takenBy").asText()).isEqualTo("staff:dora");
        assertThat(resolve(elio, guestId, "{\"force\":true}").statusCode()).as("force is an admin's").isEqualTo(403);
        JsonNode guest = InboxGuests.conversation(dora, guestId).path("guest");
        assertThat(guest.path("takenBy").asText()).as("still the holder's").isEqualTo("staff:dora");
        assertThat(guest.path("needsStaff").asBoolean()).isTrue();
        assertThat(guest.path("resolvedAt").isNull()).isTrue();
        assertThat(InboxGuests.take(elio, guestId, "{}").statusCode()).as("and so no take after it").isEqualTo(409);
    }

    @Test
    void anAdminResolvesAConversationAnotherHoldsOnlyWithForce() throws Exception {
        ConsoleBrowser fabio = InboxGuests.staff(env.hub(), "fabio", "staff");
        ConsoleBrowser gina = InboxGuests.staff(env.hub(), "gina", "admin");
        long guestId = takenBy(fabio, "+393351270003");
        assertThat(resolve(gina, guestId, null).statusCode()).as("without force").isEqualTo(409);

        HttpResponse<String> forced = resolve(gina, guestId, "{\"force\":true}");

        assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
        JsonNode guest = InboxGuests.conversation(fabio, guestId).path("guest");
        assertThat(guest.path("takenBy").isNull()).isTrue();
        assertThat(guest.path("needsStaff").asBoolean()).isFalse();
        assertThat(env.hub().text("SELECT key_id || ' ' || outcome FROM audit WHERE action = 'console.inbox.resolve'"
                + " AND reference = 'guest:" + guestId + "'")).isEqualTo("staff:gina resolved:flag-cleared:forced:from:staff:fabio");
    }

    /** A guest who asked for a person, whose conversation {@code holder} took. */
    private static long takenBy(ConsoleBrowser holder, String phone) throws Exception {
        long guestId = InboxGuests.writes(env.hub(), phone, InboxGuests.SPEAK_TO_SOMEONE);
        assertThat(InboxGuests.take(holder, guestId, "{}").statusCode()).isEqualTo(200);
        return guestId;
    }

    private static HttpResponse<String> resolve(ConsoleBrowser browser, long guestId, String body) throws Exception {
        return browser.send("POST", "/api/console/conversations/" + guestId + "/resolve", body);
    }
}
