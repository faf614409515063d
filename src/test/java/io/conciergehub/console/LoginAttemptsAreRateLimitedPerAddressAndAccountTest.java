package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Login attempts are counted per client address and per account name in a window: over either
 * limit the login answers 429 with Retry-After, whatever the password, before any is checked.
 */
class LoginAttemptsAreRateLimitedPerAddressAndAccountTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub
            .property("api.client-ip-header", "X-Forwarded-For").property("console.login-rate-limit", "4")
            .property("console.login-account-rate-limit", "3").property("console.login-rate-window", "1h")
            .property("console.lockout-after", "1000"));

    @Test
    void perAccountName() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "target", "staff");
        for (int i = 0; i < 3; i++) {
            ConsoleBrowser fromElsewhere = new ConsoleBrowser(env.hub()).withHeaders("X-Forwarded-For", "198.51.100." + i);
            assertThat(fromElsewhere.login("target", "guess number " + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> limited = new ConsoleBrowser(env.hub()).withHeaders("X-Forwarded-For", "198.51.100.9")
                .login("TARGET", ConsoleBrowser.PASSWORD);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void perClientAddress() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "someone", "staff");
        ConsoleBrowser oneAddress = new ConsoleBrowser(env.hub()).withHeaders("X-Forwarded-For", "203.0.113.50");
        for (int i = 0; i < 4; i++) {
            assertThat(oneAddress.login("name-" + i, "guess number " + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> limited = oneAddress.login("someone", ConsoleBrowser.PASSWORD);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(new ConsoleBrowser(env.hub()).withHeaders("X-Forwarded-For", "203.0.113.51")
                .login("someone", ConsoleBrowser.PASSWORD).statusCode()).as("another address").isEqualTo(200);
    }
}
