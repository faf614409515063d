package io.conciergehub.failover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubProcess;
import io.conciergehub.support.LinkProxy;
import io.conciergehub.support.NodePair;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two real hubs; the standby's answers reach the primary slowly, so a burst of outbox sends waits
 * for the peer's acknowledgements in groups (one shipment, one acknowledgement for all the sends
 * waiting meanwhile). The primary is killed with SIGKILL as the first answer of the burst reaches
 * the provider, while the others still wait. The standby takes over: no guest is answered twice,
 * every send that went out before the kill was known to the standby, and every message of the
 * burst the standby knows of is answered, or named by a "may have been delivered" dead letter.
 */
class SendsThatWaitedForOneAcknowledgementAreNeverRepeatedAfterAKillIT {

    static final int BURST = 30;

    @Test
    void aBurstWaitingForTheStandbyIsNeitherRepeatedNorLostWhenThePrimaryDies() throws Exception {
        int primaryPort = TestHub.freePort();
        int standbyPort = TestHub.freePort();
        try (SpokiStub spoki = new SpokiStub(); LinkProxy toStandby = new LinkProxy(standbyPort)) {
            spoki.answer(aResponse().withStatus(200).withFixedDelay(20).withHeader("Content-Type", "application/json")
                    .withBody("{\"accepted\":true}"));
            NodePair nodes = new NodePair(spoki);
            Map<String, String> primaryEnv = new HashMap<>(nodes.node("primary", toStandby.port()));
            // The sends wait for the standby however slow it is: no send goes out on the timeout.
            primaryEnv.put("FAILOVER_SYNC_TIMEOUT", "60000");
            try (HubProcess standby = HubProcess.start("GroupedAckIT-standby", Files.createTempDirectory("hub-standby-"),
                    nodes.node("standby", primaryPort), standbyPort);
                 HubProcess primary = HubProcess.start("GroupedAckIT-primary", Files.createTempDirectory("hub-primary-"),
                         primaryEnv, primaryPort)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> nodes.settled(primary, standby));
                toStandby.delayAnswers(Duration.ofMillis(400));

                // The burst: one new guest per message, all acknowledged by the primary.
                Map<String, String> messageIds = new HashMap<>(); // phone -> provider message id
                ExecutorService posting = Executors.newFixedThreadPool(10);
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < BURST; i++) {
                    String phone = "+3933370%05d".formatted(i);
                    String messageId = "msg-burst-" + i + "-" + UUID.randomUUID();
                    messageIds.put(phone, messageId);
                    statuses.add(posting.submit(() -> nodes.post(primary, phone, messageId, "Is there parking?")));
                }
                for (Future<Integer> status : statuses) {
                    assertThat(status.get()).isEqualTo(200);
                }
                posting.shutdown();

                // The first answer is out: the others wait for the standby's next acknowledgement.
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                        .until(() -> messageIds.keySet().stream().anyMatch(phone -> spoki.sentTo(phone) > 0));
                primary.kill();
                Instant killedAt = Instant.now();
                List<String> sentBeforeKill = messageIds.keySet().stream().filter(phone -> spoki.sentTo(phone) > 0)
                        .toList();
                assertThat(sentBeforeKill).as("answers out when the primary died").hasSizeLessThan(BURST);

                await().atMost(NodePair.TIMEOUT.plus(NodePair.HEARTBEAT).plusSeconds(15))
                        .pollInterval(Duration.ofMillis(100)).until(() -> nodes.active(standby));
                // What went out before the kill had been replicated before it went out.
                for (String phone : sentBeforeKill) {
                    assertThat(nodes.guestKnown(standby, phone)).as("the standby knows %s, answered before the kill",
                            phone).isTrue();
                }
                List<String> known = new ArrayList<>();
                for (String phone : messageIds.keySet()) {
                    if (nodes.guestKnown(standby, phone)) {
                        known.add(phone);
                    }
                }
                // Every message the standby knows of gets its outcome: an answer, or a dead letter.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    Map<String, Long> letters = lettersByMessage(nodes.uncertainSends(standby));
                    assertThat(known).as("known to the standby, with neither an answer nor a dead letter")
                            .filteredOn(phone -> spoki.sentTo(phone) == 0 && !letters.containsKey(messageIds.get(phone)))
                            .isEmpty();
                });
                AtomicInteger lastCount = new AtomicInteger(-1);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3))
                        .until(() -> lastCount.getAndSet(spoki.sends().size()) == spoki.sends().size());

                // By identity: once at most for every guest of the burst; exactly one outcome for each known one.
                Map<String, Long> letters = lettersByMessage(nodes.uncertainSends(standby));
                int answered = 0;
                int deadLettered = 0;
                for (Map.Entry<String, String> message : messageIds.entrySet()) {
                    String phone = message.getKey();
                    long sent = spoki.sentTo(phone);
                    long named = letters.getOrDefault(message.getValue(), 0L);
                    assertThat(sent).as("answers to %s", phone).isLessThanOrEqualTo(1);
                    assertThat(named).as("dead letters naming the message of %s", phone).isLessThanOrEqualTo(1);
                    if (!known.contains(phone)) {
                        continue;
                    }
                    if (sent == 1) {
                        answered++;
                        if (named == 1) {
                            // Maybe delivered, and it was: before the kill; never sent again.
                            assertThat(spoki.sendTimesTo(phone)).as("the dead-lettered send to %s", phone)
                                    .allMatch(at -> at.isBefore(killedAt));
                        }
                    } else {
                        assertThat(named).as("%s is unanswered: exactly one dead letter names it", phone).isEqualTo(1);
                        deadLettered++;
                    }
                }
                System.out.printf("grouped acknowledgement: %d of %d answered before the kill; of the %d the standby"
                        + " knew, %d answered once, %d unanswered and dead-lettered%n", sentBeforeKill.size(), BURST,
                        known.size(), answered, deadLettered);
            }
        }
    }

    /** How many "may have been delivered" dead letters name each guest message (its provider id). */
    private static Map<String, Long> lettersByMessage(List<JsonNode> letters) {
        return letters.stream().collect(Collectors.groupingBy(letter -> letter.path("inReplyTo").asText(),
                Collectors.counting()));
    }
}
