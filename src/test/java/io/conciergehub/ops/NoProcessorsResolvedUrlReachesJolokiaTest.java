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
 * is therefore not readable through Jolokia, even with an admin key; nor is a credential the hub
 * sends in a header (the model's key, the event sink's token). The processors' statistics and
 * breakers' states stay readable, one by one and all at once as Hawtio reads them.
 */
class NoProcessorsResolvedUrlReachesJolokiaTest {

    static final String SLACK_SECRET = "T0SLACK/B0SLACK/slackpathsecret42";
    static final String WEATHER_KEY = "owmkeysecret42";
    static final String LLM_KEY = "llmkeysecret42";
    static final String SINK_TOKEN = "sinktokensecret42";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.scopedKeys()
            .property("alerts.slack-webhook-url", "https://hooks.slack.example/services/" + SLACK_SECRET)
            .property("openweather.api-key", WEATHER_KEY).property("openweather.base-url", "http://127.0.0.1:9")
            .property("llm.api-key", LLM_KEY).property("llm.base-url", "http://127.0.0.1:9/v1")
            .property("events.sink-token", SINK_TOKEN).property("events.sink-url", "http://127.0.0.1:9/events"));

    @Test
    void theUrlsAreRefusedAndTheStatisticsServed() throws Exception {
        Jolokia jolokia = new Jolokia(env.hub());
        JsonNode all = jolokia.call("{\"type\":\"read\",\"mbean\":\"org.apache.camel:type=processors,*\","
                + "\"config\":{\"ignoreErrors\":true}}");
        List<String> withSecret = new ArrayList<>();
        List<String> slackCalls = new ArrayList<>();
        all.path("value").fields().forEachRemaining(processor -> {
            String attributes = processor.getValue().toString();
            if (attributes.contains(SLACK_SECRET) || attributes.contains(WEATHER_KEY) || attributes.contains(LLM_KEY)
                    || attributes.contains(SINK_TOKEN)) {
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
