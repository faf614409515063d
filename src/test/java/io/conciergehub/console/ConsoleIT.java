package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.ConsolePage;
import io.conciergehub.support.HubClient;
import io.conciergehub.support.HubCommand;
import io.conciergehub.support.HubProcess;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The packaged jar, as a hotel runs it: an account made with {@code staff add} logs in on the
 * console's page in headless Chromium, a guest's signed webhook shows up on top of the list
 * without a reload, and the reply typed on the page reaches the provider and shows as sent.
 */
@EnabledIf(value = "io.conciergehub.support.ConsolePage#chromiumIsInstalled",
        disabledReason = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
class ConsoleIT {

    static final String REPLY = "Hello from reception: the nearest dentist is on Via Roma 12.";

    @Test
    void aStaffMemberAnswersAGuestFromThePageOfThePackagedJar() throws Exception {
        Path dataDir = Files.createTempDirectory("hub-console-");
        assertThat(HubCommand.runWithInput(dataDir, Map.of(), ConsoleBrowser.PASSWORD + "\n", "staff", "add", "anna",
                "--role", "staff").exitCode()).isZero();
        try (SpokiStub spoki = new SpokiStub();
                HubProcess process = HubProcess.start("ConsoleIT", dataDir, Map.of("MESSAGING_PROVIDER", "spoki",
                        "SPOKI_BASE_URL", spoki.baseUrl(), "SPOKI_API_KEY", SpokiStub.API_KEY,
                        "SPOKI_WEBHOOK_SECRET", TestHub.SPOKI_SECRET, "CONCIERGE_API_KEYS", TestHub.API_KEY,
                        "CONCIERGE_ALLOW_DEMO_FACTS", "true"));
                ConsolePage page = new ConsolePage().openAndLogIn(process.url(""), "anna")) {
            HubClient hub = new HubClient(process.port(), dataDir);
            String phone = "+393331180001";

            assertThat(hub.postSpoki(Webhooks.spokiInbound(phone, "Is there a dentist nearby?")).statusCode())
                    .isEqualTo(200);

            long guest = Long.parseLong(hub.text("SELECT MAX(guest_id) FROM messages"));
            new WebDriverWait(page.browser(), Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#conversations li:first-child[data-guest='" + guest + "']"), "not_understood"));
            page.openConversation(guest);
            page.find(By.id("reply-text")).sendKeys(REPLY);
            page.find(By.id("reply-send")).click();
            await().atMost(Duration.ofSeconds(20)).until(() -> spoki.textsTo(phone).contains(REPLY));
            new WebDriverWait(page.browser(), Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                    AReplyFromThePageIsSentThenDeliveredAndResolvedTest.replyInState(REPLY, "sent")));
            page.screenshot("console-inbox-jar.png");
        }
    }
}
