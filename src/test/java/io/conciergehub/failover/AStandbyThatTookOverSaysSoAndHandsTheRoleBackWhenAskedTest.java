package io.conciergehub.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.EventSinkStub;
import io.conciergehub.support.InProcessPair;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees around a take-over: the following standby's /health shows the replication
 * lag and when it last heard the primary; once the primary is gone for failover.timeout, the
 * standby takes over, counts it in /metrics and tells the event sink ({@code node.activated}).
 * The primary returns passive ({@code failover.auto-failback=false}); as it was active itself it
 * cannot continue from the standby's log and gets a verified snapshot first; then
 * {@code POST /api/mesh/failover/handback} on the standby gives it its role back.
 */
class AStandbyThatTookOverSaysSoAndHandsTheRoleBackWhenAskedTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern PROMOTIONS = Pattern.compile(
            "(?m)^concierge_failover_promotions_total\\{[^}]*role=\"standby\"[^}]*\\} ([0-9.]+)$");

    @Test
    void theTakeOverIsSignalledAndTheRoleGoesBackOnRequest() throws Exception {
        try (SpokiStub spoki = new SpokiStub(); EventSinkStub sink = new EventSinkStub();
             // A standby this quick may take over while the primary is still starting; the primary then
             // takes its role back (auto-failback, on for its first start).
             InProcessPair pair = InProcessPair.withOneKey(spoki::configure,
                     standby -> sink.configure(spoki.configure(standby)).property("failover.timeout", "1500"))) {
            TestHub standby = pair.standby();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode health = health(standby);
                assertThat(health.path("active").asBoolean()).isFalse();
                assertThat(health.path("replicationLag").isNumber()).as("replicationLag in %s", health).isTrue();
                assertThat(health.path("peer").path("active").asBoolean()).as("follows the active primary").isTrue();
                assertThat(Instant.parse(health.path("peer").path("lastHeard").asText())).as("heard lately")
                        .isAfter(Instant.now().minusSeconds(3));
            });
            double promotions = promotions(standby);

            pair.primary().close();

            await().atMost(Duration.ofSeconds(15)).until(() -> health(standby).path("active").asBoolean());
            long takeOverEpoch = health(standby).path("epoch").asLong();
            assertThat(promotions(standby)).as("promotions counted").isEqualTo(promotions + 1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sink.acknowledged())
                    .filteredOn(event -> event.path("type").asText().equals("node.activated")
                            && event.path("data").path("epoch").asLong() == takeOverEpoch).singleElement()
                    .satisfies(event -> {
                        assertThat(event.path("data").path("role").asText()).isEqualTo("standby");
                        assertThat(event.path("data").path("reason").asText()).isNotBlank();
                    }));
            // While the primary is away the standby answers a guest; the primary must learn of it.
            String away = "+393337770012";
            assertThat(standby.postSpoki(Webhooks.spokiInbound(away, "Is the pool open?")).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> spoki.sentTo(away) == 1);

            TestHub returned = pair.restartPrimary(primary -> spoki.configure(primary)
                    .property("failover.auto-failback", "false"));

            await().atMost(Duration.ofSeconds(20)).until(() -> knows(returned, away));
            // The snapshot's rows answer queries as soon as the file is replaced; the line follows
            // once its triggers are installed again.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(returned.log().lines())
                    .as("the returned primary installed a snapshot")
                    .anyMatch(line -> line.contains("event=replication.snapshot-installed ")));
            assertThat(health(returned).path("active").asBoolean()).as("passive without auto-failback").isFalse();
            assertThat(health(standby).path("active").asBoolean()).isTrue();

            // The operator hands the role back (a 503 only while the returned node is still catching up).
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> standby
                    .postApi("/api/mesh/failover/handback", TestHub.API_KEY, "").statusCode() == 200);
            await().atMost(Duration.ofSeconds(10)).until(() -> health(returned).path("active").asBoolean()
                    && !health(standby).path("active").asBoolean());
            assertThat(health(returned).path("epoch").asLong()).as("under a new epoch").isGreaterThan(takeOverEpoch);
            String back = "+393337770013";
            assertThat(returned.postSpoki(Webhooks.spokiInbound(back, "Late checkout?")).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> spoki.sentTo(back) == 1);
            assertThat(spoki.sentTo(away)).as("answered once, not again by the returned primary").isEqualTo(1);
        }
    }

    /**
     * The primary of a paired pair stops; the standby takes over and answers a guest at
     * {@code phone} while the primary is away.
     */
    static void theStandbyTookOverAndAnswered(InProcessPair pair, SpokiStub spoki, String phone) throws Exception {
        TestHub standby = pair.standby();
        pair.awaitPaired();
        pair.primary().close();
        await().atMost(Duration.ofSeconds(15)).until(() -> health(standby).path("active").asBoolean());
        assertThat(standby.postSpoki(Webhooks.spokiInbound(phone, "Is the pool open?")).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> spoki.sentTo(phone) == 1);
    }

    static JsonNode health(TestHub hub) throws Exception {
        return JSON.readTree(hub.getApi("/health", TestHub.READ_KEY).body());
    }

    static double promotions(TestHub hub) throws Exception {
        Matcher counter = PROMOTIONS.matcher(hub.getApi("/metrics", TestHub.READ_KEY).body());
        assertThat(counter.find()).as("concierge_failover_promotions_total in /metrics").isTrue();
        return Double.parseDouble(counter.group(1));
    }

    static boolean knows(TestHub hub, String phone) throws Exception {
        HttpResponse<String> answer = hub.postApi("/api/mesh/guests/query", TestHub.API_KEY,
                "{\"phone\":\"" + phone + "\"}");
        return answer.statusCode() == 200 && JSON.readTree(answer.body()).path("guests").size() == 1;
    }
}
