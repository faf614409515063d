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
 * GET /api/mesh/commands/{id}, as it ended, without the message.
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
}
