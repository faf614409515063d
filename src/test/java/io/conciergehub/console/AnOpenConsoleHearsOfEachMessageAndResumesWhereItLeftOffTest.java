package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.LiveClient;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A guest's message reaches an open console as an event frame (kind, guest id, time; never the
 * text) within a push; a console that was away and comes back with {@code resume} after the last
 * seq it saw is sent what happened meanwhile, in order; one that comes back without it is sent
 * nothing that was pushed before it connected.
 */
class AnOpenConsoleHearsOfEachMessageAndResumesWhereItLeftOffTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void eventsArePushedAndAResumedConsoleCatchesUp() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "olga", "staff");
        String cookie = new ConsoleBrowser(env.hub()).loggedInAs("olga").cookieHeader("/console/live");
        long lastSeen;
        try (LiveClient live = LiveClient.open(env.hub(), "Cookie", cookie)) {
            assertThat(env.hub().postSpoki(Webhooks.spokiInbound("+393331110001", "Is breakfast included?"))
                    .statusCode()).isEqualTo(200);
            long guest = Long.parseLong(env.hub().text("SELECT MAX(guest_id) FROM messages"));

            await().atMost(Duration.ofSeconds(5)).until(() -> live.frames("event").stream()
                    .anyMatch(event -> event.path("kind").asText().equals("message") && event.path("guestId").asLong() == guest));
            JsonNode first = live.frames("event").get(0);
            assertThat(first.path("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(live.frames().toString()).doesNotContain("breakfast");
            // What the hub does after it (the answer, its states) has arrived too before the console leaves.
            await().atMost(Duration.ofSeconds(5)).until(() -> maxSeq(live.frames("event"))
                    == env.hub().count("SELECT MAX(seq) FROM console_events"));
            lastSeen = maxSeq(live.frames("event"));
        }

        assertThat(env.hub().postSpoki(Webhooks.spokiInbound("+393331110002", "Can I check in early?")).statusCode())
                .isEqualTo(200);
        long missedGuest = Long.parseLong(env.hub().text("SELECT MAX(guest_id) FROM messages"));

        try (LiveClient fresh = LiveClient.open(env.hub(), "Cookie", cookie);
                LiveClient resumed = LiveClient.open(env.hub(), "Cookie", cookie)) {
            resumed.send("{\"type\":\"resume\",\"after\":" + lastSeen + "}");

            await().atMost(Duration.ofSeconds(5)).until(() -> resumed.frames("event").stream()
                    .anyMatch(event -> event.path("guestId").asLong() == missedGuest));
            List<Long> seqs = resumed.frames("event").stream().map(event -> event.path("seq").asLong()).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates().allMatch(seq -> seq > lastSeen);
            assertThat(seqs.get(0)).isEqualTo(lastSeen + 1);
            assertThat(fresh.frames("event")).as("without resume, nothing pushed before it connected")
                    .noneMatch(event -> event.path("seq").asLong() <= lastSeen);
        }
    }

    private static long maxSeq(List<JsonNode> events) {
        return events.stream().mapToLong(event -> event.path("seq").asLong()).max().orElse(0);
    }
}
