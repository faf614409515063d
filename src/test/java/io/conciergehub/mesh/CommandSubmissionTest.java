package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /api/mesh/commands: validated, stored, answered 202 at once, executed after; the same
 * idempotencyKey gives back the same command.
 */
class CommandSubmissionTest {

    // A commanded message goes out at the outbox's next sweep, and its command reads "running" until
    // then: the status is polled more often than the API's 100 a minute allows, which is not what
    // these tests test.
    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.scopedKeys()
            .property("api.rate-limit", "100000"));

    static HttpResponse<String> submit(String json) throws Exception {
        return env.hub().postApi("/api/mesh/commands", TestHub.COMMANDS_KEY, json);
    }

    static JsonNode statusOf(String id) throws Exception {
        return MeshJson.body(env.hub().getApi("/api/mesh/commands/" + id, TestHub.COMMANDS_KEY));
    }

    @Test
    void aMessageCommandIsAcceptedQueuedAndSentToTheGuest() throws Exception {
        String phone = "+393351112233";
        env.hub().postSpoki(Webhooks.spokiInbound(phone, "Ciao")); // the guest wrote today: free text may go out

        HttpResponse<String> answer = submit("{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"+39 335 111 2233\","
                + "\"message\":\"La sua camera è pronta.\"}}");

        assertThat(answer.statusCode()).isEqualTo(202);
        JsonNode accepted = MeshJson.body(answer);
        assertThat(accepted.path("status").asText()).isEqualTo("queued");
        String id = accepted.path("id").asText();
        assertThat(answer.headers().firstValue("Location")).hasValue("/api/mesh/commands/" + id);
        await().atMost(Duration.ofSeconds(15)).until(() -> statusOf(id).path("status").asText().equals("succeeded"));
        await().atMost(Duration.ofSeconds(10)).until(() -> OutboundLog.to(env.hub(), phone).stream()
                .anyMatch(line -> line.path("text").asText().equals("La sua camera è pronta.")));
        assertThat(statusOf(id).path("result").path("outboxId").asLong()).isPositive();
    }

    @Test
    void aTemplateGoesOutEvenToAGuestWhoNeverWrote() throws Exception {
        String phone = "+41791234567";
        String id = MeshJson.body(submit("{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"" + phone + "\","
                + "\"template\":\"welcome_1\",\"language\":\"de\",\"customFields\":{\"GUEST_NAME\":\"Heidi\"}}}"))
                .path("id").asText();

        await().atMost(Duration.ofSeconds(15)).until(() -> statusOf(id).path("status").asText().equals("succeeded"));
        await().atMost(Duration.ofSeconds(10)).until(() -> OutboundLog.to(env.hub(), phone).stream()
                .anyMatch(line -> line.path("template").asText().equals("welcome_1")));
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameCommandAndSendsOnce() throws Exception {
        String phone = "+393351112244";
        env.hub().postSpoki(Webhooks.spokiInbound(phone, "Ciao"));
        String command = "{\"action\":\"SEND_MESSAGE\",\"idempotencyKey\":\"crm-4711\",\"payload\":{\"phone\":\"" + phone
                + "\",\"message\":\"A presto!\"}}";

        HttpResponse<String> first = submit(command);
        HttpResponse<String> second = submit(command);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(MeshJson.body(second).path("id").asText()).isEqualTo(MeshJson.body(first).path("id").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> OutboundLog.to(env.hub(), phone).stream()
                .anyMatch(line -> line.path("text").asText().equals("A presto!")));
        assertThat(env.hub().count("SELECT COUNT(*) FROM commands WHERE idempotency_key = 'crm-4711'")).isEqualTo(1);
        assertThat(OutboundLog.to(env.hub(), phone).stream().filter(line -> line.path("text").asText().equals("A presto!")))
                .hasSize(1);
    }

    @Test
    void theSameIdempotencyKeyForAnotherCommandIs409() throws Exception {
        submit("{\"action\":\"TEST\",\"idempotencyKey\":\"job-1\"}");

        HttpResponse<String> other = submit("{\"action\":\"TEST\",\"idempotencyKey\":\"job-1\",\"payload\":{\"x\":1}}");

        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(MeshJson.body(other).path("error").asText()).isEqualTo("conflict");
    }

    @Test
    void anInvalidCommandIs400NamingTheFieldAndNothingIsStored() throws Exception {
        long before = env.hub().count("SELECT COUNT(*) FROM commands");

        HttpResponse<String> badPhone = submit("{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"call me\","
                + "\"message\":\"hi\"}}");
        HttpResponse<String> noAction = submit("{\"payload\":{}}");
        HttpResponse<String> unknownAction = submit("{\"action\":\"DELETE_EVERYTHING\"}");
        HttpResponse<String> bothTexts = submit("{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"+393351112233\","
                + "\"message\":\"hi\",\"template\":\"t1\"}}");
        HttpResponse<String> unknownField = submit("{\"action\":\"UPDATE_GUEST\",\"payload\":{\"guestId\":1,"
                + "\"updates\":{\"role\":\"admin\"}}}");
        HttpResponse<String> notJson = submit("{\"action\":");

        assertThat(MeshJson.body(badPhone).path("field").asText()).isEqualTo("payload.phone");
        assertThat(MeshJson.body(noAction).path("field").asText()).isEqualTo("action");
        assertThat(MeshJson.body(unknownAction).path("field").asText()).isEqualTo("action");
        assertThat(MeshJson.body(bothTexts).path("field").asText()).isEqualTo("payload.message");
        assertThat(MeshJson.body(unknownField).path("field").asText()).as("the member is not echoed")
                .isEqualTo("payload.updates");
        assertThat(MeshJson.body(unknownField).path("detail").asText())
                .startsWith("payload.updates: has a member that is not one of ");
        assertThat(notJson.body()).contains("malformed_json");
        assertThat(java.util.List.of(badPhone, noAction, unknownAction, bothTexts, unknownField, notJson))
                .allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(400));
        assertThat(env.hub().count("SELECT COUNT(*) FROM commands")).isEqualTo(before);
    }

    @Test
    void anUnknownCommandIs404() throws Exception {
        HttpResponse<String> answer = env.hub().getApi("/api/mesh/commands/cmd-nope", TestHub.COMMANDS_KEY);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(MeshJson.body(answer).path("error").asText()).isEqualTo("not_found");
    }
}
