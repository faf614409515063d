package io.conciergehub.ops;

import static io.conciergehub.support.Jolokia.PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hawtio's connect dialog sends Basic credentials: Jolokia's gate takes an admin key as the Basic
 * password, whatever the user name, with the same scope rule as the key headers (a read key is
 * refused); anything else is refused with a Basic challenge, and the key reaches no log. Only
 * Jolokia takes Basic: the API does not.
 */
class JolokiaTakesTheAdminKeyAsTheBasicPasswordTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    private static final String VERSION = "{\"type\":\"version\"}";
    private static final String CHALLENGE = "Basic realm=\"concierge-hub\"";

    @Test
    void theAdminKeyAsTheBasicPasswordGetsIn() throws Exception {
        int before = env.hub().log().auditLines().size(); // the hub is shared by the tests of this class
        HttpResponse<String> admin = basic("hawtio:" + TestHub.API_KEY);
        HttpResponse<String> anyUser = basic("someone else:" + TestHub.API_KEY);
        HttpResponse<String> readKey = basic("hawtio:" + TestHub.READ_KEY);

        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
        assertThat(admin.body()).contains("\"agent\"");
        assertThat(anyUser.statusCode()).isEqualTo(200);
        assertThat(readKey.statusCode()).isEqualTo(403);
        assertThat(readKey.body()).contains("\"error\":\"forbidden\"", "admin");
        assertThat(admin.headers().firstValue("WWW-Authenticate")).isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(env.hub().log().auditLinesSince(before))
                .anyMatch(line -> line.matches(".*method=POST path=/observe/jolokia key=[0-9a-f]{8} status=200 .*")));
        assertThat(String.join("\n", env.hub().log().auditLinesSince(before)))
                .doesNotContain(TestHub.API_KEY, TestHub.READ_KEY, encoded("hawtio:" + TestHub.API_KEY));
    }

    @Test
    void anythingElseIsAskedForBasicCredentials() throws Exception {
        HttpResponse<String> none = env.hub().postJson(PATH, VERSION);
        HttpResponse<String> wrong = basic("hawtio:not-a-key-0123456789abcdef");
        HttpResponse<String> keyAsUserName = basic(TestHub.API_KEY + ":");
        HttpResponse<String> noColon = basic(TestHub.API_KEY);
        HttpResponse<String> notBase64 = env.hub().postJson(PATH, VERSION, "Authorization", "Basic %%%");

        for (HttpResponse<String> refused : new HttpResponse[] {none, wrong, keyAsUserName, noColon, notBase64}) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(refused.headers().allValues("WWW-Authenticate")).containsExactly(CHALLENGE);
            assertThat(refused.body()).isEqualTo(none.body()).contains("\"error\":\"unauthorized\"");
        }
    }

    @Test
    void aChallengeSentByTheCallerIsNotEchoed() throws Exception {
        HttpResponse<String> admitted = env.hub().postJson(PATH, VERSION, "Authorization", "Bearer " + TestHub.API_KEY,
                "WWW-Authenticate", "Basic realm=\"forged\"");

        assertThat(admitted.statusCode()).isEqualTo(200);
        assertThat(admitted.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void credentialsABrowserSavedDoNotServeAnotherSitesPage() throws Exception {
        String stop = PATH + "/exec/org.apache.camel:context=concierge-hub,type=routegroups,name=%22ingest%22/stop()";
        for (String site : new String[] {"cross-site", "same-site"}) {
            HttpResponse<String> link = env.hub().get(stop, "Authorization", "Basic " + encoded("hawtio:"
                    + TestHub.API_KEY), "Sec-Fetch-Site", site);
            HttpResponse<String> form = env.hub().postJson(PATH, VERSION, "Authorization", "Basic "
                    + encoded("hawtio:" + TestHub.API_KEY), "Sec-Fetch-Site", site);

            assertThat(link.statusCode()).as(site + ": " + link.body()).isEqualTo(403);
            assertThat(form.statusCode()).as(site).isEqualTo(403);
        }
        HttpResponse<String> typedIn = env.hub().postJson(PATH, VERSION, "Authorization", "Basic "
                + encoded("hawtio:" + TestHub.API_KEY), "Sec-Fetch-Site", "none");
        assertThat(typedIn.statusCode()).as("typed into the address bar").isEqualTo(200);
    }

    @Test
    void theApiDoesNotTakeBasic() throws Exception {
        HttpResponse<String> routes = env.hub().get("/api/routes", "Authorization",
                "Basic " + encoded("hawtio:" + TestHub.API_KEY));

        assertThat(routes.statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> basic(String credentials) throws Exception {
        return env.hub().postJson(PATH, VERSION, "Authorization", "Basic " + encoded(credentials));
    }

    private static String encoded(String credentials) {
        return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
