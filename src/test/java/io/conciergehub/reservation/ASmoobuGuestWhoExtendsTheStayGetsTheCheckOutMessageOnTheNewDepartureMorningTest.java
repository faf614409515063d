package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A guest who got the check-out message on the departure morning and then extends the stay by two
 * days (Smoobu's webhook moves the departure) gets it again on the morning of the new departure,
 * naming it, and nothing else again: neither the welcome nor the check-in instructions.
 */
class ASmoobuGuestWhoExtendsTheStayGetsTheCheckOutMessageOnTheNewDepartureMorningTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));
    static final String PHONE = "+393331234591";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Smoobu.withJourney(hub, clock));

    @Test
    void theCheckOutMessageGoesAgainOnTheNewDepartureMorning() throws Exception {
        assertThat(Smoobu.result(env.hub(), "newReservation", "801", "2026-06-01 10:00:00", PHONE, "2027-03-05",
                "2027-03-08")).isEqualTo("created");
        clock.moveTo(LocalDateTime.parse("2027-03-03T10:00"));
        await().atMost(Duration.ofSeconds(20)).until(() -> sent().size() == 2);
        clock.moveTo(LocalDateTime.parse("2027-03-08T08:30"));
        await().atMost(Duration.ofSeconds(20)).until(() -> sent().size() == 3);

        clock.moveTo(LocalDateTime.parse("2027-03-08T09:00"));
        assertThat(Smoobu.result(env.hub(), "updateReservation", "801", "2026-06-02 10:00:00", PHONE, "2027-03-05",
                "2027-03-10")).isEqualTo("updated");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> sent().size() == 3);
        clock.moveTo(LocalDateTime.parse("2027-03-10T08:30"));
        await().atMost(Duration.ofSeconds(20)).until(() -> sent().size() == 4);
        clock.moveTo(LocalDateTime.parse("2027-03-10T09:30"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> sent().size() == 4);

        assertThat(sent()).containsExactly("1000", "1001", "1003 8 marzo 2027", "1003 10 marzo 2027");
    }

    /** The templates the guest got, in order; the check-out message with the departure it names. */
    private static List<String> sent() {
        return env.spoki().sentBodies().stream().filter(b -> PHONE.equals(b.path("phone").asText()))
                .filter(b -> "Template".equals(b.path("type").asText())).map(b -> {
                    String id = b.path("template").asText();
                    return "1003".equals(id) ? id + " " + b.path("custom_fields").path("DEPARTURE").asText() : id;
                }).toList();
    }
}
