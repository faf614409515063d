package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An API key travels in a request header, never in the URL (where proxies and browsers log it);
 * the client address header a proxy sets is read from the request's headers too, so a query
 * parameter of that name opens no second rate-limit bucket.
 */
class KeysAreReadFromRequestHeadersOnlyTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.scopedKeys()
            .property("api.client-ip-header", "CF-Connecting-IP")
            .property("api.rate-limit", "5"));

    @Test
    void aKeyInTheQueryStringIsNoKey() throws Exception {
        String key = URLEncoder.encode(TestHub.API_KEY, StandardCharsets.UTF_8);
        String bearer = URLEncoder.encode("Bearer " + TestHub.API_KEY, StandardCharsets.UTF_8);

        assertThat(env.hub().get("/api/mesh/stats?X-API-Key=" + key, "CF-Connecting-IP", "10.0.0.1").statusCode())
                .isEqualTo(401);
        assertThat(env.hub().get("/api/mesh/stats?Authorization=" + bearer, "CF-Connecting-IP", "10.0.0.2").statusCode())
                .isEqualTo(401);
        assertThat(env.hub().get("/metrics?X-API-Key=" + key, "CF-Connecting-IP", "10.0.0.3").statusCode())
                .isEqualTo(401);
        assertThat(env.hub().get("/api/routes?X-API-Key=" + key, "CF-Connecting-IP", "10.0.0.4").statusCode())
                .isEqualTo(401);
        assertThat(env.hub().get("/api/mesh/stats", "X-API-Key", TestHub.API_KEY, "CF-Connecting-IP", "10.0.0.5")
                .statusCode()).as("the same key in its header").isEqualTo(200);
    }

    @Test
    void theClientAddressIsNotTakenFromTheQueryString() throws Exception {
        int last = 0;
        // Without a key: only the bucket of the address counts them (401 until it is full).
        for (int i = 1; i <= 6; i++) {
            last = env.hub().get("/api/mesh/stats?CF-Connecting-IP=192.0.2." + i, "CF-Connecting-IP", "10.9.9.9")
                    .statusCode();
        }
        assertThat(last).as("the sixth call from one address, whatever its query says").isEqualTo(429);
    }
}
