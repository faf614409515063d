package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's page comes from the hub itself, at /console on its own port: its HTML, script and
 * style, each with a Content-Security-Policy that allows only the hub's own files (no inline script,
 * no inline style, no CDN, nothing may frame it), and the page has no inline script to need one.
 * A browser that takes gzip gets the same files compressed.
 */
class TheConsolePageIsServedWithAStrictContentSecurityPolicyTest {

    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL);

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void everyFileOfThePageCarriesThePolicy() throws Exception {
        Map<String, String> types = Map.of("/console", "text/html", "/console/console.js", "text/javascript",
                "/console/console.css", "text/css");
        for (Map.Entry<String, String> file : types.entrySet()) {
            HttpResponse<String> page = env.hub().get(file.getKey());
            assertThat(page.statusCode()).as(file.getKey()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith(file.getValue()));
            String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                    "connect-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "http");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.headers().allValues("Set-Cookie")).isEmpty();
        }
        assertThat(env.hub().request("POST", "/console").statusCode()).isEqualTo(405);
        assertThat(env.hub().get("/console/").body()).isEqualTo(env.hub().get("/console").body());
    }

    @Test
    void aBrowserThatTakesGzipGetsTheSameFilesCompressed() throws Exception {
        HttpResponse<String> plain = env.hub().get("/console/console.js");
        HttpResponse<byte[]> packed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(env.hub().url("/console/console.js"))).header("Accept-Encoding", "gzip, deflate, br").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(packed.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(packed.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(packed.body().length).isLessThan(plain.body().length() / 2);
        try (GZIPInputStream unpacked = new GZIPInputStream(new ByteArrayInputStream(packed.body()))) {
            assertThat(new String(unpacked.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain.body());
        }
    }

    @Test
    void thePageHasNoInlineScriptAndLoadsNothingFromElsewhere() throws Exception {
        String html = env.hub().get("/console").body();
        Matcher scripts = SCRIPT.matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).contains("src=\"/console/");
            assertThat(scripts.group(2)).isBlank();
        }
        assertThat(count).as("the page's own scripts: console.js and operations.js").isEqualTo(2);
        assertThat(html).doesNotContainPattern("(?i)\\son[a-z]+=").doesNotContainPattern("(?i)\\sstyle=")
                .doesNotContainPattern("(?i)(src|href)=\"(https?:)?//").doesNotContain("javascript:");
        String script = env.hub().get("/console/console.js").body();
        for (String unsafe : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "localStorage", "sessionStorage")) {
            assertThat(script).as("the script never uses " + unsafe).doesNotContain(unsafe);
        }
    }
}
