package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.GuestNames;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What each command does once executed, and the status it ends in: succeeded or failed, with a result. */
class CommandExecutionTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    static JsonNode runToEnd(String command) throws Exception {
        return Commands.runToEnd(env.hub(), command);
    }

    static JsonNode status(String id) throws Exception {
        return Commands.status(env.hub(), id);
    }

    @Test
    void updateGuestChangesTheGuestAndRecordsWhoDidIt() throws Exception {
        String phone = "+393351119999";
        env.hub().postSpoki(Webhooks.spokiInbound(phone, "Ciao"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !OutboundLog.to(env.hub(), phone).isEmpty());

        JsonNode done = runToEnd("{\"action\":\"UPDATE_GUEST\",\"payload\":{\"phone\":\"" + phone + "\","
                + "\"updates\":{\"status\":\"in-house\",\"language\":\"it\",\"name\":\"Maria\"}}}");

        assertThat(done.path("status").asText()).isEqualTo("succeeded");
        long guestId = done.path("result").path("guestId").asLong();
        assertThat(env.hub().text("SELECT status || ',' || language FROM guests WHERE id = " + guestId))
                .isEqualTo("in-house,it");
        assertThat(GuestNames.of(env.hub(), phone)).isEqualTo("Maria");
        assertThat(env.hub().count("SELECT COUNT(*) FROM audit WHERE action = 'UPDATE_GUEST' AND outcome = 'succeeded'"
                + " AND key_id <> ''")).isEqualTo(1);
    }

    @Test
    void updatingAGuestWhoDoesNotExistFailsWithAReason() throws Exception {
        JsonNode done = runToEnd("{\"action\":\"UPDATE_GUEST\",\"payload\":{\"guestId\":999999,"
                + "\"updates\":{\"status\":\"in-house\"}}}");

        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("result").path("error").asText()).isEqualTo("no such guest");
    }

    @Test
    void aBatchOfMessagesSendsEachOneAndReportsPerMessage() throws Exception {
        JsonNode done = runToEnd("{\"action\":\"SEND_BATCH_MESSAGES\",\"payload\":{\"messages\":["
                + "{\"phone\":\"+393351110001\",\"template\":\"reminder\"},"
                + "{\"phone\":\"+393351110002\",\"template\":\"reminder\"}]}}");

        assertThat(done.path("status").asText()).isEqualTo("succeeded");
        assertThat(done.path("result").path("messages")).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> OutboundLog.to(env.hub(), "+393351110001").size() == 1
                && OutboundLog.to(env.hub(), "+393351110002").size() == 1);
    }

    @Test
    void theTestCommandJustSucceeds() throws Exception {
        JsonNode done = runToEnd("{\"action\":\"TEST\"}");

        assertThat(done.path("status").asText()).isEqualTo("succeeded");
        assertThat(done.path("result").path("ok").asBoolean()).isTrue();
        assertThat(done.path("attempts").asInt()).isEqualTo(1);
    }
}
