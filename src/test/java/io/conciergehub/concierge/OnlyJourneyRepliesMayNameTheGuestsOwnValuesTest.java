package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.conciergehub.store.ConfigurationException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journey reply ({@code journey_*}) may name the guest's own {guest_name}, {arrival} and
 * {departure}, filled per message; any other reply naming them stops the start like a missing fact.
 * A hotel's own file without journey replies gets the built-in ones.
 */
class OnlyJourneyRepliesMayNameTheGuestsOwnValuesTest {

    static final Map<String, String> FACTS = facts();

    /** The shipped hotel facts, with a name, check-in time and address of the test's own. */
    private static Map<String, String> facts() {
        Properties shipped = new Properties();
        try (InputStream in = OnlyJourneyRepliesMayNameTheGuestsOwnValuesTest.class
                .getResourceAsStream("/application.properties")) {
            shipped.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> facts = new HashMap<>();
        shipped.stringPropertyNames().stream().filter(key -> key.startsWith("hotel."))
                .forEach(key -> facts.put(key.substring(6).replace('-', '_'), shipped.getProperty(key)));
        facts.putAll(Map.of("name", "Hotel Sole", "check_in_time", "14:00", "address", "Via Roma 2"));
        return facts;
    }

    @TempDir
    Path dir;

    @Test
    void journeyRepliesFillTheGuestsValuesAndTheHotelsFacts() {
        KnowledgeBase knowledge = new KnowledgeBase(null, FACTS, 0.5);

        assertThat(knowledge.reply("journey_pre_arrival", "it", Map.of("guest_name", "Mario {name}",
                "arrival", "5 marzo 2027", "departure", "8 marzo 2027")))
                .startsWith("Buongiorno Mario {name}, il suo soggiorno presso Hotel Sole inizia il 5 marzo 2027.")
                .contains("dalle 14:00 in Via Roma 2");
    }

    @Test
    void anotherReplyNamingTheGuestStopsTheStart() throws Exception {
        ObjectNode english = bundledEnglish();
        ((ObjectNode) english.get("replies")).put("unknown", "Thank you {guest_name}!");
        writeEnglish(english);

        assertThatThrownBy(() -> new KnowledgeBase(dir, FACTS, 0.5)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("reply unknown: placeholder {guest_name} has no value");
    }

    @Test
    void aHotelsOwnFileWithoutJourneyRepliesGetsTheBuiltInOnes() throws Exception {
        ObjectNode english = bundledEnglish();
        ObjectNode replies = (ObjectNode) english.get("replies");
        replies.remove("journey_welcome");
        replies.remove("journey_pre_arrival");
        replies.remove("journey_check_out");
        writeEnglish(english);

        assertThat(new KnowledgeBase(dir, FACTS, 0.5).reply("journey_welcome", "en", Map.of("guest_name", "Ann")))
                .startsWith("Hello Ann, thank you for booking with Hotel Sole!");
    }

    private static ObjectNode bundledEnglish() throws Exception {
        try (InputStream bundled = OnlyJourneyRepliesMayNameTheGuestsOwnValuesTest.class
                .getResourceAsStream("/knowledge/en.yaml")) {
            return (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(bundled);
        }
    }

    private void writeEnglish(ObjectNode english) throws Exception {
        Files.createDirectories(dir);
        new ObjectMapper(new YAMLFactory()).writeValue(dir.resolve("en.yaml").toFile(), english);
    }
}
