package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.ConsolePage;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In a real browser: a staff member opens the conversation of a guest the hub could not answer,
 * types a reply and sends it; the provider's stub receives it and the page shows it sent, then
 * delivered once the provider's status callback arrives; Resolve clears the flag, and a
 * colleague's browser sees the guest no longer needing staff without a reload. A template sent
 * leaves an empty reply box, so pressing Send again sends nothing twice.
 */
@EnabledIf(value = "io.conciergehub.support.ConsolePage#chromiumIsInstalled",
        disabledReason = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
class AReplyFromThePageIsSentThenDeliveredAndResolvedTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki();

    static final String REPLY = "Hello, this is Anna at reception: the nearest dentist is on Via Roma 12.";

    static ConsolePage page;
    static ConsolePage colleague;

    @BeforeAll
    static void logIn() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "anna", "staff");
        ConsoleBrowser.createAccount(env.hub(), "bruno", "staff");
        page = new ConsolePage().openAndLogIn(env.hub().url(""), "anna");
        colleague = new ConsolePage().openAndLogIn(env.hub().url(""), "bruno");
    }

    @AfterAll
    static void closeTheBrowsers() {
        ConsolePage.closeAll(page, colleague);
    }

    @Test
    void theReplyGoesOutIsDeliveredAndTheConversationIsResolved() throws Exception {
        String phone = "+393331160001";
        assertThat(env.hub().postSpoki(Webhooks.spokiInbound(phone, "Is there a dentist nearby?")).statusCode())
                .isEqualTo(200);
        long guest = Long.parseLong(env.hub().text("SELECT MAX(guest_id) FROM messages"));
        By entry = By.cssSelector("#conversations li[data-guest='" + guest + "']");
        for (ConsolePage open : new ConsolePage[] {page, colleague}) {
            wait(open).until(ExpectedConditions.textToBePresentInElementLocated(entry, "not_understood"));
        }
        page.openConversation(guest);
        long sentBefore = env.spoki().sentTo(phone);

        page.find(By.id("reply-text")).sendKeys(REPLY);
        page.find(By.id("reply-send")).click();

        await().atMost(Duration.ofSeconds(10)).until(() -> env.spoki().sentTo(phone) == sentBefore + 1);
        assertThat(env.spoki().textsTo(phone)).last().isEqualTo(REPLY);
        wait(page).until(ExpectedConditions.presenceOfElementLocated(replyInState(REPLY, "sent")));
        String providerId = env.hub().text("SELECT provider_message_id FROM messages WHERE direction = 'out'"
                + " AND sent_by = 'staff:anna'");
        assertThat(env.hub().postSpoki(Webhooks.spokiStatus("ev-" + providerId, providerId, "DELIVERED")).statusCode())
                .isEqualTo(200);
        wait(page).until(ExpectedConditions.presenceOfElementLocated(replyInState(REPLY, "delivered")));

        page.find(By.id("resolve")).click();

        wait(colleague).until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(entry,
                "not_understood")));
        assertThat(env.hub().text("SELECT resolved_by FROM guests WHERE id = " + guest)).isEqualTo("staff:anna");
        page.screenshot("console-reply-delivered.png");
    }

    @Test
    void aTemplateSentFromThePageLeavesNothingForSendToRepeat() throws Exception {
        // Bruno sends it: the other test looks for the one reply Anna sent.
        String phone = "+393331160002";
        long guest = InboxGuests.writes(env.hub(), phone, "Can I leave my luggage after check-out?");
        env.hub().update("UPDATE guests SET last_inbound_at = last_inbound_at - " + Duration.ofHours(25).toMillis()
                + " WHERE id = " + guest);
        colleague.openConversation(guest);
        colleague.find(By.id("reply-template")).sendKeys("4321");
        colleague.find(By.id("reply-fields")).sendKeys("GUEST_NAME=Maria");
        long sentBefore = env.spoki().sentTo(phone);

        colleague.find(By.id("reply-send")).click();

        wait(colleague).until(ExpectedConditions.textToBe(By.id("reply-status"), "Sent: queued."));
        assertThat(colleague.find(By.id("reply-template")).getDomProperty("value")).as("the template").isEmpty();
        assertThat(colleague.find(By.id("reply-fields")).getDomProperty("value")).as("its fields").isEmpty();
        wait(colleague).until(ExpectedConditions.elementToBeClickable(By.id("reply-send"))).click();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> env.spoki().sentTo(phone) == sentBefore + 1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM outbox WHERE purpose = 'staff' AND guest_id = " + guest))
                .isEqualTo(1);
    }

    /** A staff reply's item in the open conversation, showing the given state. */
    static By replyInState(String reply, String state) {
        return By.xpath("//ol[@id='messages']/li[contains(@class,'out')][.//*[contains(@class,'text') and text()='"
                + reply + "']]//span[contains(@class,'state-" + state + "')]");
    }

    static WebDriverWait wait(ConsolePage open) {
        return new WebDriverWait(open.browser(), Duration.ofSeconds(10));
    }
}
