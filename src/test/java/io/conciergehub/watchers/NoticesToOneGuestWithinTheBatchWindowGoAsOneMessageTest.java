package io.conciergehub.watchers;

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
 * Luca's flight is late and a storm warning comes out in the same minutes: within
 * notifications.batch-window he gets one message that tells both. Anna, who is not on the flight,
 * gets the storm warning alone.
 */
class NoticesToOneGuestWithinTheBatchWindowGoAsOneMessageTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-10T15:00"));
    static final long NOW = clock.instant().getEpochSecond();
    static final Instant SCHEDULED = Instant.parse("2027-03-11T09:05:00Z");
    static final String LUCA = "+393331234511";
    static final String ANNA = "+393331234512";
    static final AeroApiStub aeroapi = new AeroApiStub();
    static final OpenWeatherStub openweather = new OpenWeatherStub(NOW);

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> openweather.configure(aeroapi.configure(hub
            .clock(clock))).property("flights.answer-cache", "0s").property("flights.far-answer-cache", "0s")
            .property("notifications.batch-window", "3s"));

    @AfterAll
    static void stopStubs() {
        aeroapi.close();
        openweather.close();
    }

    @Test
    void aFlightDelayAndAStormWarningReachLucaAsOneMessage() throws Exception {
        aeroapi.answer("AZ608", AeroApiStub.toRome("AZ608", SCHEDULED, SCHEDULED));
        Flights.book(env.hub(), "B-1", "Luca Bianchi", LUCA, "it", "2027-03-11", "AZ608");
        Flights.book(env.hub(), "B-2", "Anna Neri", ANNA, "it", "2027-03-11", null);
        Flights.guestWrites(env.hub(), clock, LUCA, "Ciao, arriviamo domani");
        Flights.guestWrites(env.hub(), clock, ANNA, "Ciao, arrivo domani");
        await().atMost(Duration.ofSeconds(15)).until(() -> env.spoki().textsTo(LUCA).size() == 1
                && env.spoki().textsTo(ANNA).size() == 1); // the greetings' answers

        aeroapi.answer("AZ608", AeroApiStub.toRome("AZ608", SCHEDULED, SCHEDULED.plus(Duration.ofMinutes(45))));
        openweather.alerts(OpenWeatherStub.alert("Yellow thunderstorm warning", NOW + 3600, NOW + 10 * 3600,
                "Temporali forti attesi nel pomeriggio."));

        await().atMost(Duration.ofSeconds(20)).until(() -> env.spoki().textsTo(LUCA).size() == 2
                && env.spoki().textsTo(ANNA).size() == 2);
        assertThat(env.spoki().textsTo(LUCA).get(1)).contains("AZ608", "45 minuti", "Yellow thunderstorm warning",
                "Temporali forti attesi nel pomeriggio.");
        assertThat(env.spoki().textsTo(ANNA).get(1)).contains("Yellow thunderstorm warning").doesNotContain("AZ608");
        // Both were told, so the next polls tell nothing more.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> env.spoki().textsTo(LUCA).size() == 2 && env.spoki().textsTo(ANNA).size() == 2);
        assertThat(env.hub().count("SELECT COUNT(*) FROM outbox WHERE purpose = 'notice'")).isEqualTo(2);
    }
}
