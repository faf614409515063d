package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conciergehub.guest.GuestRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database that holds nothing encrypted has nothing another key would make unreadable: a standby
 * started with a wrong key applied none of its primary's rows, and restarted with the primary's key
 * it takes that key (README: "The pair checks its key"). Once it holds data encrypted with that key
 * (a guest, or only a command from the mesh API), it keeps to it.
 */
class ADatabaseHoldingNothingEncryptedTakesTheKeyItIsOpenedWithTest {

    /** Data encrypted with the key the database was opened with. */
    interface Encrypted {
        void writeWith(Database db, FieldCrypto crypto);
    }

    static Stream<Arguments> data() {
        return Stream.of(
                Arguments.of("a guest", (Encrypted) (db, crypto) -> db.write(c -> new GuestRepository(crypto)
                        .findOrCreate(c, "+393331234567", 1L))),
                Arguments.of("a command", (Encrypted) (db, crypto) -> db.write(c -> Sql.update(c, "INSERT INTO commands"
                        + " (id, request_hash, action, payload_enc, state, key_id, created_at, updated_at)"
                        + " VALUES ('cmd-1', 'h', 'TEST', ?, 'queued', 'k', 1, 1)", crypto.encrypt("{}")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("data")
    void anEmptyDatabaseTakesTheCorrectedKeyAndThenKeepsToIt(String what, Encrypted data) throws Exception {
        Path dataDir = Files.createTempDirectory("key-check-empty-");
        FieldCrypto wrong = ADatabaseWrittenBeforeTheKeyCheckAcceptsOnlyTheKeyItsDataDecryptsWithTest.key('W');
        FieldCrypto primarys = ADatabaseWrittenBeforeTheKeyCheckAcceptsOnlyTheKeyItsDataDecryptsWithTest.key('P');
        try (Database db = Database.open(dataDir, true, wrong)) {
            db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM guests"));
        }

        try (Database db = Database.open(dataDir, true, primarys)) {
            data.writeWith(db, primarys);
        }

        assertThatThrownBy(() -> Database.open(dataDir, true, wrong)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("concierge.encryption-key");
    }
}
