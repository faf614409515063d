package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The session's cookies are HttpOnly and SameSite=Strict, on the console's paths only (the
 * refresh token on /console/session alone), and Secure when the request came over TLS: here,
 * through the proxy the hub trusts (api.client-ip-header set) saying X-Forwarded-Proto: https.
 * A hub that trusts no proxy does not take the header's word for it.
 */
class ConsoleCookiesAreHttpOnlyStrictAndSecureOverTlsTest {

    @RegisterExtension
    static final HubUnderTest proxied = HubUnderTest.withLogProvider(hub -> hub
            .property("api.client-ip-header", "X-Forwarded-For"));

    @RegisterExtension
    static final HubUnderTest direct = HubUnderTest.withLogProvider();

    @Test
    void cookiesAreHttpOnlyStrictOnTheConsolePathsAndSecureBehindTls() throws Exception {
        ConsoleBrowser.createAccount(proxied.hub(), "carla", "staff");
        ConsoleBrowser viaTls = new ConsoleBrowser(proxied.hub()).withHeaders("X-Forwarded-Proto", "https",
                "X-Forwarded-For", "203.0.113.7");

        List<String> cookies = viaTls.login("carla", ConsoleBrowser.PASSWORD).headers().allValues("Set-Cookie");

        assertThat(cookies).hasSize(3).allSatisfy(cookie -> assertThat(cookie)
                .contains("; HttpOnly", "; SameSite=Strict", "; Secure").containsPattern("; Max-Age=\\d+"));
        assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("console_session=")
                .contains("; Path=/console;")).anySatisfy(cookie -> assertThat(cookie).startsWith("console_session=")
                .contains("; Path=/api/console;")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("console_refresh=").contains("; Path=/console/session;"));

        List<String> logout = viaTls.send("DELETE", "/console/session", null).headers().allValues("Set-Cookie");
        assertThat(logout).hasSize(3).allSatisfy(cookie -> assertThat(cookie).contains("Max-Age=0", "; Secure"));
    }

    @Test
    void plainHttpCookiesAreNotSecureAndAnUntrustedForwardedProtoChangesNothing() throws Exception {
        ConsoleBrowser.createAccount(proxied.hub(), "dario", "staff");
        ConsoleBrowser.createAccount(direct.hub(), "dario", "staff");

        HttpResponse<String> plain = new ConsoleBrowser(proxied.hub()).login("dario", ConsoleBrowser.PASSWORD);
        HttpResponse<String> untrusted = new ConsoleBrowser(direct.hub()).withHeaders("X-Forwarded-Proto", "https")
                .login("dario", ConsoleBrowser.PASSWORD);

        assertThat(List.of(plain, untrusted)).allSatisfy(login -> assertThat(login.headers().allValues("Set-Cookie"))
                .hasSize(3).allSatisfy(cookie -> assertThat(cookie).contains("; HttpOnly", "; SameSite=Strict")
                        .doesNotContain("Secure")));
    }
}
