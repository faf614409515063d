package io.conciergehub.mesh;

import static io.conciergehub.support.Conversations.backdate;
import static io.conciergehub.support.Conversations.guestAsks;
import static io.conciergehub.support.Conversations.messagesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A SEND_MESSAGE whose message retention has since deleted is still shown by
 * GET /api/mesh/commands/{id}, as it ended, without the message. A command finished longer than
 * the retention ago keeps no phone number or text, yet a late retry with its idempotencyKey is
 * answered with it, never run again; its dead letter can no longer be replayed.
 */
class ACommandWhoseMessageRetentionDeletedIsStillReadTest {

    private static final String PHONE = "+393335550031";

    @Test
    void theCommandStillReadsAsSucceededWithoutItsMessage() throws Exception {
        try (TestHub hub = TestHub.builder().property("privacy.message-retention", "1h")
                .property("privacy.retention-interval", "200ms").start()) {
            long guest = guestAsks(hub, PHONE, "What is the wifi password?"); // the window is open
            String id = Commands.submit(hub, "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"" + PHONE
                    + "\",\"message\":\"Your room is ready.\"}}");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Commands.status(hub, id).path("status").asText().equals("succeeded"));
            guestAsks(hub, "+393335550032", "What time is breakfast?");

            backdate(hub, guest, Duration.ofHours(2));
            await().atMost(Duration.ofSeconds(10)).until(() -> messagesOf(hub, guest) == 0);

            HttpResponse<String> read = hub.getApi("/api/mesh/commands/" + id, TestHub.API_KEY);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(MeshJson.body(read).path("status").asText()).isEqualTo("succeeded");
            assertThat(MeshJson.body(read).path("messages")).isEmpty();
        }
    }

    @Test
    void aCommandFinishedLongerThanTheRetentionAgoKeepsNoPayloadAndALateRetryIsAnsweredWithIt() throws Exception {
        try (TestHub hub = TestHub.builder().property("privacy.message-retention", "1h")
                .property("privacy.retention-interval", "200ms").start()) {
            String command = "{\"action\":\"SEND_MESSAGE\",\"idempotencyKey\":\"late-retry-1\",\"payload\":"
                    + "{\"phone\":\"" + PHONE + "\",\"template\":\"4711\"}}";
            String old = Commands.submit(hub, command);
            String recent = Commands.submit(hub, "{\"action\":\"SEND_MESSAGE\",\"idempotencyKey\":\"late-retry-2\","
                    + "\"payload\":{\"phone\":\"" + PHONE + "\",\"template\":\"4712\"}}");
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.count(
                    "SELECT COUNT(*) FROM commands WHERE state = 'succeeded'") == 2);

            hub.update("UPDATE commands SET created_at = created_at - 7200000, updated_at = updated_at - 7200000"
                    + " WHERE id = '" + old + "'");
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.count(
                    "SELECT COUNT(*) FROM commands WHERE id = '" + old + "' AND payload_enc = ''") == 1);
            assertThat(hub.count("SELECT COUNT(*) FROM commands WHERE id = '" + recent + "' AND payload_enc <> ''"))
                    .as("a recent command keeps its payload").isOne();

            HttpResponse<String> retried = hub.postApi("/api/mesh/commands", TestHub.API_KEY, command);
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
            assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(MeshJson.body(retried).path("id").asText()).isEqualTo(old);
            HttpResponse<String> another = hub.postApi("/api/mesh/commands", TestHub.API_KEY,
                    command.replace("4711", "4799"));
            assertThat(another.statusCode()).as("the key still names the command it was used for").isEqualTo(409);
            assertThat(hub.count("SELECT COUNT(*) FROM commands")).as("nothing run again").isEqualTo(2);
        }
    }

    @Test
    void aDeadLetteredCommandWhosePayloadRetentionDeletedIsNotReplayed() throws Exception {
        try (TestHub hub = TestHub.builder().property("privacy.message-retention", "1h")
                .property("privacy.retention-interval", "200ms").property("mesh.command-attempts", "1").start()) {
            // Held back until its payload is unreadable (an operator's sqlite3 session gone wrong): it fails for good.
            hub.context().getRouteController().suspendRoute("mesh-commands-worker");
            String id = Commands.submit(hub, "{\"action\":\"SEND_MESSAGE\",\"payload\":{\"phone\":\"" + PHONE
                    + "\",\"template\":\"4711\"}}");
            hub.update("UPDATE commands SET payload_enc = 'unreadable' WHERE id = '" + id + "'");
            hub.context().getRouteController().resumeRoute("mesh-commands-worker");
            await().atMost(Duration.ofSeconds(15)).until(() -> hub.count(
                    "SELECT COUNT(*) FROM dead_letters WHERE source = 'commands' AND reference = '" + id + "'") == 1);

            hub.update("UPDATE commands SET updated_at = updated_at - 7200000 WHERE id = '" + id + "'");
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.count(
                    "SELECT COUNT(*) FROM commands WHERE id = '" + id + "' AND payload_enc = ''") == 1);

            long letter = hub.count("SELECT id FROM dead_letters WHERE reference = '" + id + "'");
            HttpResponse<String> replay = hub.postApi("/api/mesh/dead-letters/" + letter + "/replay", TestHub.API_KEY, "");
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(409);
            assertThat(hub.text("SELECT state FROM commands WHERE id = '" + id + "'")).isEqualTo("failed");
        }
    }
}
