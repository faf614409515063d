package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "STOP" and its translations: one confirmation, then silence until the guest writes START. */
class OptOutTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    /** Returns the provider's id of the message, by which the test finds it (its text is stored encrypted). */
    private static String write(String phone, String text) throws Exception {
        String id = "msg-" + UUID.randomUUID();
        assertThat(env.hub().postSpoki(Webhooks.spokiInbound("ev-" + id, id, phone, text)).statusCode())
                .isEqualTo(200);
        return id;
    }

    private static List<String> answers(String phone) {
        return OutboundLog.to(env.hub(), phone).stream().map(line -> line.path("text").asText()).toList();
    }

    @Test
    void anItalianGuestWhoWritesBastaIsConfirmedOnceInItalianAndThenLeftAlone() throws Exception {
        String phone = "+393350000001";
        write(phone, "Buongiorno, a che ora è la colazione?");
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(phone).size() == 1);

        String stop = write(phone, "BASTA");
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(phone).size() == 2);
        assertThat(answers(phone).get(1)).startsWith("Non riceverà più messaggi");

        String after = write(phone, "E il parcheggio?");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                env.hub().count("SELECT COUNT(*) FROM messages WHERE direction = 'in' AND processed_at IS NOT NULL"
                        + " AND provider_message_id = '" + after + "'") == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> answers(phone).size() == 2);
        assertThat(env.hub().count("SELECT opted_out FROM guests g JOIN messages m ON m.guest_id = g.id"
                + " WHERE m.provider_message_id = '" + stop + "'")).isEqualTo(1);
    }

    @Test
    void aSpanishGuestWhoWritesBastaIsConfirmedInSpanishAndStaysSpanish() throws Exception {
        String phone = "+34600000005";
        write(phone, "Hola, ¿a qué hora se sirve el desayuno por la mañana?");
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(phone).size() == 1);

        String stop = write(phone, "Basta");
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(phone).size() == 2);

        assertThat(answers(phone).get(1)).startsWith("No recibirá más mensajes");
        assertThat(env.hub().text("SELECT language FROM guests WHERE id = (SELECT guest_id FROM messages"
                + " WHERE provider_message_id = '" + stop + "')")).isEqualTo("es");
    }

    @Test
    void startOptsTheGuestBackIn() throws Exception {
        String phone = "+4917000000002";
        write(phone, "Stop");
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(phone).size() == 1);

        write(phone, "START");
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(phone).size() == 2);
        write(phone, "What time is check-out?");
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(phone).size() == 3);

        List<JsonNode> lines = OutboundLog.to(env.hub(), phone);
        assertThat(lines.get(1).path("text").asText()).startsWith("Welcome back");
        assertThat(lines.get(2).path("text").asText()).startsWith("Check-out is by 10:00");
    }

    @Test
    void aGuestWhoOptedOutAndAsksForHelpReachesStaffWithoutAnAnswer() throws Exception {
        String phone = "+393350000004";
        write(phone, "STOP");
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(phone).size() == 1);

        String help = write(phone, "I am locked out of my room, please call me");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                env.hub().count("SELECT COUNT(*) FROM messages WHERE direction = 'in' AND processed_at IS NOT NULL"
                        + " AND provider_message_id = '" + help + "'") == 1);

        assertThat(env.hub().count("SELECT needs_attention FROM guests WHERE id = (SELECT guest_id FROM messages"
                + " WHERE provider_message_id = '" + help + "')")).isEqualTo(1);
        assertThat(answers(phone)).hasSize(1);
    }

    @Test
    void stopInsideASentenceIsAQuestionNotAnOptOut() throws Exception {
        String phone = "+393350000003";
        String question = write(phone, "Is there a bus stop near the hotel?");
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(phone).size() == 1);

        assertThat(env.hub().count("SELECT COUNT(*) FROM guests WHERE opted_out = 1 AND id = (SELECT guest_id FROM messages"
                + " WHERE provider_message_id = '" + question + "')")).isZero();
    }
}
