package io.conciergehub.journey;

import static io.conciergehub.journey.Journeys.journeyTexts;
import static io.conciergehub.journey.Journeys.templates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A journey message's dates are written in the language of what carries them: the free text of a
 * guest whose language the hotel has no text in goes in English, with an English date; a template
 * in a fixed language (here written as WhatsApp Cloud writes them, "en_US") gets its dates in that
 * language, whatever the guest's.
 */
class AJourneyDateIsWrittenInTheLanguageOfItsTextTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));
    static final String SANNE = "+31612345678";
    static final String MARIO = "+393331234577";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Journeys.everySecond(hub, clock)
            .property("journey.welcome.template", "1000")
            .property("journey.welcome.template-language", "en_US")
            .property("journey.welcome.offset", "1h"));

    @Test
    void theFreeTextsAndTheTemplatesLanguageDecideTheDates() throws Exception {
        // Both book; Sanne, whose language the booking gives, then writes (her window opens: free
        // text), Mario does not (the template). The welcomes are due an hour after the booking.
        Journeys.book(env.hub(), "N-1", "Sanne de Vries", SANNE, "nl", "2027-03-05", "2027-03-08");
        Journeys.book(env.hub(), "I-1", "Mario Rossi", MARIO, "it", "2027-03-05", "2027-03-08");
        Journeys.guestWrites(env.hub(), clock, SANNE, "Dank je!");
        clock.moveTo(LocalDateTime.parse("2027-03-01T10:00"));

        await().atMost(Duration.ofSeconds(20)).until(() -> journeyTexts(env.spoki(), SANNE, "Sanne").size() == 1
                && templates(env.spoki(), MARIO).size() == 1);
        assertThat(env.hub().text("SELECT language FROM guests WHERE id = (SELECT guest_id FROM bookings"
                + " WHERE external_id = 'N-1')")).isEqualTo("nl");
        assertThat(journeyTexts(env.spoki(), SANNE, "Sanne").get(0)).startsWith("Hello Sanne de Vries")
                .contains("March 5, 2027");
        JsonNode welcome = templates(env.spoki(), MARIO).get(0);
        assertThat(welcome.path("language").asText()).isEqualTo("EN_US");
        assertThat(welcome.path("custom_fields").path("ARRIVAL").asText()).isEqualTo("March 5, 2027");
        assertThat(welcome.path("custom_fields").path("DEPARTURE").asText()).isEqualTo("March 8, 2027");
    }
}
