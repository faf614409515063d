package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.store.Sql;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.ConsolePage;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.LinkProxy;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In a real browser: the console's connection to the hub drops (a relay between them is cut: the
 * socket is reset, new connections refused), guests write meanwhile, the link comes back; the page
 * reconnects by itself, resumes from the last event it saw, and shows every event it missed, once.
 */
@EnabledIf(value = "io.conciergehub.support.ConsolePage#chromiumIsInstalled",
        disabledReason = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
class AReconnectingConsoleCatchesUpOnWhatItMissedTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    static LinkProxy link;
    static ConsolePage page;

    @BeforeAll
    static void logInThroughTheLink() throws Exception {
        link = new LinkProxy(env.hub().port());
        ConsoleBrowser.createAccount(env.hub(), "rita", "staff");
        page = new ConsolePage().openAndLogIn("http://127.0.0.1:" + link.port(), "rita");
    }

    @AfterAll
    static void closeThem() throws Exception {
        if (page != null) {
            page.close();
        }
        if (link != null) {
            link.close();
        }
    }

    @Test
    void theEventsOfTheOutageAreShownAfterTheReconnection() throws Exception {
        try {
            assertThat(env.hub().postSpoki(Webhooks.spokiInbound("+393331130001", "Hello")).statusCode()).isEqualTo(200);
            page.find(page.activity(guestOfTheLastMessage(), "message"));

            link.cut();
            new WebDriverWait(page.browser(), Duration.ofSeconds(10))
                    .until(ExpectedConditions.attributeContains(By.id("live"), "class", "off"));
            assertThat(env.hub().postSpoki(Webhooks.spokiInbound("+393331130002", "Is there a safe?")).statusCode())
                    .isEqualTo(200);
            long missed = guestOfTheLastMessage();
            assertThat(env.hub().postSpoki(Webhooks.spokiInbound("+393331130003", "Late check-out?")).statusCode())
                    .isEqualTo(200);
            long alsoMissed = guestOfTheLastMessage();
            page.screenshot("console-reconnecting.png");
            link.restore();

            page.waitUntilLive();
            page.find(page.activity(missed, "message"));
            page.find(page.activity(alsoMissed, "message"));
            // Every event the hub recorded is on the page, each once.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(shownSeqs())
                    .containsExactlyInAnyOrderElementsOf(recordedSeqs()));
            page.screenshot("console-caught-up.png");
        } catch (Throwable failed) {
            page.screenshot("console-reconnect-failure.png");
            throw failed;
        }
    }

    private static long guestOfTheLastMessage() throws Exception {
        return Long.parseLong(env.hub().text("SELECT MAX(guest_id) FROM messages"));
    }

    private static List<Long> shownSeqs() {
        return page.all(By.cssSelector("#activity li")).stream().map(item -> item.getAttribute("data-seq"))
                .map(Long::parseLong).toList();
    }

    private static List<Long> recordedSeqs() throws Exception {
        return env.hub().context().getRegistry().findSingleByType(io.conciergehub.store.Database.class)
                .read(c -> Sql.list(c, "SELECT seq FROM console_events ORDER BY seq", row -> row.getLong(1)));
    }
}
