package io.conciergehub.store;

import static io.conciergehub.support.OldFormatDataDir.NAME;
import static io.conciergehub.support.OldFormatDataDir.PHONE;
import static io.conciergehub.support.OldFormatDataDir.QUESTION;
import static io.conciergehub.support.OldFormatDataDir.QUEUED_ANSWER;
import static io.conciergehub.support.OldFormatDataDir.SEALED_NAME;
import static io.conciergehub.support.OldFormatDataDir.SEALED_PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.GuestNames;
import io.conciergehub.support.OldFormatDataDir;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.StoredText;
import io.conciergehub.support.TestHub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A database written before names and texts were sealed is sealed when the hub starts on it, once
 * (a value sealed already stays as it is), and the hub reads and sends what it held as before.
 */
class ClearNamesAndTextsAreSealedOnStartTest {

    @Test
    void anOldDatabaseIsSealedOnStartAndReadsAsBefore() throws Exception {
        Path dataDir = OldFormatDataDir.create();
        Path database = dataDir.resolve("hub.db");
        assertThat(StoredText.columnsContaining(database, NAME)).as("the old format, in clear").isNotEmpty();

        try (TestHub hub = TestHub.builder().dataDir(dataDir).scopedKeys().start()) {
            await().atMost(Duration.ofSeconds(15)).until(() -> OutboundLog.to(hub, PHONE).size() == 2);
            List<String> sent = OutboundLog.to(hub, PHONE).stream().map(line -> line.path("text").asText()).toList();
            assertThat(sent).as("the queued answer, and the answer to the question").contains(QUEUED_ANSWER)
                    .anySatisfy(text -> assertThat(text).startsWith("Der Check-in ist ab"));
            assertThat(GuestNames.of(hub, PHONE)).isEqualTo(NAME);
            assertThat(GuestNames.of(hub, SEALED_PHONE)).as("sealed once, not twice").isEqualTo(SEALED_NAME);
            for (String clear : List.of(NAME, SEALED_NAME, QUESTION, QUEUED_ANSWER)) {
                assertThat(StoredText.columnsContaining(database, clear)).as(clear).isEmpty();
            }
        }
        String bytes = new String(Files.readAllBytes(database), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as("no clear copy left in the file's free space").doesNotContain(NAME).doesNotContain(QUESTION);
    }
}
