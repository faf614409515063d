package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.TestHub;
import org.junit.jupiter.api.Test;

/**
 * api.client-ip-header: behind a proxy the client's address is the one the header names, so each
 * client gets its own rate-limit bucket though all come from the proxy's address; without the
 * setting the header is ignored (a client cannot pick a fresh bucket by sending it).
 */
class TheClientAddressComesFromTheConfiguredHeaderOnlyTest {

    static final String HEADER = "CF-Connecting-IP";

    /** Four calls without a key from "client" (counted in its address's bucket only), then one from "other". */
    private static int[] statuses(TestHub hub) throws Exception {
        int[] statuses = new int[5];
        for (int i = 0; i < 4; i++) {
            statuses[i] = hub.get("/api/mesh/stats", HEADER, "198.51.100.7").statusCode();
        }
        statuses[4] = hub.get("/api/mesh/stats", HEADER, "203.0.113.9").statusCode();
        return statuses;
    }

    @Test
    void withTheSettingEachClientHasItsOwnBucketWithoutItTheHeaderIsIgnored() throws Exception {
        try (TestHub proxied = TestHub.builder().property("api.client-ip-header", HEADER)
                .property("api.rate-limit", "3").start()) {
            assertThat(statuses(proxied)).as("the fourth call of one client is refused, the other's first is not")
                    .containsExactly(401, 401, 401, 429, 401);
        }
        try (TestHub direct = TestHub.builder().property("api.rate-limit", "3").start()) {
            assertThat(statuses(direct)).as("one address, whatever the header says")
                    .containsExactly(401, 401, 401, 429, 429);
        }
    }
}
