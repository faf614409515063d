package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubCommand;
import io.conciergehub.support.KnowledgeDir;
import io.conciergehub.support.TestHub;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hotel's answer names a fact the hotel has not set: the hub does not start (exit code 2), with
 * one line naming the file, the intent and the placeholder, and creates nothing.
 */
class AMissingPlaceholderStopsTheStartTest {

    @TempDir
    Path dir;

    @Test
    void anAnswerWithAPlaceholderThatHasNoValueStopsTheStartNamingFileIntentAndPlaceholder() throws Exception {
        Path knowledge = KnowledgeDir.withEnglishIntent(dir.resolve("knowledge"), "pets", List.of("dog", "pet"),
                "Pets are welcome for {pet_fee} a night.");
        Path dataDir = dir.resolve("data");

        HubCommand.Result started = HubCommand.run(dataDir, Map.of("CONCIERGE_API_KEYS", TestHub.API_KEY,
                "CAMEL_SERVER_PORT", String.valueOf(TestHub.freePort()), "CONCIERGE_KNOWLEDGE_DIR", knowledge.toString()),
                "run");

        assertThat(started.exitCode()).isEqualTo(2);
        assertThat(started.err().strip().lines()).singleElement().asString()
                .startsWith("concierge-hub: configuration error: knowledge file " + knowledge.resolve("en.yaml"))
                .contains("intent pets", "placeholder {pet_fee} has no value", "hotel.pet-fee", "HOTEL_PET_FEE")
                .doesNotContain("Exception");
        assertThat(dataDir).as("nothing is created").doesNotExist();
    }
}
