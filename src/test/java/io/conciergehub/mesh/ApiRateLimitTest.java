package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests per key and per client IP are limited; every answer says where the caller stands. */
class ApiRateLimitTest {

    static final int LIMIT = 5;

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.scopedKeys()
            .property("api.rate-limit", String.valueOf(LIMIT)).property("api.rate-limit-window", "600000"));

    @Test
    void overTheLimitTheAnswerIs429WithRetryAfterAndNothingIsStored() throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < LIMIT + 1; i++) {
            answers.add(env.hub().postApi("/api/mesh/commands", TestHub.COMMANDS_KEY,
                    "{\"action\":\"TEST\",\"idempotencyKey\":\"call-" + i + "\"}"));
        }

        assertThat(answers.subList(0, LIMIT)).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(202);
            assertThat(answer.headers().firstValue("RateLimit-Limit")).hasValue(String.valueOf(LIMIT));
            assertThat(answer.headers().firstValue("RateLimit-Remaining")).isPresent();
            assertThat(answer.headers().firstValue("RateLimit-Reset")).isPresent();
        });
        assertThat(answers.get(0).headers().firstValue("RateLimit-Remaining")).hasValue(String.valueOf(LIMIT - 1));
        HttpResponse<String> refused = answers.get(LIMIT);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 600L);
        assertThat(refused.body()).contains("\"error\":\"rate_limited\"");
        assertThat(env.hub().count("SELECT COUNT(*) FROM commands")).isEqualTo(LIMIT);

        // The client's address is limited too: another key from the same address is refused as well.
        assertThat(env.hub().getApi("/api/mesh/stats", TestHub.READ_KEY).statusCode()).isEqualTo(429);
    }
}
