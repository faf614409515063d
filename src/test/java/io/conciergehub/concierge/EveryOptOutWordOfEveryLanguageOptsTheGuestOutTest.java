package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.Webhooks;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every word the knowledge files list as {@code stopWords}, and the README's own examples ("STOP",
 * "basta", "stopp", "arrêt", "baja"), opts the guest out when it is the whole message: one
 * confirmation (in the word's language when only that language has the word, else in the hotel's
 * default language, English here), and the guest is opted out.
 */
class EveryOptOutWordOfEveryLanguageOptsTheGuestOutTest {

    static final List<String> LANGUAGES = List.of("en", "it", "de", "fr", "es");
    static final AtomicInteger NEXT_PHONE = new AtomicInteger();

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    static JsonNode knowledge(String language) throws Exception {
        try (InputStream in = EveryOptOutWordOfEveryLanguageOptsTheGuestOutTest.class
                .getResourceAsStream("/knowledge/" + language + ".yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    /** The confirmation in the language, with the demo hotel's name filled in. */
    static String confirmation(String language) throws Exception {
        return knowledge(language).path("replies").path("opted_out").asText().replace("{name}", "Demo Hotel (example facts)");
    }

    static Stream<Arguments> optOutWords() throws Exception {
        List<Arguments> words = new ArrayList<>();
        for (String language : LANGUAGES) {
            for (JsonNode word : knowledge(language).path("stopWords")) {
                words.add(Arguments.of(language, word.asText()));
            }
        }
        for (String[] readme : new String[][] {{"en", "STOP"}, {"it", "basta"}, {"de", "stopp"}, {"fr", "arrêt"},
                {"es", "baja"}}) {
            words.add(Arguments.of(readme[0], readme[1]));
        }
        return words.stream();
    }

    /** Whether another language lists the word too (then it says nothing of the guest's language). */
    static boolean shared(String language, String word) throws Exception {
        for (String other : LANGUAGES) {
            if (!other.equals(language)) {
                for (JsonNode listed : knowledge(other).path("stopWords")) {
                    if (listed.asText().equalsIgnoreCase(word)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("optOutWords")
    void theWordAloneOptsTheGuestOutWithOneConfirmation(String language, String word) throws Exception {
        String phone = "+3933512" + String.format("%05d", NEXT_PHONE.incrementAndGet());
        String id = "msg-optout-" + phone;
        assertThat(env.hub().postSpoki(Webhooks.spokiInbound("ev-" + id, id, phone, word)).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count("SELECT COUNT(*) FROM guests g JOIN messages m"
                + " ON m.guest_id = g.id WHERE g.opted_out = 1 AND m.provider_message_id = '" + id + "'") == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> OutboundLog.to(env.hub(), phone).size() == 1);
        String sent = OutboundLog.to(env.hub(), phone).get(0).path("text").asText();
        assertThat(sent).isEqualTo(confirmation(shared(language, word) ? "en" : language));
    }
}
