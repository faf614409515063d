package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Webhooks have a limit of their own per client address, apart from the API's: a flood is refused before any work. */
class WebhookRateLimitTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.property("api.webhook-rate-limit", "3")
            .property("api.rate-limit-window", "600000"));

    @Test
    void aFloodOfWebhooksIsRefusedWith429AndNotStored() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(env.hub().postSpoki(Webhooks.spokiInbound("+39333555000" + i, "Ciao")).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> flood = env.hub().postSpoki(Webhooks.spokiInbound("+393335550009", "Ciao"));

        assertThat(flood.statusCode()).isEqualTo(429);
        assertThat(flood.headers().firstValue("Retry-After")).isPresent();
        assertThat(env.hub().count("SELECT COUNT(*) FROM messages WHERE direction = 'in'")).isEqualTo(3);
        // The API is counted apart: webhooks do not use up its allowance.
        assertThat(env.hub().getApi("/api/mesh/stats", io.conciergehub.support.TestHub.API_KEY).statusCode())
                .isEqualTo(200);
    }
}
