package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.ConsolePage;
import io.conciergehub.support.HubUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * In a real browser: a guest with two bookings (two stays, or two rooms) has two sets of journey
 * steps, and each step on the page names the booking it is for, so reception can tell whose
 * pre-arrival message went and whose is still ahead.
 */
@EnabledIf(value = "io.conciergehub.support.ConsolePage#chromiumIsInstalled",
        disabledReason = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
class EachJourneyStepOnThePageNamesItsBookingTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.scopedKeys()
            .property("journey.welcome.enabled", "false"));

    @Test
    void theJourneyListNamesEachStepsBooking() throws Exception {
        long guest = InboxGuests.withBookings(env.hub(), "+393351330001",
                "{\"externalId\":\"R-1\",\"source\":\"airbnb\",\"arrival\":\"2027-06-10\",\"departure\":\"2027-06-14\"}",
                "{\"externalId\":\"R-2\",\"source\":\"airbnb\",\"arrival\":\"2027-09-01\",\"departure\":\"2027-09-03\"}");
        ConsoleBrowser.createAccount(env.hub(), "anna", "staff");

        try (ConsolePage page = new ConsolePage().openAndLogIn(env.hub().url(""), "anna")) {
            page.openConversation(guest);

            assertThat(InboxGuests.shown(page, By.cssSelector("#journey li"), 4)).satisfiesExactly(
                    step -> assertThat(step).startsWith("R-1 · pre-arrival · ").endsWith(" · scheduled"),
                    step -> assertThat(step).startsWith("R-1 · check-out · ").endsWith(" · scheduled"),
                    step -> assertThat(step).startsWith("R-2 · pre-arrival · ").endsWith(" · scheduled"),
                    step -> assertThat(step).startsWith("R-2 · check-out · ").endsWith(" · scheduled"));
        }
    }
}
