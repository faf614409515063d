package io.conciergehub.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubProcess;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The real jar is killed with SIGKILL right after acknowledging a burst of webhooks, then started
 * again on the same data: every acknowledged message is answered, and none twice.
 */
class CrashRecoveryIT {

    static final int GUESTS = 40;

    @Test
    void everyAcknowledgedMessageIsAnsweredExactlyOnceAcrossAKill() throws Exception {
        Path dataDir = Files.createTempDirectory("hub-crash-");
        Path log = Files.createTempFile("hub-crash-", ".log");
        try (SpokiStub spoki = new SpokiStub()) {
            // A provider that takes its time, so the kill finds answers queued and in flight.
            spoki.answer(aResponse().withStatus(200).withFixedDelay(250).withHeader("Content-Type", "application/json")
                    .withBody("{\"accepted\":true}"));
            Map<String, String> env = Map.of("MESSAGING_PROVIDER", "spoki", "SPOKI_BASE_URL", spoki.baseUrl(),
                    "SPOKI_API_KEY", SpokiStub.API_KEY, "SPOKI_WEBHOOK_SECRET", TestHub.SPOKI_SECRET,
                    "CONCIERGE_API_KEYS", TestHub.API_KEY, "CONCIERGE_SWEEP_INTERVAL", "1000",
                    "CONCIERGE_ALLOW_DEMO_FACTS", "true");
            List<String> phones = new ArrayList<>();
            for (int i = 0; i < GUESTS; i++) {
                phones.add("+3933300%05d".formatted(i));
            }

            HubProcess first = HubProcess.start(dataDir, env, log);
            HttpClient http = HttpClient.newHttpClient();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> acks = new ArrayList<>();
            for (String phone : phones) {
                String body = Webhooks.spokiInbound(phone, "What time is check-in?");
                acks.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create(first.url("/webhooks/spoki")))
                        .header("Content-Type", "application/json")
                        .header("X-Spoki-Signature", Webhooks.spokiSignature(body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            for (Future<Integer> ack : acks) {
                assertThat(ack.get()).isEqualTo(200);
            }
            pool.shutdown();
            // Kill while answers are at every stage: undecided, queued, and in flight at Spoki.
            await().atMost(Duration.ofSeconds(20)).until(() -> spoki.sends().size() >= 5);
            first.kill();
            int answeredBeforeKill = spoki.sends().size();
            assertThat(answeredBeforeKill).as("answers that reached Spoki before the kill").isLessThan(GUESTS);

            try (HubProcess second = HubProcess.start(dataDir, env, log)) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> phones.stream().allMatch(phone -> spoki.sentTo(phone) >= 1));
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .until(() -> spoki.sends().size() == GUESTS);
                for (String phone : phones) {
                    assertThat(spoki.sentTo(phone)).as("answers to %s", phone).isEqualTo(1);
                }
            }
        }
    }
}
