package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.TestHub;
import io.conciergehub.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two hubs on one Redis share one limit: a client cannot double its rate by alternating nodes. */
class DistributedRateLimitTest {

    static TestRedis redis;

    @BeforeAll
    static void startRedis() throws Exception {
        // A server of its own: counters left in a shared Redis by an earlier run would count here.
        redis = TestRedis.ownServer();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @Test
    void theLimitIsSharedByTwoHubs() throws Exception {
        try (TestHub primary = hubOn(redis); TestHub standby = hubOn(redis)) {
            assertThat(primary.getApi("/api/mesh/stats", TestHub.API_KEY).statusCode()).isEqualTo(200);
            assertThat(standby.getApi("/api/mesh/stats", TestHub.API_KEY).statusCode()).isEqualTo(200);
            assertThat(primary.getApi("/api/mesh/stats", TestHub.API_KEY).statusCode()).isEqualTo(200);
            assertThat(standby.getApi("/api/mesh/stats", TestHub.API_KEY).statusCode()).isEqualTo(200);

            assertThat(primary.getApi("/api/mesh/stats", TestHub.API_KEY).statusCode()).isEqualTo(429);
            assertThat(standby.getApi("/api/mesh/stats", TestHub.API_KEY).statusCode()).isEqualTo(429);
        }
    }

    private static TestHub hubOn(TestRedis redis) throws Exception {
        return TestHub.builder().property("concierge.redis-url", redis.url()).property("api.rate-limit", "4")
                .property("api.rate-limit-window", "600000").start();
    }
}
