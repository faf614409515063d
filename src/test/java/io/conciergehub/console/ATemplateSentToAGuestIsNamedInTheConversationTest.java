package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.ConsolePage;
import io.conciergehub.support.HubUnderTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * In a real browser: a template sent to a guest outside the 24-hour window has no text of the
 * hub's (the provider fills it in), so the conversation names the template instead of showing an
 * empty message.
 */
@EnabledIf(value = "io.conciergehub.support.ConsolePage#chromiumIsInstalled",
        disabledReason = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
class ATemplateSentToAGuestIsNamedInTheConversationTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki();

    @Test
    void theConversationShowsTheTemplatesName() throws Exception {
        long guestId = InboxGuests.writes(env.hub(), "+393351260001", InboxGuests.WIFI);
        env.hub().update("UPDATE guests SET last_inbound_at = last_inbound_at - " + Duration.ofHours(25).toMillis()
                + " WHERE id = " + guestId);
        ConsoleBrowser elena = InboxGuests.staff(env.hub(), "elena", "staff");
        assertThat(InboxGuests.reply(elena, guestId, "{\"template\":\"4321\",\"fields\":{\"GUEST_NAME\":\"Maria\"}}")
                .statusCode()).isEqualTo(202);

        try (ConsolePage page = new ConsolePage().openAndLogIn(env.hub().url(""), "elena")) {
            page.openConversation(guestId);

            assertThat(page.find(By.cssSelector("#messages li.out:last-child .text")).getText())
                    .isEqualTo("Template “4321”");
        }
    }
}
