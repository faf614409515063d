package io.conciergehub.ops;

import io.conciergehub.api.ApiKeys.Scope;
import io.conciergehub.api.ApiKeys;
import io.conciergehub.store.ConfigurationException;
import io.conciergehub.support.HubCommand;
import io.conciergehub.support.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * concierge.api-keys is read one way only or not at all: a key list that could mean two things
 * stops the start with one line naming the entry (never its text) and exit code 2.
 */
class AmbiguousKeyListsStopTheStartTest {

    static final String LONG = "partner-key-0123456789abcdef";

    @Test
    void scopesSeparatedByCommasStopTheHubWithOneClearLine() throws Exception {
        // Meant as one key with two scopes; read as a key "partner…:read" and a second key "sync".
        HubCommand.Result started = HubCommand.run(Files.createTempDirectory("keys-"),
                Map.of("CONCIERGE_API_KEYS", LONG + ":read,sync", "HTTP_PORT", String.valueOf(TestHub.freePort())), "run");

        assertThat(started.exitCode()).isEqualTo(2);
        assertThat(started.err().strip().lines()).singleElement().asString()
                .contains("concierge.api-keys", "entry 2 of 2", "at least 24")
                .doesNotContain(LONG);
    }

    @Test
    void everyUnclearEntryIsRefused() {
        Path dir = Path.of("unused");
        for (String unclear : new String[] {"short", LONG + ":read+", LONG + ":reed", LONG + ":", LONG + "," + LONG,
                LONG + ":peer+admin", LONG + ",,other-key-0123456789abcdefgh"}) {
            assertThatThrownBy(() -> ApiKeys.fromConfiguredOrGenerated(unclear, dir)).as(unclear)
                    .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("concierge.api-keys: entry");
        }
    }

    @Test
    void thePeerScopeIsNeverImplied() {
        ApiKeys keys = ApiKeys.fromConfiguredOrGenerated(LONG + ",admin-key-0123456789abcdefgh:admin,"
                + "peer-key-0123456789abcdefghij:peer", Path.of("unused"));

        assertThat(keys.identify(LONG).orElseThrow().may(Scope.PEER)).as("a key without scopes").isFalse();
        assertThat(keys.identify("admin-key-0123456789abcdefgh").orElseThrow().may(Scope.PEER)).as("admin").isFalse();
        assertThat(keys.identify("admin-key-0123456789abcdefgh").orElseThrow().may(Scope.SYNC)).isTrue();
        assertThat(keys.identify("peer-key-0123456789abcdefghij").orElseThrow().may(Scope.PEER)).isTrue();
        assertThat(keys.identify("peer-key-0123456789abcdefghij").orElseThrow().may(Scope.READ)).isFalse();
    }
}
