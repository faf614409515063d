package io.conciergehub.journey;

import static io.conciergehub.journey.Journeys.journeyTexts;
import static io.conciergehub.journey.Journeys.templates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each booking gets its welcome at once, its pre-arrival message two days before arrival at 10:00
 * and its check-out message on the departure morning at 08:30, each once: as free text in the
 * guest's language to a guest who wrote within 24 hours, as the step's template with its custom
 * fields to one who did not.
 */
class WelcomePreArrivalAndCheckOutGoOutOnceEachTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));
    static final String LENA = "+4915123456789";
    static final String MARIO = "+393331234500";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(
            hub -> Journeys.stepTemplates(Journeys.everySecond(hub, clock)));

    @Test
    void eachStepGoesOnceAsFreeTextInsideTheWindowAndAsTheTemplateOutsideIt() throws Exception {
        assertThat(env.hub().context().getRegistry().lookupByNameAndType("clock", Clock.class)).isSameAs(clock);

        // Lena writes first (her window opens), then both guests book.
        Journeys.guestWrites(env.hub(), clock, LENA, "Hallo, ich habe eine Frage zum Parkplatz");
        Journeys.book(env.hub(), "J-1", "Lena Vogel", LENA, "de", "2027-03-05", "2027-03-08");
        Journeys.book(env.hub(), "J-2", "Mario Rossi", MARIO, "it", "2027-03-05", "2027-03-08");

        await().atMost(Duration.ofSeconds(20)).until(() -> journeyTexts(env.spoki(), LENA, "Lena").size() == 1
                && templates(env.spoki(), MARIO).size() == 1);
        assertThat(journeyTexts(env.spoki(), LENA, "Lena").get(0)).startsWith("Hallo Lena Vogel")
                .contains("5. März 2027");
        JsonNode welcome = templates(env.spoki(), MARIO).get(0);
        assertThat(welcome.path("template").asLong()).isEqualTo(1000);
        assertThat(welcome.path("language").asText()).isEqualTo("IT");
        assertThat(welcome.path("custom_fields").path("GUEST_NAME").asText()).isEqualTo("Mario Rossi");
        assertThat(welcome.path("custom_fields").path("ARRIVAL").asText()).isEqualTo("5 marzo 2027");
        assertThat(welcome.path("custom_fields").path("DEPARTURE").asText()).isEqualTo("8 marzo 2027");
        assertThat(welcome.path("custom_fields").path("CHECKIN_TIME").asText()).isEqualTo("15:00");
        assertThat(welcome.path("custom_fields").has("PROPERTY")).isTrue();

        // Two days before arrival: nothing before 10:00, the check-in instructions at 10:00.
        clock.moveTo(LocalDateTime.parse("2027-03-03T09:50"));
        Journeys.guestWrites(env.hub(), clock, LENA, "Danke, wir freuen uns schon");
        clock.moveTo(LocalDateTime.parse("2027-03-03T09:59"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> journeyTexts(env.spoki(), LENA, "Lena").size() == 1 && templates(env.spoki(), MARIO).size() == 1);
        clock.moveTo(LocalDateTime.parse("2027-03-03T10:00"));
        await().atMost(Duration.ofSeconds(20)).until(() -> journeyTexts(env.spoki(), LENA, "Lena").size() == 2
                && templates(env.spoki(), MARIO).size() == 2);
        assertThat(journeyTexts(env.spoki(), LENA, "Lena").get(1)).contains("15:00", "Via Esempio 1");
        assertThat(templates(env.spoki(), MARIO).get(1).path("template").asLong()).isEqualTo(1001);

        // The departure morning at 08:30.
        clock.moveTo(LocalDateTime.parse("2027-03-08T08:10"));
        Journeys.guestWrites(env.hub(), clock, LENA, "Guten Morgen, wir reisen heute ab");
        clock.moveTo(LocalDateTime.parse("2027-03-08T08:30"));
        await().atMost(Duration.ofSeconds(20)).until(() -> journeyTexts(env.spoki(), LENA, "Lena").size() == 3
                && templates(env.spoki(), MARIO).size() == 3);
        assertThat(journeyTexts(env.spoki(), LENA, "Lena").get(2)).startsWith("Guten Morgen Lena Vogel")
                .contains("10:00");
        assertThat(templates(env.spoki(), MARIO).get(2).path("template").asLong()).isEqualTo(1003);

        // Later runs send nothing again.
        clock.advance(Duration.ofHours(1));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> journeyTexts(env.spoki(), LENA, "Lena").size() == 3 && templates(env.spoki(), MARIO).size() == 3);
        List<String> steps = List.of("welcome", "pre-arrival", "check-out");
        assertThat(env.hub().count("SELECT COUNT(*) FROM journey_steps")).isEqualTo(6);
        assertThat(env.hub().text("SELECT group_concat(DISTINCT step) FROM journey_steps")).contains(steps);
        String metrics = env.hub().get("/metrics", "X-API-Key", TestHub.API_KEY).body();
        for (String step : steps) {
            assertThat(metrics).contains("concierge_journey_messages_total{step=\"" + step + "\"} 2.0");
        }
    }
}
