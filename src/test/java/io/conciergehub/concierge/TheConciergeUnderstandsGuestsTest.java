package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The conversation corpus ({@code corpus/conversations.yaml}: messages as guests write them, in
 * five languages, with typos, two questions at once, small talk, requests for a person and
 * questions the hotel cannot answer) goes through the real webhook, concierge and outbox routes,
 * each message from a guest of its own (a guest whose language the booking told, where the
 * corpus says so). Per language, at least 95 % of the messages are answered in the right
 * language, with the right intents in the order asked, and flag the guest for staff exactly when
 * they should. The misses are printed: they are what to improve next.
 */
class TheConciergeUnderstandsGuestsTest {

    static final double REQUIRED = 0.95;

    record Entry(String text, String language, List<String> intents, boolean flag, String guestLanguage) {
    }

    /** What the hub did with one message: the language it answered in, the intents, the flag. */
    record Outcome(String language, List<String> intents, boolean flag) {
    }

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.property("api.rate-limit", "100000"));

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void nineteenOfTwentyMessagesPerLanguageGetTheRightLanguageIntentsAndFlag() throws Exception {
        List<Entry> corpus = corpus();
        TestHub hub = env.hub();
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            phones.add("+39333%07d".formatted(5_000_000 + i));
        }
        bookGuestsWithKnownLanguage(hub, corpus, phones);
        for (int i = 0; i < corpus.size(); i++) {
            assertThat(hub.postSpoki(Webhooks.spokiInbound(phones.get(i), corpus.get(i).text())).statusCode())
                    .isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> hub.count(
                "SELECT COUNT(*) FROM messages WHERE direction = 'in' AND processed_at IS NOT NULL") == corpus.size());

        Map<String, int[]> right = new TreeMap<>(); // language -> {messages, language, intents, flag}
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            Entry expected = corpus.get(i);
            Outcome outcome = outcome(hub, phones.get(i));
            int[] counts = right.computeIfAbsent(expected.language(), l -> new int[4]);
            counts[0]++;
            boolean language = expected.language().equals(outcome.language());
            boolean intents = expected.intents().equals(outcome.intents());
            boolean flag = expected.flag() == outcome.flag();
            counts[1] += language ? 1 : 0;
            counts[2] += intents ? 1 : 0;
            counts[3] += flag ? 1 : 0;
            if (!language || !intents || !flag) {
                misses.add("%-60s expected %s %s%s, got %s %s%s; preview: %s".formatted('"' + expected.text() + '"',
                        expected.language(), expected.intents(), expected.flag() ? " flag" : "", outcome.language(),
                        outcome.intents(), outcome.flag() ? " flag" : "", why(hub, expected)));
            }
        }
        System.out.println("Conversation corpus: " + corpus.size() + " messages");
        System.out.println("language  messages  language  intents  flag");
        int[] total = new int[4];
        right.forEach((language, counts) -> {
            System.out.printf("%-8s  %8d  %7.1f%%  %6.1f%%  %4.1f%%%n", language, counts[0], percent(counts, 1),
                    percent(counts, 2), percent(counts, 3));
            for (int k = 0; k < 4; k++) {
                total[k] += counts[k];
            }
        });
        System.out.printf("%-8s  %8d  %7.1f%%  %6.1f%%  %4.1f%%%n", "all", total[0], percent(total, 1),
                percent(total, 2), percent(total, 3));
        misses.forEach(miss -> System.out.println("miss: " + miss));

        right.forEach((language, counts) -> {
            assertThat(percent(counts, 1)).as("%s: messages answered in the right language", language)
                    .isGreaterThanOrEqualTo(REQUIRED * 100);
            assertThat(percent(counts, 2)).as("%s: messages with the right intents", language)
                    .isGreaterThanOrEqualTo(REQUIRED * 100);
            assertThat(percent(counts, 3)).as("%s: messages flagged for staff exactly when they should", language)
                    .isGreaterThanOrEqualTo(REQUIRED * 100);
        });
    }

    private static double percent(int[] counts, int k) {
        return 100.0 * counts[k] / counts[0];
    }

    private static List<Entry> corpus() throws Exception {
        try (InputStream in = TheConciergeUnderstandsGuestsTest.class.getResourceAsStream("/corpus/conversations.yaml")) {
            List<Entry> corpus = new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<List<Entry>>() {
            });
            assertThat(corpus).as("the corpus").hasSizeGreaterThanOrEqualTo(250);
            return corpus;
        }
    }

    /** Guests whose language the booking told: the hub knows it before their first message. */
    private static void bookGuestsWithKnownLanguage(TestHub hub, List<Entry> corpus, List<String> phones)
            throws Exception {
        List<Map<String, Object>> bookings = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            if (corpus.get(i).guestLanguage() != null) {
                Map<String, Object> booking = new LinkedHashMap<>();
                booking.put("externalId", "corpus-" + i);
                booking.put("source", "airbnb");
                booking.put("phone", phones.get(i));
                booking.put("language", corpus.get(i).guestLanguage());
                booking.put("arrival", "2026-12-01");
                booking.put("departure", "2026-12-05");
                bookings.add(booking);
            }
        }
        HttpResponse<String> answer = hub.postApi("/api/mesh/sync/bookings", TestHub.API_KEY,
                JSON.writeValueAsString(Map.of("bookings", bookings)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    /** The preview's reading of a missed message: the candidates of each clause, with their evidence. */
    private static String why(TestHub hub, Entry entry) throws Exception {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("text", entry.text());
        if (entry.guestLanguage() != null) {
            request.put("language", entry.guestLanguage());
        }
        HttpResponse<String> answer = hub.postApi("/api/mesh/concierge/preview", TestHub.API_KEY,
                JSON.writeValueAsString(request));
        return JSON.readTree(answer.body()).path("clauses").toString();
    }

    /** What staff see: the guest's flag from the guest query, the message's language and intents from the conversation. */
    private static Outcome outcome(TestHub hub, String phone) throws Exception {
        HttpResponse<String> found = hub.postApi("/api/mesh/guests/query", TestHub.API_KEY,
                "{\"phone\":\"" + phone + "\"}");
        JsonNode guest = JSON.readTree(found.body()).path("guests").path(0);
        HttpResponse<String> conversation = hub.getApi("/api/mesh/guests/" + guest.path("id").asLong() + "/messages",
                TestHub.API_KEY);
        JsonNode question = null;
        for (JsonNode message : JSON.readTree(conversation.body()).path("messages")) {
            if ("in".equals(message.path("direction").asText())) {
                question = message;
            }
        }
        assertThat(question).as("the guest's message in the conversation").isNotNull();
        String intent = question.path("intent").asText();
        List<String> intents = "unknown".equals(intent) || "llm".equals(intent) ? List.of() : List.of(intent.split(","));
        return new Outcome(question.path("language").asText(), intents, guest.path("needsAttention").asBoolean());
    }
}
