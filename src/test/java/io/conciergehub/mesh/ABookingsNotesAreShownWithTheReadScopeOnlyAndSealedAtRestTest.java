package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a guest wrote with a booking ({@code notes}: "a cot, please") is stored sealed, shown by the
 * guest query to a key with the read scope, and to nobody else; notes longer than 2,000 characters
 * are refused naming the field, and a later report without notes keeps them.
 */
class ABookingsNotesAreShownWithTheReadScopeOnlyAndSealedAtRestTest {

    static final String NOTES = "Arriving late, around 23:00; a cot for the baby, please";
    static final String PHONE = "+393331112299";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    @Test
    void notesAreShownWithTheReadScopeAndSealedAtRest() throws Exception {
        sync("{\"source\":\"website\",\"externalId\":\"W-77\",\"phone\":\"" + PHONE + "\",\"notes\":\"" + NOTES + "\","
                + "\"arrival\":\"2026-12-20\",\"departure\":\"2026-12-22\"}");
        // Reported again without notes: they stay.
        sync("{\"source\":\"website\",\"externalId\":\"W-77\",\"departure\":\"2026-12-23\"}");

        assertThat(bookingFor(TestHub.READ_KEY).path("notes").asText()).isEqualTo(NOTES);
        assertThat(bookingFor(TestHub.READ_KEY).path("departure").asText()).isEqualTo("2026-12-23");
        JsonNode withoutReadScope = bookingFor(TestHub.SYNC_KEY);
        assertThat(withoutReadScope.has("notes")).isFalse();
        // Fragments with a space or a colon: sealed text is Base64, which may hold a short word by chance
        // (it once held "cot").
        assertThat(env.hub().text("SELECT notes FROM bookings WHERE external_id = 'W-77'"))
                .isNotBlank().doesNotContain("a cot for").doesNotContain("23:00");
    }

    @Test
    void notesLongerThanTwoThousandCharactersAreRefused() throws Exception {
        long bookings = env.hub().count("SELECT COUNT(*) FROM bookings");

        HttpResponse<String> refused = env.hub().postApi("/api/mesh/sync/bookings", TestHub.SYNC_KEY,
                "{\"bookings\":[{\"source\":\"website\",\"externalId\":\"W-78\",\"phone\":\"+393331112298\","
                        + "\"notes\":\"" + "x".repeat(2001) + "\"}]}");

        assertThat(refused.body()).contains("bookings[0].notes").doesNotContain("xxxxxxxx");
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings")).isEqualTo(bookings);
    }

    private static void sync(String booking) throws Exception {
        HttpResponse<String> answer = env.hub().postApi("/api/mesh/sync/bookings", TestHub.SYNC_KEY,
                "{\"bookings\":[" + booking + "]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"merged\":1");
    }

    private static JsonNode bookingFor(String key) throws Exception {
        HttpResponse<String> found = env.hub().postApi("/api/mesh/guests/query", key, "{\"phone\":\"" + PHONE + "\"}");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return MeshJson.body(found).path("guests").get(0).path("bookings").get(0);
    }
}
