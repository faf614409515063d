package io.conciergehub.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.ConsolePage;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In a real browser an admin opens the operations view: the node's role and its queues show, an
 * answer the provider refused is listed as a dead letter, and its Replay button sends it again
 * once the provider takes it; the view then lists none.
 */
@EnabledIf(value = "io.conciergehub.support.ConsolePage#chromiumIsInstalled",
        disabledReason = "needs Debian's chromium and chromium-driver (.ci/run installs them)")
class AnAdminReplaysADeadLetterFromTheOperationsViewTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(
            spoki -> spoki.answer(aResponse().withStatus(400).withBody("{\"error\":\"invalid phone\"}")),
            settings -> settings);

    @Test
    void theReplayButtonSendsTheAnswerAgain() throws Exception {
        String phone = "+393331150001";
        ConsoleBrowser.createAccount(env.hub(), "boss", "admin");
        assertThat(env.hub().postSpoki(Webhooks.spokiInbound(phone, "A che ora è la colazione?")).statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count("SELECT COUNT(*) FROM dead_letters") == 1);
        env.spoki().answer(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"accepted\":true,\"id\":1}"));

        try (ConsolePage page = new ConsolePage().openAndLogIn(env.hub().url(""), "boss")) {
            page.find(By.id("ops-toggle")).click();
            WebElement letter = page.find(By.cssSelector("#operations .ops-dead-letter"));
            assertThat(page.find(By.cssSelector("#operations")).getText()).contains("primary", "outbox");
            page.screenshot("console-operations.png");

            letter.findElement(By.tagName("button")).click();

            await().atMost(Duration.ofSeconds(10)).until(() -> env.spoki().sends().stream()
                    .filter(send -> send.getBodyAsString().contains(phone)).count() == 2);
            new WebDriverWait(page.browser(), Duration.ofSeconds(10)).until(
                    ExpectedConditions.numberOfElementsToBe(By.cssSelector("#operations .ops-dead-letter"), 0));
        }
    }
}
