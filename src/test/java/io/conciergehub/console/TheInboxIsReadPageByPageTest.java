package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.ConsolePage;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * A hotel has more conversations than one page shows: the API's nextBefore leads from page to
 * page, each conversation on exactly one of them, in the inbox's order; the page's "Older
 * conversations" shows the next ones, so the first guest who ever wrote can still be opened.
 */
class TheInboxIsReadPageByPageTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void nextBeforeLeadsThroughEveryConversationOnce() throws Exception {
        InboxGuests.writes(env.hub(), "+393351290001", InboxGuests.SPEAK_TO_SOMEONE);
        for (int guest = 2; guest <= 8; guest++) {
            InboxGuests.writes(env.hub(), "+3933512900%02d".formatted(guest), InboxGuests.WIFI);
        }
        ConsoleBrowser anna = InboxGuests.staff(env.hub(), "anna", "staff");
        List<String> all = ConsoleBrowser.json(anna.get("/api/console/conversations?limit=200")).path("conversations")
                .findValuesAsText("guestId");

        List<String> paged = new ArrayList<>();
        String before = null;
        do {
            JsonNode page = ConsoleBrowser.json(anna.get("/api/console/conversations?limit=3"
                    + (before == null ? "" : "&before=" + before)));
            assertThat(page.path("conversations").size()).isBetween(1, 3);
            paged.addAll(page.path("conversations").findValuesAsText("guestId"));
            before = page.path("nextBefore").isNull() ? null : page.path("nextBefore").asText();
        } while (before != null);

        assertThat(paged).hasSizeGreaterThanOrEqualTo(8).doesNotHaveDuplicates().isEqualTo(all);
        HttpResponse<String> wrong = anna.get("/api/console/conversations?before=%3Cb%3E");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("before").doesNotContain("<b>");
    }

    @Test
    @EnabledIf(value = "io.conciergehub.support.ConsolePage#chromiumIsInstalled",
            disabledReason = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
    void theFirstGuestWhoWroteIsOneClickAway() throws Exception {
        long first = InboxGuests.writes(env.hub(), "+393351291000", InboxGuests.WIFI);
        long before = env.hub().count("SELECT COUNT(*) FROM messages WHERE direction = 'in'");
        for (int guest = 1; guest <= 52; guest++) {
            assertThat(env.hub().postSpoki(Webhooks.spokiInbound("+3933512910%02d".formatted(guest), "Hello"))
                    .statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> env.hub().count("SELECT COUNT(*) FROM messages"
                + " WHERE direction = 'in' AND processed_at IS NOT NULL") == before + 52);
        ConsoleBrowser.createAccount(env.hub(), "bea", "staff");

        try (ConsolePage page = new ConsolePage().openAndLogIn(env.hub().url(""), "bea")) {
            By firstGuest = By.cssSelector("#conversations li[data-guest='" + first + "']");
            await().atMost(Duration.ofSeconds(10)).until(() -> page.all(By.cssSelector("#conversations li")).size() == 50);
            assertThat(page.browser().findElements(firstGuest)).isEmpty();

            page.find(By.id("inbox-more")).click();

            page.find(firstGuest);
            page.openConversation(first);
            assertThat(page.find(By.cssSelector("#messages li.in .text")).getText()).isEqualTo(InboxGuests.WIFI);
        }
    }
}
