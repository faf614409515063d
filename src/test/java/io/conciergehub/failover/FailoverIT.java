package io.conciergehub.failover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubProcess;
import io.conciergehub.support.NodePair;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two real hubs (the jar, two JVMs) on loopback, each with its own data directory: the primary
 * replicates to the standby; killed with SIGKILL under a steady load of webhooks spread over both,
 * the standby takes over; restarted, the primary catches up and takes its role back. Every webhook
 * that got a 2xx from either node, the passive standby's share too, is answered exactly once, or
 * (a send in flight at the kill) is named by exactly one "may have been delivered" dead letter.
 */
class FailoverIT {

    /** One webhook of the load: where it went, when, and what came back (a status, or why none came). */
    record Request(String node, String phone, String messageId, long sentAt, long doneAt, int status, String failure) {

        boolean acknowledged() {
            return status == 200;
        }
    }

    @Test
    void theStandbyTakesOverWithoutLosingOrDoublingAMessageAndHandsBack() throws Exception {
        Path primaryDir = Files.createTempDirectory("hub-primary-");
        Path standbyDir = Files.createTempDirectory("hub-standby-");
        int primaryPort = TestHub.freePort();
        int standbyPort = TestHub.freePort();
        try (SpokiStub spoki = new SpokiStub()) {
            // A provider that takes a little time, like the real one: the kill finds sends in flight.
            spoki.answer(aResponse().withStatus(200).withFixedDelay(20).withHeader("Content-Type", "application/json")
                    .withBody("{\"accepted\":true}"));
            NodePair nodes = new NodePair(spoki);
            Map<String, String> primaryEnv = nodes.node("primary", standbyPort);
            HubProcess standby = HubProcess.start("FailoverIT-standby", standbyDir, nodes.node("standby", primaryPort),
                    standbyPort);
            HubProcess primary = HubProcess.start("FailoverIT-primary", primaryDir, primaryEnv, primaryPort);
            try {
                // Whichever node came up first, the primary holds the role once both run.
                await().atMost(Duration.ofSeconds(30)).until(() -> nodes.settled(primary, standby));

                // Steady state: what the primary stores reaches the standby (the bound is not the point).
                String phone = "+393330000001";
                String firstId = "msg-first-" + UUID.randomUUID();
                long firstSent = System.nanoTime();
                assertThat(nodes.post(primary, phone, firstId, "What time is check-in?")).isEqualTo(200);
                await().atMost(Duration.ofSeconds(10)).until(() -> nodes.guestKnown(standby, phone));
                await().atMost(Duration.ofSeconds(10)).until(() -> spoki.sentTo(phone) == 1);

                // Load on both nodes, each request and its outcome kept, then the primary loses power.
                List<Request> requests = new CopyOnWriteArrayList<>(
                        List.of(new Request("primary", phone, firstId, firstSent, firstSent, 200, null)));
                AtomicBoolean loading = new AtomicBoolean(true);
                AtomicInteger sequence = new AtomicInteger(100);
                Thread load = new Thread(() -> {
                    while (loading.get()) {
                        int n = sequence.incrementAndGet();
                        String guest = "+39333%07d".formatted(n);
                        String messageId = "msg-load-%d-%s".formatted(n, UUID.randomUUID());
                        boolean toPrimary = n % 2 == 0;
                        long sentAt = System.nanoTime();
                        int status = 0;
                        String failure = null;
                        try {
                            status = nodes.post(toPrimary ? primary : standby, guest, messageId, "Is there parking?");
                        } catch (Exception e) {
                            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                        }
                        requests.add(new Request(toPrimary ? "primary" : "standby", guest, messageId, sentAt,
                                System.nanoTime(), status, failure));
                        // About 20 webhooks a second: a steady load, not a benchmark.
                        LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                    }
                });
                load.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> requests.stream()
                        .filter(r -> r.node().equals("standby")).count() >= 20);
                long killStarted = System.nanoTime();
                primary.kill();
                long killed = System.nanoTime();
                Instant killedAt = Instant.now();
                await().atMost(NodePair.TIMEOUT.plus(NodePair.HEARTBEAT).plusSeconds(15))
                        .pollInterval(Duration.ofMillis(100)).until(() -> nodes.active(standby));
                long promoted = System.nanoTime();
                // A few more webhooks after the promotion, into the new active node.
                await().atMost(Duration.ofSeconds(20)).until(() -> requests.stream()
                        .filter(r -> r.sentAt() > promoted && r.acknowledged()).count() >= 10);
                loading.set(false);
                load.join();
                System.out.printf("failover: standby active %d ms after the kill; %d webhooks sent%n",
                        (promoted - killStarted) / 1_000_000, requests.size());

                // Every request is accounted for. The standby, never stopped, acknowledged every one
                // (passive, it keeps the webhook and relays it). The primary acknowledged every one it
                // finished before the kill, none it got after, and either for the ones the kill cut.
                for (Request request : requests) {
                    assertThat(request.status() == 0 ? request.failure() != null : request.failure() == null)
                            .as("%s has a status or a failure", request).isTrue();
                    if (request.status() != 0) {
                        assertThat(request.status()).as("%s", request).isEqualTo(200);
                    }
                    if (request.node().equals("standby") || request.doneAt() < killStarted) {
                        assertThat(request.acknowledged()).as("%s before the kill or at the standby", request).isTrue();
                    } else if (request.sentAt() > killed) {
                        assertThat(request.failure()).as("%s to the dead primary", request).isNotNull();
                    }
                }
                List<Request> passiveShare = requests.stream().filter(r -> r.node().equals("standby")
                        && r.doneAt() < killStarted).toList();
                assertThat(passiveShare).as("webhooks the passive standby acknowledged").isNotEmpty();
                assertThat(requests).as("webhooks the primary acknowledged")
                        .anyMatch(r -> r.node().equals("primary") && r.acknowledged() && r != requests.get(0));

                // The old primary returns: passive, catches up, takes its role back.
                try (HubProcess returned = HubProcess.start("FailoverIT-returned", primaryDir, primaryEnv,
                        primaryPort)) {
                    await().atMost(Duration.ofSeconds(90))
                            .until(() -> nodes.active(returned) && !nodes.active(standby));
                    assertThat(nodes.health(returned).path("epoch").asLong())
                            .as("the returning primary took a new epoch").isGreaterThan(2);

                    // Every acknowledged message has its outcome: an answer, or the dead letter of a send
                    // the dead primary had started (nobody can tell whether the provider got it, so it is
                    // never repeated; it waits for staff).
                    List<Request> acknowledged = requests.stream().filter(Request::acknowledged).toList();
                    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                        Set<String> named = namedBy(nodes.uncertainSends(returned));
                        assertThat(acknowledged).as("acknowledged messages with neither an answer nor a dead letter")
                                .filteredOn(r -> spoki.sentTo(r.phone()) == 0 && !named.contains(r.messageId()))
                                .isEmpty();
                    });
                    // Then the sends settle: answers to webhooks whose 2xx the load never saw (cut at the
                    // kill) may still be going out; the checks below read the settled sends.
                    AtomicInteger lastCount = new AtomicInteger(-1);
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3))
                            .until(() -> lastCount.getAndSet(spoki.sends().size()) == spoki.sends().size());

                    // By identity: each acknowledged message (its provider id, its guest) is answered exactly
                    // once, or it is unanswered and named by exactly one "may have been delivered" dead
                    // letter. A dead letter beside an answer names a send the provider did get.
                    Map<String, Long> sends = spoki.sentBodies().stream().collect(Collectors.groupingBy(
                            body -> body.path("phone").asText(), Collectors.counting()));
                    List<JsonNode> uncertain = nodes.uncertainSends(returned);
                    Map<String, Long> letters = uncertain.stream().collect(Collectors.groupingBy(
                            letter -> letter.path("inReplyTo").asText(), Collectors.counting()));
                    int answered = 0;
                    int answeredAndDeadLettered = 0;
                    int deadLettered = 0;
                    for (Request request : acknowledged) {
                        long sent = sends.getOrDefault(request.phone(), 0L);
                        long named = letters.getOrDefault(request.messageId(), 0L);
                        assertThat(named).as("dead letters naming %s", request).isLessThanOrEqualTo(1);
                        if (sent == 0) {
                            assertThat(named).as("%s is unanswered: exactly one dead letter names it", request)
                                    .isEqualTo(1);
                            deadLettered++;
                        } else {
                            assertThat(sent).as("answers to %s", request).isEqualTo(1);
                            answered++;
                            answeredAndDeadLettered += (int) named;
                            if (named == 1) {
                                // Maybe delivered, and it was: by the primary, before it died; never resent.
                                assertThat(spoki.sendTimesTo(request.phone())).as("the dead-lettered send to %s", request)
                                        .allMatch(at -> at.isBefore(killedAt));
                            }
                        }
                    }
                    // Nothing else went out or failed: every send and every dead letter is for a message of
                    // the load, and one the kill cut off is answered at most once too.
                    Set<String> phones = requests.stream().map(Request::phone).collect(Collectors.toSet());
                    Set<String> messageIds = requests.stream().map(Request::messageId).collect(Collectors.toSet());
                    assertThat(sends).allSatisfy((to, count) -> {
                        assertThat(phones).as("a send to %s", to).contains(to);
                        assertThat(count).as("answers to %s", to).isEqualTo(1);
                    });
                    assertThat(uncertain).allSatisfy(letter -> assertThat(messageIds)
                            .as("the message dead letter %s names", letter).contains(letter.path("inReplyTo").asText()));
                    assertThat(nodes.deadLetters(returned)).as("dead letters other than uncertain sends")
                            .hasSameSizeAs(uncertain);
                    System.out.printf("failover: %d acknowledged (%d at the passive standby): %d answered once (%d of"
                            + " them also dead-lettered as maybe delivered), %d unanswered and dead-lettered%n",
                            acknowledged.size(), passiveShare.size(), answered, answeredAndDeadLettered, deadLettered);

                    // Replication runs the other way now: a message into the primary reaches the standby.
                    String after = "+393330000002";
                    assertThat(nodes.post(returned, after, "Wifi password?")).isEqualTo(200);
                    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.guestKnown(standby, after));
                    String last = acknowledged.get(acknowledged.size() - 1).phone();
                    assertThat(nodes.guestKnown(returned, last)).as("what the standby did is at the primary").isTrue();
                    // The pair's own calls, signed, were never refused as unsigned, replayed or foreign.
                    for (HubProcess node : List.of(primary, standby, returned)) {
                        assertThat(node.log().auditLines()).as("%s", node.log().file()).filteredOn(line ->
                                line.contains("path=/api/mesh/") && line.matches(".* status=40[13] .*")).isEmpty();
                    }
                }
            } finally {
                primary.close();
                standby.close();
            }
        }
    }

    /** The guest messages (provider ids) these dead letters name. */
    private static Set<String> namedBy(List<JsonNode> letters) {
        return letters.stream().map(letter -> letter.path("inReplyTo").asText()).collect(Collectors.toSet());
    }
}
