package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.store.AHubStartedWithAnotherKeyThanItsDataStopsTest;
import io.conciergehub.support.HubCommand;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hub whose key is in its env file (CONCIERGE_ENCRYPTION_KEY) keeps no encryption.key in its
 * data directory. A {@code staff} command run without that setting, or with another key, is
 * refused (exit 2, one line naming concierge.encryption-key, never a key) and makes no key file
 * of its own, which would hold a new key nothing of the hotel's is encrypted with; with the hub's
 * key it works.
 */
class AStaffCommandWithoutTheHubsKeyIsRefusedTest {

    static final String HUBS_KEY = "SEhISEhISEhISEhISEhISEhISEhISEhISEhISEhISEg=";
    static final String ANOTHER_KEY = "T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT08=";

    @Test
    void withoutTheHubsKeyTheCommandStopsAndMakesNoKeyFile() throws Exception {
        Path dataDir = AHubStartedWithAnotherKeyThanItsDataStopsTest.aDataDirWithAGuestUnder(HUBS_KEY);

        HubCommand.Result withoutKey = HubCommand.run(dataDir, "staff", "list");
        HubCommand.Result withAnotherKey = HubCommand.run(dataDir, Map.of("CONCIERGE_ENCRYPTION_KEY", ANOTHER_KEY),
                "staff", "list");
        HubCommand.Result withTheHubsKey = HubCommand.run(dataDir, Map.of("CONCIERGE_ENCRYPTION_KEY", HUBS_KEY),
                "staff", "list");

        for (HubCommand.Result refused : new HubCommand.Result[] {withoutKey, withAnotherKey}) {
            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
            assertThat(refused.err().strip().lines()).singleElement().asString()
                    .startsWith("concierge-hub: configuration error: concierge.encryption-key ")
                    .doesNotContain(HUBS_KEY, ANOTHER_KEY, "Exception");
        }
        assertThat(dataDir.resolve("encryption.key")).as("no key file of a new key").doesNotExist();
        assertThat(withTheHubsKey.exitCode()).as(withTheHubsKey.err()).isZero();
    }
}
