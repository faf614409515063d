package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Phone numbers are unreadable in the database files; the key file is the owner's alone. */
class PersonalDataAtRestTest {

    @Test
    void noPhoneNumberIsReadableInTheDatabaseFiles() throws Exception {
        Path dataDir;
        try (TestHub hub = TestHub.builder().start()) {
            dataDir = hub.dataDir();
            String body = Webhooks.spokiInbound("+393398765432", "What time is breakfast?");
            hub.postSpoki(body);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    hub.count("SELECT COUNT(*) FROM messages WHERE direction = 'out' AND status = 'sent'") == 1);
        }
        for (String file : new String[] {"hub.db", "hub.db-wal"}) {
            Path path = dataDir.resolve(file);
            if (Files.exists(path)) {
                String bytes = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file).doesNotContain("3398765432");
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("encryption.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void theSamePhoneFindsTheSameGuestAndDecryptsWithTheKey() throws Exception {
        Path dir = Files.createTempDirectory("crypto-");
        FieldCrypto crypto = FieldCrypto.fromConfiguredKeyOrFile("", dir);
        FieldCrypto reloaded = FieldCrypto.fromConfiguredKeyOrFile("", dir);

        String sealed = crypto.encrypt("+393398765432");

        assertThat(sealed).doesNotContain("3398765432");
        assertThat(crypto.encrypt("+393398765432")).as("a fresh IV each time").isNotEqualTo(sealed);
        assertThat(reloaded.decrypt(sealed)).isEqualTo("+393398765432");
        assertThat(reloaded.blindIndex("+393398765432")).isEqualTo(crypto.blindIndex("+393398765432"));
        assertThat(FieldCrypto.fromConfiguredKeyOrFile("", Files.createTempDirectory("other-key-"))
                .blindIndex("+393398765432")).as("the index depends on the key").isNotEqualTo(crypto.blindIndex("+393398765432"));
    }
}
