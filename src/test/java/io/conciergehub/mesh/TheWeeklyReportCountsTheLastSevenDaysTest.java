package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GET /api/mesh/reports/weekly (read scope): the week's new guests, bookings by source, messages in
 * and out, the share of guests' messages answered and the median time to the answer, opt-outs; as
 * JSON, or as a page with a chart for a browser.
 */
class TheWeeklyReportCountsTheLastSevenDaysTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(TestHub.Builder::scopedKeys);

    @Test
    void theWeekIsCounted() throws Exception {
        for (String[] booking : new String[][] {{"R-1", "airbnb", "+393331237001"}, {"R-2", "airbnb", "+393331237002"},
                {"R-3", "direct", "+393331237003"}}) {
            HttpResponse<String> synced = env.hub().postApi("/api/mesh/sync/bookings", TestHub.SYNC_KEY,
                    "{\"bookings\":[{\"externalId\":\"" + booking[0] + "\",\"source\":\"" + booking[1] + "\",\"phone\":\""
                            + booking[2] + "\",\"arrival\":\"2027-01-10\",\"departure\":\"2027-01-12\"}]}");
            assertThat(synced.statusCode()).as(synced.body()).isEqualTo(200);
        }
        env.hub().postSpoki(Webhooks.spokiInbound("+393331237001", "A che ora è il check-in?"));
        env.hub().postSpoki(Webhooks.spokiInbound("+393331237002", "Is there parking?"));
        env.hub().postSpoki(Webhooks.spokiInbound("+393331237003", "STOP"));
        await().atMost(Duration.ofSeconds(15)).until(() -> env.hub().count(
                "SELECT COUNT(*) FROM outbox WHERE state = 'done'") == 3);

        JsonNode report = MeshJson.body(env.hub().getApi("/api/mesh/reports/weekly", TestHub.READ_KEY));
        assertThat(report.path("newGuests").asLong()).isEqualTo(3);
        assertThat(report.path("bookingsBySource").toString()).isEqualTo("{\"airbnb\":2,\"direct\":1}");
        assertThat(report.path("messagesIn").asLong()).isEqualTo(3);
        assertThat(report.path("messagesOut").asLong()).isEqualTo(3);
        assertThat(report.path("answerRate").asDouble()).isEqualTo(100.0);
        assertThat(report.path("medianAnswerSeconds").asDouble()).isBetween(0.0, 15.0);
        assertThat(report.path("optOuts").asLong()).isEqualTo(1);
        assertThat(env.hub().getApi("/api/mesh/reports/weekly", TestHub.SYNC_KEY).statusCode()).isEqualTo(403);

        HttpResponse<String> page = env.hub().get("/api/mesh/reports/weekly", "X-API-Key", TestHub.READ_KEY,
                "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'");
        assertThat(page.body()).contains("<svg", "bookings airbnb", "optOuts").doesNotContain("<script");
    }
}
