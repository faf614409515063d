package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Guests ask the usual questions in their language and get the hotel's answer in that language. */
class AnswersInFiveLanguagesTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(
            hub -> hub.property("hotel.wifi-password", "Sole2026").property("hotel.breakfast-hours", "7:30-10:30"));

    static final AtomicInteger GUEST = new AtomicInteger();

    @ParameterizedTest(name = "{0}: \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            it | Ciao, qual è la password del wifi?           | wifi          | La rete Wi-Fi è
            it | A che ora è la colazione?                    | breakfast     | La colazione è servita ogni giorno 7:30-10:30
            it | Possiamo lasciare le valigie dopo il check-out? | luggage    | Custodiamo volentieri
            de | Wie lautet das WLAN-Passwort?                | wifi          | Das WLAN heißt
            de | Gibt es einen Parkplatz für unser Auto?      | parking       | Ein Parkplatz kostet
            de | Können wir einen späten Check-out bekommen?  | late_checkout | Ein später Check-out
            fr | Bonjour, à quelle heure est le petit déjeuner ? | breakfast  | Le petit-déjeuner est servi
            fr | Pouvez-vous nous appeler un taxi pour l'aéroport ? | taxi    | Vous pouvez réserver un taxi
            es | ¿Cuál es la dirección del hotel?             | address       | Nuestra dirección es
            es | ¿A qué hora es el check-out?                 | check_out     | El check-out es antes de las 10:00
            en | What is the wifi password?                   | wifi          | The Wi-Fi network is
            en | Can I speak to someone at reception please?  | human         | Of course: a member of our staff
            """)
    void theAnswerMatchesTheQuestionAndItsLanguage(String language, String question, String intent, String answerStart)
            throws Exception {
        JsonNode answer = answerTo(question);

        assertThat(answer.path("language").asText()).isEqualTo(language);
        assertThat(answer.path("text").asText()).startsWith(answerStart);
        if (intent.equals("wifi")) {
            assertThat(answer.path("text").asText()).contains("Sole2026");
        }
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            it | Vorrei prenotare un massaggio domani pomeriggio | Grazie per il suo messaggio
            de | Haben Sie Empfehlungen für ein gutes Restaurant heute Abend? | Vielen Dank für Ihre Nachricht
            en | Could you recommend a good restaurant for tonight? | Thank you for your message
            """)
    void anUnknownQuestionGetsAPoliteAnswerAndIsFlaggedForStaff(String language, String question, String answerStart)
            throws Exception {
        JsonNode answer = answerTo(question);

        assertThat(answer.path("language").asText()).isEqualTo(language);
        assertThat(answer.path("text").asText()).startsWith(answerStart);
        assertThat(env.hub().count("SELECT needs_attention FROM guests g JOIN messages m ON m.guest_id = g.id"
                + " WHERE m.provider_message_id = '" + messageId(answer.path("to").asText()) + "'")).isEqualTo(1);
    }

    /** A new guest asks {@code question}; returns the answer the hub sent them. */
    private static JsonNode answerTo(String question) throws Exception {
        String phone = "+3934000%05d".formatted(GUEST.incrementAndGet());
        env.hub().postSpoki(Webhooks.spokiInbound("ev-" + messageId(phone), messageId(phone), phone, question));
        await().atMost(Duration.ofSeconds(10)).until(() -> !OutboundLog.to(env.hub(), phone).isEmpty());
        return OutboundLog.to(env.hub(), phone).get(0);
    }

    /** The provider's id of the one message each guest writes (texts are stored encrypted: not a key to find it). */
    private static String messageId(String phone) {
        return "msg-" + phone;
    }
}
