package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The knowledge speaks no Dutch, and Dutch reads much like German. A guest who writes a sentence
 * in Dutch is remembered as Dutch and answered in English, the knowledge's fallback, not in German
 * (the question, which no Dutch words of the knowledge answer, goes to staff);
 * a guest known as Dutch stays Dutch on a Dutch sentence, and a German one is still German.
 */
class ADutchGuestIsNotTakenForAGermanOneTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void aNewGuestWritingDutchIsAnsweredInEnglish() throws Exception {
        String phone = "+31612345001";
        JsonNode answer = Guests.last(Guests.writes(env.hub(), phone, "Goedemorgen, kunt u mij vertellen waar ik de auto kan parkeren?"));

        assertThat(language()).isEqualTo("nl");
        assertThat(answer.path("text").asText()).as("not understood: staff will answer, in English")
                .startsWith("Thank you for your message!");
        assertThat(Guests.flagged(env.hub(), phone)).isTrue();
    }

    @Test
    void aGuestKnownAsDutchStaysDutchOnADutchSentence() throws Exception {
        String phone = "+31612345002";
        String body = Webhooks.spokiInbound(phone, "Wifi?").replace("\"contact\":{", "\"contact\":{\"language\":\"nl\",");
        assertThat(env.hub().postSpoki(body).statusCode()).isEqualTo(200);
        Guests.writes(env.hub(), phone, "Ok");
        assertThat(language()).isEqualTo("nl");

        JsonNode answer = Guests.last(Guests.writes(env.hub(), phone, "Hoe laat is het ontbijt en tot hoe laat kan ik uitchecken?"));
        assertThat(language()).isEqualTo("nl");
        assertThat(answer.path("language").asText()).isEqualTo("nl");
        assertThat(answer.path("text").asText()).doesNotContain("Frühstück");

        Guests.writes(env.hub(), phone, "Können Sie mir bitte sagen, wo ich das Auto parken kann?");
        assertThat(language()).isEqualTo("de");
    }

    /** The language of the guest who wrote last. */
    private static String language() throws Exception {
        return env.hub().text("SELECT language FROM guests WHERE id = (SELECT guest_id FROM messages"
                + " WHERE direction = 'in' ORDER BY id DESC LIMIT 1)");
    }
}
