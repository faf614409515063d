package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.SlackStub;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Once a staff member answers a guest from the console, the guest's next messages are for that
 * person: the concierge sends no answer of its own ("I have passed it on to our staff"); the guest
 * waits for staff (flagged), and the alert goes only if nobody answers within
 * concierge.quiet-while-staff-answer (30 minutes). The concierge answers again once the
 * conversation is resolved, or when the staff member has been silent longer than that.
 */
class WhileAStaffMemberAnswersTheConciergeStaysQuietTest {

    @RegisterExtension
    @Order(1)
    static final SlackStub slack = new SlackStub();

    @RegisterExtension
    @Order(2)
    static final HubUnderTest env = HubUnderTest.withLogProvider(slack::configure);

    @Test
    void theGuestsAnswerToStaffGetsNoAnswerOfTheHubsUntilResolved() throws Exception {
        String phone = "+393351270001";
        ConsoleBrowser staff = staffReplies(phone, "fiona");
        long alerts = alerts();
        assertThat(alerts).as("the first question alerted staff").isPositive();

        assertThat(Guests.writes(env.hub(), phone, "12")).hasSize(2);
        assertThat(Guests.writes(env.hub(), phone, "What time is check-out?")).hasSize(2);
        // The guest waits for that staff member: flagged, and alerted only if nobody answers in 30 minutes.
        assertThat(Guests.flagged(env.hub(), phone)).isTrue();
        assertThat(env.hub().text("SELECT attention_reason FROM guests WHERE id = " + guestId(phone)))
                .isEqualTo("waiting_for_staff");
        assertThat(alerts()).isEqualTo(alerts + 1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM staff_alerts WHERE reason = 'waiting_for_staff'"
                + " AND next_attempt_at > created_at + " + Duration.ofMinutes(29).toMillis())).isEqualTo(1);

        assertThat(staff.post("/api/console/conversations/" + guestId(phone) + "/resolve", "{}").statusCode())
                .isEqualTo(200);
        assertThat(Guests.last(Guests.writes(env.hub(), phone, "What time is check-out?")).path("text").asText())
                .startsWith("Check-out is by 10:00");
    }

    @Test
    void aStaffMemberSilentForLongerLetsTheHubAnswerAgain() throws Exception {
        String phone = "+393351270002";
        staffReplies(phone, "gino");
        long ago = Duration.ofMinutes(31).toMillis();
        env.hub().update("UPDATE guests SET taken_at = taken_at - " + ago + " WHERE id = " + guestId(phone));
        env.hub().update("UPDATE messages SET created_at = created_at - " + ago + " WHERE sent_by IS NOT NULL"
                + " AND guest_id = " + guestId(phone));

        assertThat(Guests.last(Guests.writes(env.hub(), phone, "What time is check-out?")).path("text").asText())
                .startsWith("Check-out is by 10:00");
    }

    /** The guest asks what the hub cannot answer; a new staff member replies from the console. */
    private static ConsoleBrowser staffReplies(String phone, String name) throws Exception {
        assertThat(Guests.writes(env.hub(), phone, "Is there a dentist nearby?")).hasSize(1);
        ConsoleBrowser.createAccount(env.hub(), name, "staff");
        ConsoleBrowser staff = new ConsoleBrowser(env.hub()).loggedInAs(name);
        assertThat(staff.post("/api/console/conversations/" + guestId(phone) + "/reply",
                "{\"text\":\"Which room are you in?\"}", "Idempotency-Key", UUID.randomUUID().toString()).statusCode())
                .isEqualTo(202);
        return staff;
    }

    private static long guestId(String phone) throws Exception {
        return Guests.id(env.hub(), phone);
    }

    private static long alerts() throws Exception {
        return env.hub().count("SELECT COUNT(*) FROM staff_alerts");
    }
}
