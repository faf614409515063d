package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A webhook the hub cannot store as Smoobu meant it is answered 400 naming the field (Smoobu's
 * webhook log shows it), never echoing the value, and stores nothing.
 */
class BadSmoobuWebhooksAreRefusedWithTheFieldTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(Smoobu::configure);

    @Test
    void eachBadFieldIsNamed() throws Exception {
        String good = Smoobu.reservation("2026-07-01", "2026-07-05", 2);

        assertRefused(Smoobu.webhook("newReservation", "801", "2026-06-01 10:00:00",
                good.replace("\"arrival\":\"2026-07-01\",", "")), "data.arrival", null);
        assertRefused(Smoobu.webhook("newReservation", "802", "2026-06-01 10:00:00",
                good.replace("2026-07-01", "01/07/2026")), "data.arrival", "01/07/2026");
        assertRefused(Smoobu.webhook("newReservation", "803", "2026-06-01 10:00:00",
                good.replace("2026-07-05", "2026-06-28")), "data.departure", null);
        assertRefused(Smoobu.webhook("newReservation", "804", "2026-06-01 10:00:00",
                good.replace("+39 333 1234567", "+39 12")), "data.phone", "+39 12");
        assertRefused(Smoobu.webhook("newReservation", "805", "2026-06-01 10:00:00",
                good.replace("+39 333 1234567", "call me")), "data.phone", "call me");
        assertRefused(Smoobu.webhook("newReservation", "806", "yesterday", good), "data.modifiedAt", "yesterday");
        assertRefused(Smoobu.webhook("newReservation", "807", "2026-06-01 10:00:00",
                good.replace("\"adults\":2", "\"adults\":\"two\"")), "data.adults", "two");
        assertRefused("{\"action\":\"newReservation\",\"data\":{\"modifiedAt\":\"2026-06-01 10:00:00\"," + good + "}}",
                "data.id", null);
        assertRefused("{\"data\":{\"id\":808}}", "action", null);
        // Neither phone nor a known e-mail: the hub could never reach the guest.
        assertRefused(Smoobu.webhook("newReservation", "809", "2026-06-01 10:00:00",
                good.replace("\"phone\":\"+39 333 1234567\"", "\"phone\":null")), "data.phone", null);

        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings")).isZero();
        assertThat(env.hub().count("SELECT COUNT(*) FROM smoobu_reservations")).isZero();
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests")).isZero();
    }

    @Test
    void aBodyThatIsNotJsonIs400() throws Exception {
        HttpResponse<String> answer = Smoobu.post(env.hub(), "action=newReservation");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(env.hub().count("SELECT COUNT(*) FROM bookings")).isZero();
    }

    private static void assertRefused(String webhook, String field, String notEchoed) throws Exception {
        HttpResponse<String> answer = Smoobu.post(env.hub(), webhook);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("field").asText()).isEqualTo(field);
        if (notEchoed != null) {
            assertThat(answer.body()).doesNotContain(notEchoed);
        }
    }
}
