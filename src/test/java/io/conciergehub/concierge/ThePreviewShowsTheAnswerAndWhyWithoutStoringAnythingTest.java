package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /api/mesh/concierge/preview} answers what the hub would send, in which language, and
 * the intents with their scores and evidence, so a hotel can tune its knowledge files; nothing is
 * stored or sent, and it needs the read scope.
 */
class ThePreviewShowsTheAnswerAndWhyWithoutStoringAnythingTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.scopedKeys()
            .property("hotel.wifi-password", "Sole2026"));

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thePreviewExplainsTheAnswer() throws Exception {
        HttpResponse<String> answer = preview(TestHub.READ_KEY, "{\"text\":\"Wie lautet das WLAN-Passwort?\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode preview = JSON.readTree(answer.body());
        assertThat(preview.path("language").asText()).isEqualTo("de");
        assertThat(preview.path("reply").asText()).startsWith("Das WLAN heißt").contains("Sole2026");
        assertThat(preview.path("needsAttention").asBoolean()).isFalse();
        JsonNode intent = preview.path("intents").get(0);
        assertThat(intent.path("intent").asText()).isEqualTo("wifi");
        assertThat(intent.path("score").asDouble()).isBetween(0.45, 1.0);
        assertThat(intent.path("evidence").asText()).startsWith("keyword");

        JsonNode unknown = JSON.readTree(preview(TestHub.READ_KEY,
                "{\"text\":\"Massage?\",\"language\":\"it\"}").body());
        assertThat(unknown.path("language").asText()).as("the guest's language, from the booking").isEqualTo("it");
        assertThat(unknown.path("intents")).isEmpty();
        assertThat(unknown.path("needsAttention").asBoolean()).isTrue();
        assertThat(unknown.path("reply").asText()).startsWith("Grazie per il suo messaggio");

        assertThat(env.hub().count("SELECT COUNT(*) FROM messages")).as("nothing stored").isZero();
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests")).isZero();
    }

    @Test
    void badRequestsAreRefusedAndTheScopeIsRead() throws Exception {
        assertThat(preview(TestHub.READ_KEY, "{\"text\":\"Wifi?\",\"language\":\"pt\"}").statusCode()).isEqualTo(400);
        assertThat(preview(TestHub.READ_KEY, "{\"language\":\"en\"}").statusCode()).isEqualTo(400);
        assertThat(preview(TestHub.READ_KEY, "{\"text\":\"Wifi?\",\"extra\":1}").statusCode()).isEqualTo(400);
        assertThat(preview(TestHub.EVENTS_KEY, "{\"text\":\"Wifi?\"}").statusCode()).isEqualTo(403);
        assertThat(preview(null, "{\"text\":\"Wifi?\"}").statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> preview(String key, String body) throws Exception {
        return key == null ? env.hub().postJson("/api/mesh/concierge/preview", body)
                : env.hub().postApi("/api/mesh/concierge/preview", key, body);
    }
}
