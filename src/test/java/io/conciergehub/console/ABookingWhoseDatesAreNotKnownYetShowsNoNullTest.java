package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.ConsolePage;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In a real browser: a guest's bookings whose dates have not reached the hub yet (a channel that
 * sends them later) are listed with what is known, never with "null".
 */
@EnabledIf(value = "io.conciergehub.support.ConsolePage#chromiumIsInstalled",
        disabledReason = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
class ABookingWhoseDatesAreNotKnownYetShowsNoNullTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    static ConsolePage page;

    @BeforeAll
    static void logIn() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "anna", "staff");
        page = new ConsolePage().openAndLogIn(env.hub().url(""), "anna");
    }

    @AfterAll
    static void closeTheBrowser() {
        ConsolePage.closeAll(page);
    }

    @Test
    void theBookingsListShowsTheKnownDatesOnly() throws Exception {
        String phone = "+393351320001";
        assertThat(env.hub().postSpoki(Webhooks.spokiInbound(phone, "Is there a dentist nearby?")).statusCode())
                .isEqualTo(200);
        assertThat(env.hub().postApi("/api/mesh/sync/bookings", TestHub.SYNC_KEY, "{\"bookings\":["
                + "{\"externalId\":\"U-1\",\"source\":\"airbnb\",\"phone\":\"" + phone + "\"},"
                + "{\"externalId\":\"A-1\",\"source\":\"airbnb\",\"phone\":\"" + phone + "\",\"arrival\":\"2027-06-10\"}"
                + "]}").statusCode()).isEqualTo(200);
        long guest = Long.parseLong(env.hub().text("SELECT MAX(guest_id) FROM messages"));

        page.openConversation(guest);

        By bookings = By.cssSelector("#bookings li");
        new WebDriverWait(page.browser(), Duration.ofSeconds(10)).until(browser -> browser.findElements(bookings).size() == 2);
        List<String> shown = page.browser().findElements(bookings).stream().map(WebElement::getText).toList();
        assertThat(shown).containsExactlyInAnyOrder("U-1 · confirmed", "A-1 · 2027-06-10 → ? · confirmed");
    }
}
