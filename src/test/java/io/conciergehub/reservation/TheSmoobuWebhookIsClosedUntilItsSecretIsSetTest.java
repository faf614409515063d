package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without smoobu.webhook-secret no token can be right: the endpoint answers 503 and stores nothing. */
class TheSmoobuWebhookIsClosedUntilItsSecretIsSetTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.property("smoobu.webhook-secret", ""));

    @Test
    void withoutASecretEveryWebhookIs503() throws Exception {
        String webhook = Smoobu.webhook("newReservation", "601", "2026-06-01 10:00:00",
                Smoobu.reservation("2026-07-01", "2026-07-05", 2));

        for (String token : new String[] {"", "anything", null}) {
            HttpResponse<String> answer = Smoobu.post(env.hub(), token, webhook);
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("not_configured");
        }
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings")).isZero();
    }
}
