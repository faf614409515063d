package io.conciergehub.watchers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.conciergehub.support.TestHub;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * OpenWeather's One Call 3.0 as ../shared/reference/apis.md shows it: the test says which alerts the
 * hotel's place has now, the stub counts the questions. Registered as an extension (declared before
 * the hub's), it stops after the class's hub.
 */
final class OpenWeatherStub implements AutoCloseable, AfterAllCallback {

    static final String API_KEY = "openweather-appid-9c1f2e";
    static final String PATH = "/data/3.0/onecall";

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    private final long now;

    /** @param now the hub's clock, in epoch seconds: the answer's current time */
    OpenWeatherStub(long now) {
        this.now = now;
        server.start();
        alerts("");
    }

    /** The hub's weather route against this stub, every second, with its journey off. */
    TestHub.Builder configure(TestHub.Builder hub) {
        return hub.property("openweather.base-url", server.baseUrl()).property("openweather.api-key", API_KEY)
                .property("openweather.cron", "* * * * * ?")
                .property("journey.welcome.enabled", "false").property("journey.pre-arrival.enabled", "false")
                .property("journey.check-out.enabled", "false");
    }

    /** From now on the answer carries these alerts (JSON objects, comma-separated; empty: none). */
    void alerts(String alerts) {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"lat\":41.9,\"lon\":12.5,"
                        + "\"timezone\":\"Europe/Rome\",\"current\":{\"dt\":" + now + ",\"temp\":24.1},\"alerts\":["
                        + alerts + "]}")));
    }

    /** From now on every call fails with {@code status} (an outage). */
    void fails(int status) {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(status)));
    }

    /** One alert of the answer. */
    static String alert(String event, long start, long end, String description) {
        return """
                {"sender_name":"Protezione Civile / MeteoAM","event":"%s","start":%d,"end":%d,
                 "description":"%s","tags":[]}""".formatted(event, start, end, description);
    }

    /** One alert of the answer whose end the weather service does not give. */
    static String alertWithoutEnd(String event, long start, String description) {
        return """
                {"sender_name":"Protezione Civile / MeteoAM","event":"%s","start":%d,
                 "description":"%s","tags":[]}""".formatted(event, start, description);
    }

    int questions() {
        return requests().size();
    }

    List<LoggedRequest> requests() {
        return server.findAll(getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Override
    public void close() {
        server.stop();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
