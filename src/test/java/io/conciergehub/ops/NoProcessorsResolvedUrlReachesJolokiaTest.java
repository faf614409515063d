package io.conciergehub.ops;

import static io.conciergehub.support.Jolokia.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Jolokia;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Some APIs take their credential in the URL: a Slack incoming webhook's URL is the secret, and
 * OpenWeather reads its key from the query. A processor's resolved URL (its Uri and Destination)
 * is therefore not readable through Jolokia, even with an admin key; the processors' statistics
 * and breakers' states stay readable, one by one and all at once as Hawtio reads them.
 */
class NoProcessorsResolvedUrlReachesJolokiaTest {

    static final String SLACK_SECRET = "T0SLACK/B0SLACK/slackpathsecret42";
    static final String WEATHER_KEY = "owmkeysecret42";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.scopedKeys()
            .property("alerts.slack-webhook-url", "https://hooks.slack.example/services/" + SLACK_SECRET)
            .property("openweather.api-key", WEATHER_KEY).property("openweather.base-url", "http://127.0.0.1:9"));

    @Test
    void theUrlsAreRefusedAndTheStatisticsServed() throws Exception {
        Jolokia jolokia = new Jolokia(env.hub());
        JsonNode all = jolokia.call("{\"type\":\"read\",\"mbean\":\"org.apache.camel:type=processors,*\","
                + "\"config\":{\"ignoreErrors\":true}}");
        List<String> withSecret = new ArrayList<>();
        List<String> slackCalls = new ArrayList<>();
        all.path("value").fields().forEachRemaining(processor -> {
            if (processor.getValue().toString().contains(SLACK_SECRET) || processor.getValue().toString().contains(WEATHER_KEY)) {
                withSecret.add(processor.getKey());
            }
            if (processor.getValue().path("RouteId").asText().equals("concierge-alerts-slack-call")
                    && processor.getValue().path("ProcessorName").asText().equals("toD")) {
                slackCalls.add(processor.getKey());
            }
        });

        assertThat(all.path("value").size()).as("every processor is listed").isGreaterThan(100);
        assertThat(withSecret).isEmpty();
        assertThat(slackCalls).as("the Slack call's toD steps").isNotEmpty();
        for (String slackCall : slackCalls) {
            assertRefused(jolokia.read(slackCall, "Uri"));
            assertRefused(jolokia.read(slackCall, "Destination"));
            assertThat(jolokia.read(slackCall, "ExchangesTotal").path("value").asLong()).isZero();
        }
        assertThat(all.toString()).contains("\"CircuitBreakerState\":\"CLOSED\"");
    }
}
