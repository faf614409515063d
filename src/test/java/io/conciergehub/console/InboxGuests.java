package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.ConsolePage;
import io.conciergehub.support.Conversations;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Guests writing to the hub and staff at the console's inbox, as the inbox tests need them. */
final class InboxGuests {

    /** Flags the guest: they asked for a person (reason asked_for_person). */
    static final String SPEAK_TO_SOMEONE = "Can I speak to someone at reception please?";
    static final String WIFI = "What is the wifi password?";

    private InboxGuests() {
    }

    /** The guest at {@code phone} writes {@code text}; returns the guest's id once the hub has read it and its answer left. */
    static long writes(TestHub hub, String phone, String text) throws Exception {
        String id = Conversations.guestWrites(hub, phone, text);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.count("SELECT COUNT(*) FROM messages WHERE"
                + " provider_message_id = '" + id + "' AND processed_at IS NOT NULL") == 1);
        long guestId = hub.count("SELECT guest_id FROM messages WHERE provider_message_id = '" + id + "'");
        // The hub's answer has left: what a test sends next is the guest's next message.
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.count("SELECT COUNT(*) FROM outbox WHERE guest_id = "
                + guestId + " AND state IN ('queued', 'sending')") == 0);
        return guestId;
    }

    /**
     * The guest at {@code phone} writes, then a sync reports their bookings ({@code bookings}: the
     * JSON objects of the list, without the phone, which is added); returns the guest's id.
     */
    static long withBookings(TestHub hub, String phone, String... bookings) throws Exception {
        assertThat(hub.postSpoki(Webhooks.spokiInbound(phone, "Is there a dentist nearby?")).statusCode()).isEqualTo(200);
        String phoneField = "{\"phone\":\"" + phone + "\",";
        String listed = Stream.of(bookings).map(booking -> phoneField + booking.substring(1))
                .collect(Collectors.joining(","));
        assertThat(hub.postApi("/api/mesh/sync/bookings", TestHub.SYNC_KEY, "{\"bookings\":[" + listed + "]}")
                .statusCode()).isEqualTo(200);
        return hub.count("SELECT MAX(guest_id) FROM messages");
    }

    /** The texts of the {@code count} items {@code items} finds on the page, once there are that many. */
    static List<String> shown(ConsolePage page, By items, int count) {
        new WebDriverWait(page.browser(), Duration.ofSeconds(10)).until(browser -> browser.findElements(items).size() == count);
        return page.browser().findElements(items).stream().map(WebElement::getText).toList();
    }

    /** A new account with this role, logged in. */
    static ConsoleBrowser staff(TestHub hub, String name, String role) throws Exception {
        ConsoleBrowser.createAccount(hub, name, role);
        return new ConsoleBrowser(hub).loggedInAs(name);
    }

    static JsonNode conversation(ConsoleBrowser browser, long guestId) throws Exception {
        HttpResponse<String> answer = browser.get("/api/console/conversations/" + guestId);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return ConsoleBrowser.json(answer);
    }

    static JsonNode conversations(ConsoleBrowser browser) throws Exception {
        HttpResponse<String> answer = browser.get("/api/console/conversations");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return ConsoleBrowser.json(answer).path("conversations");
    }

    /** A reply with a new Idempotency-Key. */
    static HttpResponse<String> reply(ConsoleBrowser browser, long guestId, String body) throws Exception {
        return reply(browser, guestId, body, UUID.randomUUID().toString());
    }

    static HttpResponse<String> reply(ConsoleBrowser browser, long guestId, String body, String key) throws Exception {
        return browser.post("/api/console/conversations/" + guestId + "/reply", body, "Idempotency-Key", key);
    }

    static HttpResponse<String> take(ConsoleBrowser browser, long guestId, String body) throws Exception {
        return browser.post("/api/console/conversations/" + guestId + "/take", body);
    }

    /** The conversation's journey steps, each as "reference step state". */
    static List<String> journey(JsonNode conversation) {
        List<String> steps = new ArrayList<>();
        conversation.path("journey").forEach(step -> steps.add(step.path("reference").asText() + " "
                + step.path("step").asText() + " " + step.path("state").asText()));
        return steps;
    }

    /** The newest message of the conversation. */
    static JsonNode last(JsonNode conversation) {
        JsonNode messages = conversation.path("messages");
        return messages.get(messages.size() - 1);
    }
}
