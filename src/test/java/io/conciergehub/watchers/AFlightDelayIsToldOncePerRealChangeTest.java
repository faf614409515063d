package io.conciergehub.watchers;

import static io.conciergehub.watchers.Flights.notices;
import static io.conciergehub.watchers.Flights.templates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AeroAPI reports a growing delay of AZ608 across polls: the guests on it are told when it is at
 * least 30 minutes later than scheduled, then again only when it is 30 minutes later than they were
 * told; small changes tell nobody. A guest who wrote within 24 hours gets the free text in their
 * language, one who did not the notice template with its fields; both are marked
 * flight-delay-notified. One question per flight and poll, with the key in the x-apikey header.
 */
class AFlightDelayIsToldOncePerRealChangeTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-10T15:00"));
    /** AZ608 at Fiumicino's gate on 11 March, 10:05 in Rome. */
    static final Instant SCHEDULED = Instant.parse("2027-03-11T09:05:00Z");
    static final String LUCA = "+393331234501";
    static final String ANNA = "+4915123456702";
    static final AeroApiStub aeroapi = new AeroApiStub();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> aeroapi.configure(hub.clock(clock))
            .property("flights.answer-cache", "0s").property("flights.far-answer-cache", "0s").property("flights.airports", "FCO, LIRA")
            .property("flights.notice-template", "3001"));

    @AfterAll
    static void stopStub() {
        aeroapi.close();
    }

    @Test
    void eachRealChangeIsToldOnceAndSmallOnesNever() throws Exception {
        aeroapi.answer("AZ608", AeroApiStub.toRome("AZ608", SCHEDULED, SCHEDULED));
        Flights.book(env.hub(), "F-1", "Luca Bianchi", LUCA, "it", "2027-03-11", "AZ608");
        Flights.book(env.hub(), "F-2", "Anna Schmidt", ANNA, "de", "2027-03-11", "AZ608");
        Flights.guestWrites(env.hub(), clock, LUCA, "Ciao, arriviamo domani");

        pollsPass(2);
        delayed(Duration.ofMinutes(20));
        pollsPass(2);
        assertThat(env.hub().count("SELECT COUNT(*) FROM flight_notices")).as("on time, then 20 minutes late").isZero();

        delayed(Duration.ofMinutes(45));
        await().atMost(Duration.ofSeconds(15)).until(() -> notices(env.spoki(), LUCA, "AZ608").size() == 1
                && templates(env.spoki(), ANNA).size() == 1);
        assertThat(notices(env.spoki(), LUCA, "AZ608").get(0)).startsWith("Buongiorno Luca Bianchi")
                .contains("in ritardo", "10:50", "45 minuti");
        JsonNode template = templates(env.spoki(), ANNA).get(0);
        assertThat(template.path("template").asLong()).isEqualTo(3001);
        assertThat(template.path("custom_fields").path("FLIGHT").asText()).isEqualTo("AZ608");
        assertThat(template.path("custom_fields").path("NEW_ARRIVAL").asText()).isEqualTo("10:50");
        assertThat(template.path("custom_fields").path("DELAY_MINUTES").asText()).isEqualTo("45");
        assertThat(template.path("custom_fields").path("GUEST_NAME").asText()).isEqualTo("Anna Schmidt");
        assertThat(env.hub().count("SELECT COUNT(*) FROM guests WHERE status = 'flight-delay-notified'")).isEqualTo(2);

        // The same delay, then 15 minutes more than the guests were told: nobody is told again.
        pollsPass(2);
        delayed(Duration.ofMinutes(60));
        pollsPass(2);
        assertThat(notices(env.spoki(), LUCA, "AZ608")).hasSize(1);
        assertThat(templates(env.spoki(), ANNA)).hasSize(1);

        // 35 minutes more than they were told: told again.
        delayed(Duration.ofMinutes(80));
        await().atMost(Duration.ofSeconds(15)).until(() -> notices(env.spoki(), LUCA, "AZ608").size() == 2
                && templates(env.spoki(), ANNA).size() == 2);
        assertThat(notices(env.spoki(), LUCA, "AZ608").get(1)).contains("11:25", "80 minuti");
        assertThat(aeroapi.requests("AZ608")).allSatisfy(request -> {
            assertThat(request.getHeader("x-apikey")).isEqualTo(AeroApiStub.API_KEY);
            assertThat(request.getUrl()).isEqualTo("/flights/AZ608?ident_type=designator&max_pages=1");
        });
    }

    private static void delayed(Duration delay) {
        aeroapi.answer("AZ608", AeroApiStub.toRome("AZ608", SCHEDULED, SCHEDULED.plus(delay)));
    }

    /** Waits until AeroAPI was asked {@code polls} more times: the hub saw the current answer. */
    private static void pollsPass(int polls) {
        int asked = aeroapi.questions("AZ608");
        await().atMost(Duration.ofSeconds(15)).until(() -> aeroapi.questions("AZ608") >= asked + polls);
    }
}
