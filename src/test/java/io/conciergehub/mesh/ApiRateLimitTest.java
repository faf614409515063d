package io.conciergehub.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests per key and per client IP are limited; every answer says where the caller stands. A
 * staff console session is limited per account, not by the address its desk shares with others;
 * a caller without a key or a session still is.
 */
class ApiRateLimitTest {

    static final int LIMIT = 5;
    /** One address for several consoles: a hotel's desk behind its router. */
    static final String DESK = "198.51.100.7";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.scopedKeys()
            .property("api.rate-limit", String.valueOf(LIMIT)).property("api.rate-limit-window", "600000")
            .property("api.client-ip-header", "X-Forwarded-For"));

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

    @Test
    void staffSessionsBehindOneAddressAreLimitedPerAccountNotByTheAddress() throws Exception {
        List<ConsoleBrowser> desk = List.of(sessionAtTheDesk("ada"), sessionAtTheDesk("ben"));
        List<Integer> statuses = new ArrayList<>();

        for (ConsoleBrowser console : desk) {
            for (int i = 0; i < LIMIT; i++) {
                statuses.add(console.get("/api/console/me").statusCode());
            }
        }

        assertThat(statuses).as("twice the limit from one address").hasSize(2 * LIMIT).containsOnly(200);
        assertThat(desk.get(0).get("/api/console/me").statusCode()).as("each account keeps its own limit").isEqualTo(429);
    }

    @Test
    void aCallerWithoutAKeyOrASessionIsStillLimitedPerAddress() throws Exception {
        ConsoleBrowser anonymous = new ConsoleBrowser(env.hub()).withHeaders("X-Forwarded-For", "198.51.100.8");
        List<Integer> statuses = new ArrayList<>();

        for (int i = 0; i < LIMIT + 1; i++) {
            statuses.add(anonymous.get("/api/console/me").statusCode());
        }

        assertThat(statuses.subList(0, LIMIT)).containsOnly(401);
        assertThat(statuses.get(LIMIT)).isEqualTo(429);
    }

    /** A staff account (made with the admin key from an address of its own), logged in at {@link #DESK}. */
    private static ConsoleBrowser sessionAtTheDesk(String name) throws Exception {
        HttpResponse<String> created = env.hub().postJson("/api/console/staff", "{\"name\":\"" + name
                + "\",\"role\":\"staff\",\"password\":\"" + ConsoleBrowser.PASSWORD + "\"}",
                "X-API-Key", TestHub.API_KEY, "X-Forwarded-For", "192.0.2.1");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new ConsoleBrowser(env.hub()).withHeaders("X-Forwarded-For", DESK).loggedInAs(name);
    }
}
