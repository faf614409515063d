package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /api/mesh/guests/query: filters, pages, and personal data only for keys with the read scope.
 * Pages follow guest ids (afterId, nextAfterId), so a guest who leaves the filter while staff walk
 * the pages moves no other guest out of reach.
 */
class GuestQueryTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    @BeforeAll
    static void bookings() throws Exception {
        StringBuilder bookings = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            bookings.append(i > 1 ? "," : "").append("{\"externalId\":\"Q-").append(i)
                    .append("\",\"source\":\"airbnb\",\"guestName\":\"Guest ").append(i)
                    .append("\",\"phone\":\"+3933300000").append(i).append("\",\"email\":\"g").append(i)
                    .append("@example.org\",\"arrival\":\"2026-12-0").append(i).append("\",\"departure\":\"2026-12-1")
                    .append(i).append("\",\"flightNumber\":\"").append(i % 2 == 0 ? "AZ611" : "FR100").append("\"}");
        }
        assertThat(env.hub().postApi("/api/mesh/sync/bookings", TestHub.SYNC_KEY, "{\"bookings\":[" + bookings + "]}")
                .statusCode()).isEqualTo(200);
    }

    static JsonNode query(String key, String criteria) throws Exception {
        HttpResponse<String> answer = env.hub().postApi("/api/mesh/guests/query", key, criteria);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return MeshJson.body(answer);
    }

    @Test
    void aReadKeySeesPersonalDataOthersDoNot() throws Exception {
        JsonNode withRead = query(TestHub.READ_KEY, "{\"phone\":\"+39 333 000003\"}");
        JsonNode withSync = query(TestHub.SYNC_KEY, "{\"phone\":\"+39 333 000003\"}");

        assertThat(withRead.path("total").asInt()).isEqualTo(1);
        JsonNode guest = withRead.path("guests").get(0);
        assertThat(guest.path("phone").asText()).isEqualTo("+39333000003");
        assertThat(guest.path("email").asText()).isEqualTo("g3@example.org");
        assertThat(guest.path("name").asText()).isEqualTo("Guest 3");
        assertThat(guest.path("bookings").get(0).path("externalId").asText()).isEqualTo("Q-3");

        JsonNode anonymous = withSync.path("guests").get(0);
        assertThat(anonymous.path("id").asLong()).isEqualTo(guest.path("id").asLong());
        assertThat(anonymous.has("phone") || anonymous.has("email") || anonymous.has("name")).isFalse();
        assertThat(withSync.toString()).doesNotContain("333000003", "example.org", "Guest 3");
    }

    @Test
    void guestsAreFoundByEmailFlightArrivalRangeAndStatus() throws Exception {
        assertThat(query(TestHub.READ_KEY, "{\"email\":\"G2@example.org\"}").path("guests").get(0).path("name").asText())
                .isEqualTo("Guest 2");
        assertThat(query(TestHub.READ_KEY, "{\"flightNumber\":\"az611\"}").path("total").asInt()).isEqualTo(2);
        assertThat(query(TestHub.READ_KEY, "{\"arrivalFrom\":\"2026-12-02\",\"arrivalTo\":\"2026-12-04\"}")
                .path("total").asInt()).isEqualTo(3);
        assertThat(query(TestHub.READ_KEY, "{\"status\":\"in-house\"}").path("total").asInt()).isZero();
    }

    @Test
    void resultsComeAPageAtATime() throws Exception {
        JsonNode first = query(TestHub.READ_KEY, "{\"arrivalFrom\":\"2026-12-01\",\"pageSize\":2}");
        JsonNode third = query(TestHub.READ_KEY, "{\"arrivalFrom\":\"2026-12-01\",\"pageSize\":2,\"page\":3}");

        assertThat(first.path("total").asInt()).isEqualTo(5);
        assertThat(first.path("guests")).hasSize(2);
        assertThat(third.path("guests")).hasSize(1);
        assertThat(third.path("guests").get(0).path("name").asText()).isEqualTo("Guest 5");
    }

    @Test
    void staffWhoResolveTheFlaggedGuestsOfEachPageStillReachEveryFlaggedGuest() throws Exception {
        Set<Long> flagged = new TreeSet<>();
        for (int i = 1; i <= 5; i++) {
            String phone = "+39335114000" + i;
            GuestConversations.writes(env.hub(), phone, GuestConversations.SPEAK_TO_SOMEONE);
            flagged.add(GuestConversations.guest(env.hub(), phone).path("id").asLong());
        }

        Set<Long> seen = new TreeSet<>();
        String criteria = "{\"needsAttention\":true,\"pageSize\":2}";
        for (int pages = 0; criteria != null; pages++) {
            assertThat(pages).as("pages walked").isLessThan(5);
            JsonNode page = query(TestHub.READ_KEY, criteria);
            for (JsonNode guest : page.path("guests")) {
                seen.add(guest.path("id").asLong());
                assertThat(Commands.runToEnd(env.hub(), "{\"action\":\"RESOLVE_GUEST\",\"payload\":{\"guestId\":"
                        + guest.path("id").asLong() + "}}").path("status").asText()).isEqualTo("succeeded");
            }
            JsonNode next = page.path("nextAfterId");
            criteria = next.isNull() ? null
                    : "{\"needsAttention\":true,\"pageSize\":2,\"afterId\":" + next.asLong() + "}";
        }

        assertThat(seen).isEqualTo(flagged);
    }

    @Test
    void badCriteriaAre400() throws Exception {
        HttpResponse<String> answer = env.hub().postApi("/api/mesh/guests/query", TestHub.READ_KEY,
                "{\"arrivalFrom\":\"2026-12-09\",\"arrivalTo\":\"2026-12-01\"}");
        HttpResponse<String> tooBig = env.hub().postApi("/api/mesh/guests/query", TestHub.READ_KEY, "{\"pageSize\":1000}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(MeshJson.body(answer).path("field").asText()).isEqualTo("arrivalTo");
        assertThat(MeshJson.body(tooBig).path("field").asText()).isEqualTo("pageSize");
        HttpResponse<String> both = env.hub().postApi("/api/mesh/guests/query", TestHub.READ_KEY,
                "{\"page\":2,\"afterId\":10}");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(MeshJson.body(both).path("field").asText()).isEqualTo("afterId");
    }
}
