package io.conciergehub.failover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two real hubs (the jar, two JVMs) on loopback, each with its own data directory: the primary
 * replicates to the standby; killed with SIGKILL under a steady load of webhooks spread over both,
 * the standby takes over; restarted, the primary catches up and takes its role back. Every webhook
 * that got a 2xx from either node is answered exactly once.
 */
class FailoverIT {

    static final Duration TIMEOUT = Duration.ofSeconds(3);
    static final Duration HEARTBEAT = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theStandbyTakesOverWithoutLosingOrDoublingAMessageAndHandsBack() throws Exception {
        Path primaryDir = Files.createTempDirectory("hub-primary-");
        Path standbyDir = Files.createTempDirectory("hub-standby-");
        Path log = Files.createTempFile("hub-failover-", ".log");
        int primaryPort = TestHub.freePort();
        int standbyPort = TestHub.freePort();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try (SpokiStub spoki = new SpokiStub()) {
            // A provider that takes a little time, like the real one: the kill finds sends in flight.
            spoki.answer(aResponse().withStatus(200).withFixedDelay(20).withHeader("Content-Type", "application/json")
                    .withBody("{\"accepted\":true}"));
            Map<String, String> common = with(Map.of(), "MESSAGING_PROVIDER", "spoki", "SPOKI_BASE_URL", spoki.baseUrl(),
                    "SPOKI_API_KEY", SpokiStub.API_KEY, "SPOKI_WEBHOOK_SECRET", TestHub.SPOKI_SECRET,
                    "CONCIERGE_API_KEYS", TestHub.API_KEY, "CONCIERGE_ENCRYPTION_KEY",
                    Base64.getEncoder().encodeToString(key), "CONCIERGE_SWEEP_INTERVAL", "1000",
                    "FAILOVER_PEER_API_KEY", TestHub.API_KEY,
                    "FAILOVER_HEARTBEAT_INTERVAL", String.valueOf(HEARTBEAT.toMillis()),
                    "FAILOVER_TIMEOUT", String.valueOf(TIMEOUT.toMillis()), "FAILOVER_SHIP_INTERVAL", "200");
            Map<String, String> standbyEnv = with(common, "CONCIERGE_ROLE", "standby", "FAILOVER_PEER_URL",
                    "http://localhost:" + primaryPort);
            Map<String, String> primaryEnv = with(common, "CONCIERGE_ROLE", "primary", "FAILOVER_PEER_URL",
                    "http://localhost:" + standbyPort);

            HubProcess standby = HubProcess.start(standbyDir, standbyEnv, log, standbyPort);
            HubProcess primary = HubProcess.start(primaryDir, primaryEnv, log, primaryPort);
            try {
                // Whichever node came up first, the primary holds the role once both run.
                await().atMost(Duration.ofSeconds(30)).until(() -> health(primary).path("active").asBoolean());
                assertThat(health(standby).path("active").asBoolean()).as("standby active").isFalse();

                // Steady state: what the primary stores is at the standby within 2 s.
                String phone = "+393330000001";
                assertThat(post(primary, phone, "What time is check-in?")).isEqualTo(200);
                await().atMost(Duration.ofSeconds(2)).until(() -> guestKnown(standby, phone));
                await().atMost(Duration.ofSeconds(10)).until(() -> spoki.sentTo(phone) == 1);

                // Load on both nodes, then the primary loses power.
                List<String> acknowledged = new CopyOnWriteArrayList<>(List.of(phone));
                AtomicBoolean loading = new AtomicBoolean(true);
                AtomicInteger sequence = new AtomicInteger(100);
                Thread load = new Thread(() -> {
                    while (loading.get()) {
                        int n = sequence.incrementAndGet();
                        String guest = "+39333%07d".formatted(n);
                        HubProcess target = n % 2 == 0 ? primary : standby;
                        try {
                            if (post(target, guest, "Is there parking?") == 200) {
                                acknowledged.add(guest);
                            }
                        } catch (Exception refused) {
                            // the killed node: not acknowledged, so not owed an answer
                        }
                        pace();
                    }
                });
                load.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= 40);
                primary.kill();
                long killedAt = System.nanoTime();
                await().atMost(TIMEOUT.plus(HEARTBEAT).plusSeconds(5)).pollInterval(Duration.ofMillis(100))
                        .until(() -> health(standby).path("active").asBoolean());
                long promotedMillis = (System.nanoTime() - killedAt) / 1_000_000;
                // A few more webhooks after the promotion, into the new active node.
                int before = acknowledged.size();
                await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= before + 10);
                loading.set(false);
                load.join();
                System.out.printf("failover: standby active %d ms after the kill; %d webhooks acknowledged%n",
                        promotedMillis, acknowledged.size());

                // The old primary returns: passive, catches up, takes its role back.
                HubProcess returned = HubProcess.start(primaryDir, primaryEnv, log, primaryPort);
                try {
                    await().atMost(Duration.ofSeconds(60)).until(() -> health(returned).path("active").asBoolean()
                            && !health(standby).path("active").asBoolean());
                    assertThat(health(returned).path("epoch").asLong())
                            .as("the returning primary took a new epoch").isGreaterThan(2);

                    await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.stream()
                            .allMatch(guest -> spoki.sentTo(guest) >= 1));
                    int total = spoki.sends().size();
                    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                            .until(() -> spoki.sends().size() == total);
                    for (String guest : acknowledged) {
                        assertThat(spoki.sentTo(guest)).as("answers to %s", guest).isEqualTo(1);
                    }
                    // Everything the standby did while active is back at the primary.
                    String last = acknowledged.get(acknowledged.size() - 1);
                    await().atMost(Duration.ofSeconds(5)).until(() -> guestKnown(returned, last));
                } finally {
                    returned.close();
                }
            } finally {
                primary.close();
                standby.close();
            }
        }
    }

    private int post(HubProcess hub, String phone, String text) throws Exception {
        String body = Webhooks.spokiInbound(phone, text);
        return http.send(HttpRequest.newBuilder(URI.create(hub.url("/webhooks/spoki")))
                .header("Content-Type", "application/json").header("X-Spoki-Signature", Webhooks.spokiSignature(body))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private JsonNode health(HubProcess hub) {
        try {
            return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(hub.url("/health")))
                    .header("X-API-Key", TestHub.API_KEY).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception unreachable) {
            return JSON.createObjectNode();
        }
    }

    private boolean guestKnown(HubProcess hub, String phone) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(hub.url("/api/mesh/guests/query")))
                .header("Content-Type", "application/json").header("X-API-Key", TestHub.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + phone + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 && JSON.readTree(answer.body()).path("guests").size() == 1;
    }

    /** About 20 webhooks a second: a steady load, not a benchmark. */
    private static void pace() {
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> all = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return all;
    }
}
