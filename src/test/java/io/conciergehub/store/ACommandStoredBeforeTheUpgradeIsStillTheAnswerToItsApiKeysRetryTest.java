package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;

/**
 * A command stored while idempotency keys were unique in the whole table (before migration V24) is
 * still the answer to a retry by the API key that submitted it; the same key from another API key
 * is a new command.
 */
class ACommandStoredBeforeTheUpgradeIsStillTheAnswerToItsApiKeysRetryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMMAND = "{\"action\":\"TEST\",\"idempotencyKey\":\"legacy-1\"}";

    @Test
    void theRetryGetsTheOldCommandAndAnotherApiKeyANewOne() throws Exception {
        Path dataDir = dataDirBeforeTheUpgrade();

        try (TestHub hub = TestHub.builder().dataDir(dataDir).scopedKeys().start()) {
            HttpResponse<String> retry = hub.postApi("/api/mesh/commands", TestHub.COMMANDS_KEY, COMMAND);
            HttpResponse<String> other = hub.postApi("/api/mesh/commands", TestHub.API_KEY, COMMAND);

            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
            assertThat(JSON.readTree(retry.body()).path("id").asText()).isEqualTo("cmd-before-upgrade");
            assertThat(other.statusCode()).as(other.body()).isEqualTo(202);
            assertThat(hub.count("SELECT COUNT(*) FROM commands WHERE idempotency_key = 'legacy-1'")).isEqualTo(2);
        }
    }

    /** The schema up to V23 with one succeeded command of {@link TestHub#COMMANDS_KEY} under the key. */
    private static Path dataDirBeforeTheUpgrade() throws Exception {
        Path dir = Files.createTempDirectory("hub-before-v24-");
        var file = OlderSchema.at(dir, "23");
        FieldCrypto crypto = FieldCrypto.fromConfiguredKeyOrFile("", dir);
        long now = System.currentTimeMillis();
        // The key's id as ApiKeys gives it: the first 4 bytes of its SHA-256, in hex.
        String keyId = Digests.sha256Hex(TestHub.COMMANDS_KEY).substring(0, 8);
        try (Connection c = file.getConnection(); PreparedStatement insert = c.prepareStatement("INSERT INTO commands"
                + " (id, idempotency_key, request_hash, action, payload_enc, state, result, attempts, key_id, created_at,"
                + " updated_at) VALUES ('cmd-before-upgrade', 'legacy-1', ?, 'TEST', ?, 'succeeded', '{\"ok\":true}', 1,"
                + " ?, ?, ?)")) {
            insert.setString(1, Digests.sha256Hex("TEST\n{}"));
            insert.setString(2, crypto.encrypt("{}"));
            insert.setString(3, keyId);
            insert.setLong(4, now);
            insert.setLong(5, now);
            insert.executeUpdate();
        }
        return dir;
    }
}
