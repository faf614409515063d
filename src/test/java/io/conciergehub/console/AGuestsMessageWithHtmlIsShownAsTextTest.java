package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.ConsolePage;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * In a real browser: a guest's message is untrusted. One with a script element, an image whose
 * onerror runs script, a right-to-left override and zero-width characters is shown in the
 * conversation exactly as the characters it has, as text: nothing of it runs or becomes an element.
 */
@EnabledIf(value = "io.conciergehub.support.ConsolePage#chromiumIsInstalled",
        disabledReason = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
class AGuestsMessageWithHtmlIsShownAsTextTest {

    static final String HOSTILE = "<script>window.owned = 1</script><img src=x onerror=\"window.owned = 2\">"
            + " \u202Etxt.exe\u202C zero\u200Bwidth\u200D <b>bold</b>";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    static ConsolePage page;

    @BeforeAll
    static void logIn() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "sara", "staff");
        page = new ConsolePage().openAndLogIn(env.hub().url(""), "sara");
    }

    @AfterAll
    static void closeTheBrowser() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void theMessageIsTextInTheConversation() throws Exception {
        assertThat(env.hub().postSpoki(Webhooks.spokiInbound("+393331140001", HOSTILE)).statusCode()).isEqualTo(200);
        long guest = Long.parseLong(env.hub().text("SELECT MAX(guest_id) FROM messages"));

        page.find(By.cssSelector("#conversations li[data-guest='" + guest + "']"));
        page.openConversation(guest);
        WebElement message = page.find(By.cssSelector("#messages li.in .text"));

        assertThat(page.script("return arguments[0].textContent;", message)).isEqualTo(HOSTILE);
        assertThat(page.all(By.cssSelector("#app img, #app script, #app b"))).isEmpty();
        assertThat(page.script("return window.owned === undefined;")).isEqualTo(true);
        page.screenshot("console-conversation.png");
    }
}
