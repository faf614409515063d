package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.store.BrokenDisk;
import io.conciergehub.store.Database;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Once a sync of the database's log has failed, no webhook is acknowledged until a restart: health
 * says DOWN (503) and why, so a container's health check, systemd or an uptime monitor acts on it.
 */
class ADiskThatFailedToSyncMakesTheHubDownTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void healthIsDownOnceNoWriteCanBeAcknowledged() throws Exception {
        assertThat(env.hub().get("/health").statusCode()).isEqualTo(200);
        BrokenDisk.under(env.hub().context().getRegistry().lookupByNameAndType("database", Database.class));
        assertThat(env.hub().postSpoki(Webhooks.spokiInbound("+393331119977", "Ciao")).statusCode()).isEqualTo(500);

        HttpResponse<String> health = env.hub().get("/health", "X-API-Key", TestHub.API_KEY);

        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"status\":\"DOWN\"", "\"database\":\"DOWN\"", "sync of its log");
        assertThat(env.hub().get("/health").statusCode()).isEqualTo(503);
    }
}
