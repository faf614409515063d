package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubRouteTest;
import org.apache.camel.Exchange;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * Template http-call (templates.camel.yaml), played on the weather watch's call: a call that gets
 * no answer carries no status, not the one an earlier attempt of the same exchange got, so that a
 * caller that classifies by status cannot take an old 503 for this call's answer. Nothing listens on
 * port 1: the connection is refused.
 */
@CamelMainTest(properties = "openweather.base-url=http://127.0.0.1:1")
class ACallThatGetsNoAnswerCarriesNoEarlierStatusTest extends HubRouteTest {

    @Test
    void aRefusedConnectionLeavesNoStatusOfAnEarlierAttempt() {
        Exchange call = context.createProducerTemplate().request("direct:openweather-onecall", exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_TEXT, "Service Unavailable");
        });

        assertThat(call.getException()).as("the call got no answer").isNotNull();
        assertThat(call.getMessage().getHeaders())
                .doesNotContainKeys(Exchange.HTTP_RESPONSE_CODE, Exchange.HTTP_RESPONSE_TEXT);
    }
}
