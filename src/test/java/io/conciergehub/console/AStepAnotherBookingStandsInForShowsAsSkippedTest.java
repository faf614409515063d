package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A guest who extends a stay with a second booking from the first one's departure day: reception
 * sees the first booking's check-out and the second's pre-arrival message as skipped, since the
 * guest stays on and is already in, and the steps that will go as scheduled.
 */
class AStepAnotherBookingStandsInForShowsAsSkippedTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.scopedKeys()
            .property("journey.welcome.enabled", "false"));

    @Test
    void theStepsOfAStayThatGoesOnAreSkipped() throws Exception {
        long guestId = InboxGuests.withBookings(env.hub(), "+393351340001",
                "{\"externalId\":\"E-1\",\"source\":\"airbnb\",\"arrival\":\"2027-06-10\",\"departure\":\"2027-06-14\"}",
                "{\"externalId\":\"E-2\",\"source\":\"airbnb\",\"arrival\":\"2027-06-14\",\"departure\":\"2027-06-16\"}");

        JsonNode conversation = InboxGuests.conversation(InboxGuests.staff(env.hub(), "anna", "staff"), guestId);

        assertThat(InboxGuests.journey(conversation)).containsExactly("E-1 pre-arrival scheduled", "E-1 check-out skipped",
                "E-2 pre-arrival skipped", "E-2 check-out scheduled");
    }
}
