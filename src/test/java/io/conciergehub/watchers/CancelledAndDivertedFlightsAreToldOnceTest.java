package io.conciergehub.watchers;

import static io.conciergehub.watchers.Flights.notices;
import static io.conciergehub.watchers.Flights.templates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cancelled flight and a diverted one (two entries with one fa_flight_id: the leg to Fiumicino
 * marked diverted, and the leg to Naples it became) are told once each, in the guest's language,
 * however many polls see the diversion; a cancelled flight is not asked about again; a flight that
 * only lands elsewhere than the hotel's airports is nobody's. Outside a guest's 24-hour window a
 * template goes, whose text is fixed: a cancellation as the cancellation's template, with the flight
 * and the guest's name only, and a diversion with no template of its own is held for staff; neither
 * goes as the delay's template ("now arriving -, - minutes late"). A guest booked on a flight after
 * it was cancelled is told as well.
 */
class CancelledAndDivertedFlightsAreToldOnceTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-05-06T12:00"));
    static final Instant SCHEDULED = Instant.parse("2027-05-07T08:00:00Z");
    static final String MARIE = "+33612345001";
    static final String HANS = "+4915123456003";
    static final String ROSA = "+34600000004";
    static final String CLAIRE = "+33612345011";
    static final String UWE = "+4915123456013";
    static final String ALINE = "+33612345021";
    static final String BRUNO = "+33612345022";
    static final AeroApiStub aeroapi = new AeroApiStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> aeroapi.configure(hub.clock(clock))
            .property("flights.answer-cache", "0s").property("flights.far-answer-cache", "0s").property("flights.airports", "LIRF")
            .property("flights.notice-template", "3001").property("flights.cancelled-notice-template", "3002"));

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void eachIsToldOnce() throws Exception {
        aeroapi.answer("AF1404", AeroApiStub.leg("AF1404", "AF1404-1", "FCO", "LIRF", SCHEDULED, SCHEDULED, true, false));
        aeroapi.answer("LH1234", AeroApiStub.leg("LH1234", "LH1234-1", "FCO", "LIRF", SCHEDULED, SCHEDULED, false, true),
                AeroApiStub.leg("LH1234", "LH1234-1", "NAP", "LIRN", SCHEDULED, SCHEDULED.plusSeconds(3600), false, true));
        aeroapi.answer("IB3456", AeroApiStub.leg("IB3456", "IB3456-1", "CIA", "LIRA", SCHEDULED,
                SCHEDULED.plusSeconds(4 * 3600), false, false));
        for (String[] guest : new String[][] {{"C-1", "Marie Dupont", MARIE, "fr", "AF1404"},
                {"C-2", "Hans Weber", HANS, "de", "LH1234"}, {"C-3", "Rosa Diaz", ROSA, "es", "IB3456"}}) {
            Flights.book(env.hub(), guest[0], guest[1], guest[2], guest[3], "2027-05-07", guest[4]);
            Flights.guestWrites(env.hub(), clock, guest[2], "Bonjour");
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> notices(env.spoki(), MARIE, "AF1404").size() == 1
                && notices(env.spoki(), HANS, "LH1234").size() == 1);
        int asked = aeroapi.questions("LH1234");
        await().atMost(Duration.ofSeconds(15)).until(() -> aeroapi.questions("LH1234") >= asked + 2);
        assertThat(aeroapi.questions("AF1404")).as("cancelled: nothing more to ask").isEqualTo(1);

        assertThat(notices(env.spoki(), MARIE, "AF1404")).singleElement().asString()
                .startsWith("Bonjour Marie Dupont").contains("annulé");
        assertThat(notices(env.spoki(), HANS, "LH1234")).singleElement().asString()
                .startsWith("Hallo Hans Weber").contains("umgeleitet");
        assertThat(notices(env.spoki(), ROSA, "IB3456")).as("lands at Ciampino, not the hotel's airport").isEmpty();
        assertThat(kindsToldTo("C-")).isEqualTo("cancelled,diverted");
    }

    @Test
    void outsideTheWindowEachKindGoesAsItsOwnTemplateOrIsHeld() throws Exception {
        aeroapi.answer("AF1405", AeroApiStub.leg("AF1405", "AF1405-1", "FCO", "LIRF", SCHEDULED, SCHEDULED, true, false));
        aeroapi.answer("LH1235", AeroApiStub.leg("LH1235", "LH1235-1", "FCO", "LIRF", SCHEDULED, SCHEDULED, false, true));
        Flights.book(env.hub(), "T-1", "Claire Martin", CLAIRE, "fr", "2027-05-07", "AF1405");
        Flights.book(env.hub(), "T-2", "Uwe Becker", UWE, "de", "2027-05-07", "LH1235");

        await().atMost(Duration.ofSeconds(15)).until(() -> templates(env.spoki(), CLAIRE).size() == 1
                && "cancelled,diverted".equals(kindsToldTo("T-")));
        JsonNode cancelled = templates(env.spoki(), CLAIRE).get(0);
        assertThat(cancelled.path("template").asLong()).isEqualTo(3002);
        assertThat(cancelled.path("custom_fields").path("FLIGHT").asText()).isEqualTo("AF1405");
        assertThat(cancelled.path("custom_fields").path("GUEST_NAME").asText()).isEqualTo("Claire Martin");
        assertThat(cancelled.path("custom_fields").has("NEW_ARRIVAL")).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count("SELECT COUNT(*) FROM messages m"
                + " JOIN bookings b ON b.guest_id = m.guest_id WHERE b.external_id = 'T-2' AND m.status = 'held'") == 1);
        assertThat(templates(env.spoki(), UWE)).as("no diversion template: held for staff").isEmpty();
    }

    @Test
    void aGuestBookedLaterOnACancelledFlightIsToldToo() throws Exception {
        aeroapi.answer("AF1406", AeroApiStub.leg("AF1406", "AF1406-1", "FCO", "LIRF", SCHEDULED, SCHEDULED, true, false));
        Flights.book(env.hub(), "A-1", "Aline Roux", ALINE, "fr", "2027-05-07", "AF1406");
        Flights.guestWrites(env.hub(), clock, ALINE, "Bonjour");
        await().atMost(Duration.ofSeconds(15)).until(() -> notices(env.spoki(), ALINE, "AF1406").size() == 1);

        Flights.book(env.hub(), "A-2", "Bruno Petit", BRUNO, "fr", "2027-05-07", "AF1406");
        Flights.guestWrites(env.hub(), clock, BRUNO, "Bonjour");
        await().atMost(Duration.ofSeconds(15)).until(() -> notices(env.spoki(), BRUNO, "AF1406").size() == 1);
        assertThat(notices(env.spoki(), ALINE, "AF1406")).as("told once").hasSize(1);
    }

    /** The kinds of notice the bookings whose external id starts so were told, in order. */
    private static String kindsToldTo(String bookings) throws Exception {
        return env.hub().text("SELECT group_concat(kind, ',') FROM (SELECT n.kind FROM flight_notices n JOIN bookings b"
                + " ON b.id = n.booking_id WHERE b.external_id LIKE '" + bookings + "%' ORDER BY n.kind)");
    }
}
