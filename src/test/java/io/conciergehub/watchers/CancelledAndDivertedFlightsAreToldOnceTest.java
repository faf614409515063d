package io.conciergehub.watchers;

import static io.conciergehub.watchers.Flights.notices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * only lands elsewhere than the hotel's airports is nobody's.
 */
class CancelledAndDivertedFlightsAreToldOnceTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-05-06T12:00"));
    static final Instant SCHEDULED = Instant.parse("2027-05-07T08:00:00Z");
    static final String MARIE = "+33612345001";
    static final String HANS = "+4915123456003";
    static final String ROSA = "+34600000004";
    static final AeroApiStub aeroapi = new AeroApiStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> aeroapi.configure(hub.clock(clock))
            .property("flights.answer-cache", "0s").property("flights.far-answer-cache", "0s").property("flights.airports", "LIRF"));

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
        assertThat(env.hub().text("SELECT group_concat(kind, ',') FROM (SELECT kind FROM flight_notices ORDER BY kind)"))
                .isEqualTo("cancelled,diverted");
    }
}
