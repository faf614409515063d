package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hostile value in a guest query's filter ({@code ' OR '1'='1}, SQL comments, LIKE wildcards …)
 * never widens it: the field is refused (400 naming it) or the query finds exactly the guests whose
 * value it is — none, or the one guest whose e-mail or status really is that odd-looking value —
 * while other guests exist. HostileStringsAreRefusedOrKeptAsPlainTextTest checks status codes and
 * tables only; this checks the guests found.
 */
class AHostileValueInAGuestQueryFilterFindsOnlyTheGuestsItMatchesTest {

    /** Values each field's validation may let through, shaped to widen a concatenated or LIKE query. */
    static final List<String> SHAPED = List.of("%", "_", "%@example.org", "h1@example.org' OR '1'='1",
            "h1@example.org;--", "h_@example.org", "confirme_", "confirmed-- OR 1=1", "AZ611' --", "AZ6%", "+39%",
            "+393330000051 OR 1=1", "2026-12-05' OR '1'='1", "true OR 1=1");
    static final List<String> FIELDS = List.of("phone", "email", "flightNumber", "status", "arrivalFrom", "arrivalTo",
            "needsAttention");

    // Some 150 queries: more than the API's default rate limit allows in a minute.
    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.property("api.rate-limit", "10000"));

    static long odd;

    @BeforeAll
    static void guests() throws Exception {
        QueriedGuests.setStatus(env.hub(), QueriedGuests.book(env.hub(), "H-1", "+393330000051", "h1@example.org",
                "AZ611"), "confirmed");
        QueriedGuests.setStatus(env.hub(), QueriedGuests.book(env.hub(), "H-2", "+393330000052", "h2@example.org",
                "AZ611"), "confirmed");
        // A guest whose e-mail and status look like an attack and are not one.
        odd = QueriedGuests.book(env.hub(), "H-3", "+393330000053", "h%3;--@example.org", "FR100");
        QueriedGuests.setStatus(env.hub(), odd, "confirmed--");
    }

    @Test
    void eachHostileValueInEachFieldIsRefusedOrFindsNoGuest() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> values = new ArrayList<>(HostileStringsAreRefusedOrKeptAsPlainTextTest.HOSTILE);
        values.addAll(SHAPED);
        for (String field : FIELDS) {
            for (String value : values) {
                ObjectNode criteria = json.createObjectNode().put(field, value).put("pageSize", 100);
                HttpResponse<String> answer = QueriedGuests.ask(env.hub(), criteria.toString());

                assertThat(answer.statusCode()).as("%s = %s", field, value).isIn(200, 400);
                if (answer.statusCode() == 400) {
                    assertThat(MeshJson.body(answer).path("field").asText()).as("%s = %s", field, value).isEqualTo(field);
                } else {
                    assertThat(QueriedGuests.ids(MeshJson.body(answer))).as("%s = %s found guests", field, value).isEmpty();
                }
            }
        }
    }

    @Test
    void theGuestWhoseValueLooksHostileIsFoundAloneByIt() throws Exception {
        assertThat(QueriedGuests.ids(QueriedGuests.query(env.hub(), "{\"email\":\"h%3;--@example.org\"}")))
                .containsExactly(odd);
        assertThat(QueriedGuests.ids(QueriedGuests.query(env.hub(), "{\"status\":\"confirmed--\"}")))
                .containsExactly(odd);
        assertThat(QueriedGuests.ids(QueriedGuests.query(env.hub(), "{\"status\":\"confirmed\"}")))
                .as("the others, not the odd one").hasSize(2).doesNotContain(odd);
    }
}
