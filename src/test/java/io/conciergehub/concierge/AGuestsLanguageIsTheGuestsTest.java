package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A guest who wrote a sentence in Italian is answered in Italian when they then write "Wifi?" or
 * "Parking?", words every language shares; the language is stored on the guest. A whole sentence
 * in English is answered in English, and English is the guest's language from then on.
 */
class AGuestsLanguageIsTheGuestsTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    static final String PHONE = "+393401112233";

    @Test
    void shortMessagesAreAnsweredInTheGuestsLanguageAndAClearSwitchIsFollowed() throws Exception {
        Guests.writes(env.hub(), PHONE, "Buongiorno, a che ora è la colazione?");
        assertThat(language()).isEqualTo("it");

        List<JsonNode> answers = Guests.writes(env.hub(), PHONE, "Wifi?");
        assertThat(Guests.last(answers).path("language").asText()).isEqualTo("it");
        assertThat(Guests.last(answers).path("text").asText()).startsWith("La rete Wi-Fi");
        answers = Guests.writes(env.hub(), PHONE, "Parking?");
        assertThat(Guests.last(answers).path("language").asText()).isEqualTo("it");
        assertThat(Guests.last(answers).path("text").asText()).startsWith("Il parcheggio");

        answers = Guests.writes(env.hub(), PHONE, "Could you please tell me where I can park the car?");
        assertThat(Guests.last(answers).path("language").asText()).isEqualTo("en");
        assertThat(language()).isEqualTo("en");
        answers = Guests.writes(env.hub(), PHONE, "Wifi?");
        assertThat(Guests.last(answers).path("language").asText()).isEqualTo("en");
    }

    private static String language() throws Exception {
        return env.hub().text("SELECT language FROM guests");
    }
}
