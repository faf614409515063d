package io.conciergehub.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /api/mesh/dead-letters lists what failed for good, a failed answer with its guest and the message it answered; a replay sends it once more, once. */
class DeadLetterReplayTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(
            spoki -> spoki.answer(aResponse().withStatus(400).withBody("{\"error\":\"invalid phone\"}")),
            TestHub.Builder::scopedKeys);

    @Test
    void aRejectedAnswerIsListedAndSentAfterAReplay() throws Exception {
        String phone = "+393351230001";
        String messageId = "msg-colazione-" + System.nanoTime();
        env.hub().postSpoki(Webhooks.spokiInbound("ev-" + messageId, messageId, phone, "A che ora è la colazione?"));
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters().size() == 1);
        JsonNode letter = deadLetters().get(0);
        assertThat(letter.path("source").asText()).isEqualTo("outbox");
        assertThat(letter.path("error").asText()).contains("400");
        // It names whom the failed answer was for: the guest, and the guest's message it answered.
        assertThat(letter.path("inReplyTo").asText()).isEqualTo(messageId);
        assertThat(letter.path("guestId").asLong()).isEqualTo(MeshJson.body(env.hub().postApi("/api/mesh/guests/query",
                TestHub.API_KEY, "{\"phone\":\"" + phone + "\"}")).path("guests").get(0).path("id").asLong());

        env.spoki().answer(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"accepted\":true,\"id\":1}"));
        String replay = "/api/mesh/dead-letters/" + letter.path("id").asLong() + "/replay";
        HttpResponse<String> replayed = env.hub().postApi(replay, TestHub.API_KEY, "");

        assertThat(replayed.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> env.spoki().sends().stream()
                .filter(send -> send.getBodyAsString().contains(phone)).count() == 2); // the rejected one, then the replay
        assertThat(deadLetters()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> "sent".equals(env.hub().text(
                "SELECT status FROM messages WHERE direction = 'out' ORDER BY id DESC LIMIT 1")));

        HttpResponse<String> twice = env.hub().postApi(replay, TestHub.API_KEY, "");
        assertThat(twice.statusCode()).isEqualTo(409);
    }

    @Test
    void aHundredAndFiveDeadLettersAreReadPageByPageAndNoneIsSkipped() throws Exception {
        // A wrong sink URL dead-letters every event; these were replayed already, so only all=true lists them.
        long now = System.currentTimeMillis();
        for (int i = 0; i < 105; i++) {
            env.hub().update("INSERT INTO dead_letters (source, reference, error, created_at, replayed_at)"
                    + " VALUES ('events', 'ev-paged-" + i + "', 'the sink answered 400', " + now + ", " + now + ")");
        }
        List<String> seen = new ArrayList<>();
        String page = "/api/mesh/dead-letters?all=true";
        JsonNode answer = MeshJson.body(env.hub().getApi(page, TestHub.READ_KEY));
        assertThat(answer.path("deadLetters")).hasSize(100);
        for (int pages = 1; ; pages++) {
            answer.path("deadLetters").forEach(letter -> seen.add(letter.path("reference").asText()));
            if (!answer.path("nextBefore").isNumber() || pages == 5) {
                break;
            }
            answer = MeshJson.body(env.hub().getApi(page + "&before=" + answer.path("nextBefore").asLong(),
                    TestHub.READ_KEY));
        }

        assertThat(seen).doesNotHaveDuplicates()
                .containsAll(IntStream.range(0, 105).mapToObj(i -> "ev-paged-" + i).toList());
        HttpResponse<String> bad = env.hub().getApi(page + "&before=soon", TestHub.READ_KEY);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"before\"");
    }

    @Test
    void anUnknownDeadLetterIs404() throws Exception {
        assertThat(env.hub().postApi("/api/mesh/dead-letters/987654/replay", TestHub.API_KEY, "").statusCode())
                .isEqualTo(404);
        assertThat(env.hub().postApi("/api/mesh/dead-letters/abc/replay", TestHub.API_KEY, "").statusCode())
                .isEqualTo(404);
    }

    static JsonNode deadLetters() throws Exception {
        HttpResponse<String> answer = env.hub().getApi("/api/mesh/dead-letters", TestHub.READ_KEY);
        assertThat(answer.statusCode()).isEqualTo(200);
        return MeshJson.body(answer).path("deadLetters");
    }
}
