package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A webhook answered 500 because its event could not be written (another process held the
 * database's write lock longer than the hub waits for it) is not remembered as seen: the provider's
 * retry of the same event is stored, once.
 */
class AWebhookRefusedForAFailedWriteIsStoredWhenSentAgainTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void theProvidersRetryIsStoredOnce() throws Exception {
        String body = Webhooks.spokiInbound("event-retried-1", "message-retried-1", "+393331117766", "Ciao");

        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + env.hub().dataDir().resolve("hub.db"));
                Statement lock = other.createStatement()) {
            lock.execute("BEGIN IMMEDIATE");
            // The hub waits for the lock (SQLite's busy timeout) before it gives up: longer than HubClient waits.
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(env.hub().url("/webhooks/spoki"))).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").header("X-Spoki-Signature", Webhooks.spokiSignature(body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(500);
            lock.execute("ROLLBACK");
        }
        HttpResponse<String> retried = env.hub().postSpoki(body);

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count("SELECT COUNT(*) FROM messages"
                + " WHERE provider_message_id = 'message-retried-1'") == 1);
    }
}
