package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Guests for guest-query tests: booked through the sync API, given a status by UPDATE_GUEST, found by id. */
final class QueriedGuests {

    private QueriedGuests() {
    }

    /** Books a guest and returns the guest's id. */
    static long book(TestHub hub, String externalId, String phone, String email, String flightNumber) throws Exception {
        HttpResponse<String> answer = hub.postApi("/api/mesh/sync/bookings", TestHub.API_KEY, "{\"bookings\":[{"
                + "\"externalId\":\"" + externalId + "\",\"source\":\"direct\",\"guestName\":\"Guest " + externalId
                + "\",\"phone\":\"" + phone + "\",\"email\":\"" + email + "\",\"arrival\":\"2026-12-05\","
                + "\"departure\":\"2026-12-09\",\"flightNumber\":\"" + flightNumber + "\"}]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return ids(query(hub, "{\"phone\":\"" + phone + "\"}")).get(0);
    }

    /** Sets the guest's status with an UPDATE_GUEST command and waits until it ran. */
    static void setStatus(TestHub hub, long guestId, String status) throws Exception {
        String id = Commands.submit(hub, "{\"action\":\"UPDATE_GUEST\",\"payload\":{\"guestId\":" + guestId
                + ",\"updates\":{\"status\":\"" + status + "\"}}}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "succeeded".equals(Commands.status(hub, id).path("status").asText()));
    }

    /** The query's answer (any status). */
    static HttpResponse<String> ask(TestHub hub, String criteria) throws Exception {
        return hub.postApi("/api/mesh/guests/query", TestHub.API_KEY, criteria);
    }

    static JsonNode query(TestHub hub, String criteria) throws Exception {
        HttpResponse<String> answer = ask(hub, criteria);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return MeshJson.body(answer);
    }

    /** The ids of the guests of an answer (every one of them: the test asks for one page of up to 100). */
    static List<Long> ids(JsonNode answer) {
        assertThat(answer.path("total").asInt()).as("one page holds them all").isEqualTo(answer.path("guests").size());
        List<Long> ids = new ArrayList<>();
        answer.path("guests").forEach(guest -> ids.add(guest.path("id").asLong()));
        return ids;
    }
}
