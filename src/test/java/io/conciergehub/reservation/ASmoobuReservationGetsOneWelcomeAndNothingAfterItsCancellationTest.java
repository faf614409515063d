package io.conciergehub.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.SpokiStub;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reservation from Smoobu, its webhook sent twice and an older change delivered after a newer
 * one, gets exactly one welcome; once Smoobu cancels it, neither the pre-arrival nor the check-out
 * message goes out (a reservation that stays booked gets both, at the same times).
 */
class ASmoobuReservationGetsOneWelcomeAndNothingAfterItsCancellationTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));
    static final String CANCELLED = "+393331234561";
    static final String STAYING = "+393331234562";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Smoobu.withJourney(hub, clock));

    @Test
    void oneWelcomeThenNothingAfterTheCancellation() throws Exception {
        assertThat(post("newReservation", "701", "2026-06-01 10:00:00", CANCELLED, "2027-03-07")).isEqualTo("created");
        assertThat(post("newReservation", "701", "2026-06-01 10:00:00", CANCELLED, "2027-03-07")).isEqualTo("duplicate");
        assertThat(post("updateReservation", "701", "2026-06-03 10:00:00", CANCELLED, "2027-03-08")).isEqualTo("updated");
        assertThat(post("updateReservation", "701", "2026-06-02 10:00:00", CANCELLED, "2027-03-09")).isEqualTo("stale");
        assertThat(post("newReservation", "702", "2026-06-01 10:00:00", STAYING, "2027-03-08")).isEqualTo("created");

        await().atMost(Duration.ofSeconds(20)).until(() -> templates(CANCELLED).size() == 1
                && templates(STAYING).size() == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> templates(CANCELLED).size() == 1);
        assertThat(templates(CANCELLED).get(0).path("template").asLong()).isEqualTo(1000);

        assertThat(post("cancelReservation", "701", "2026-06-04 10:00:00", CANCELLED, "2027-03-08")).isEqualTo("cancelled");
        assertThat(env.hub().text("SELECT departure || '|' || status FROM bookings WHERE source = 'smoobu' AND external_id = '701'"))
                .isEqualTo("2027-03-08|cancelled");

        // The pre-arrival time: the staying guest's message goes, the cancelled one's does not.
        clock.moveTo(LocalDateTime.parse("2027-03-03T10:00"));
        await().atMost(Duration.ofSeconds(20)).until(() -> templates(STAYING).size() == 2);
        // The check-out morning.
        clock.moveTo(LocalDateTime.parse("2027-03-08T08:30"));
        await().atMost(Duration.ofSeconds(20)).until(() -> templates(STAYING).size() == 3);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> templates(CANCELLED).size() == 1);

        assertThat(env.spoki().sentBodies()).filteredOn(b -> CANCELLED.equals(b.path("phone").asText())).hasSize(1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM journey_steps j JOIN bookings b ON b.id = j.booking_id"
                + " WHERE b.external_id = '701'")).isEqualTo(1);
    }

    private static List<JsonNode> templates(String phone) {
        SpokiStub spoki = env.spoki();
        return spoki.sentBodies().stream().filter(b -> phone.equals(b.path("phone").asText()))
                .filter(b -> "Template".equals(b.path("type").asText())).toList();
    }

    private static String post(String action, String id, String modifiedAt, String phone, String departure)
            throws Exception {
        return Smoobu.result(env.hub(), action, id, modifiedAt, phone, "2027-03-05", departure);
    }
}
