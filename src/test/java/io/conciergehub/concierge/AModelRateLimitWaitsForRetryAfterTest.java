package io.conciergehub.concierge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.conciergehub.support.HubWithAModel.CHAT;
import static io.conciergehub.support.HubWithAModel.completion;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.conciergehub.support.HubWithAModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** llm-calls: a 429 from the model is tried again after its Retry-After, not after the configured back-off. */
class AModelRateLimitWaitsForRetryAfterTest {

    @RegisterExtension
    static final HubWithAModel env = HubWithAModel.withProperties();

    @Test
    void aRateLimitWaitsForRetryAfter() throws Exception {
        env.llm().stubFor(post(urlEqualTo(CHAT)).inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("free"));
        env.llm().stubFor(post(urlEqualTo(CHAT)).inScenario("limited").whenScenarioStateIs("free")
                .willReturn(completion("Yes, pets are welcome.")));

        assertThat(env.ask("Can I bring my dog?")).isEqualTo("Yes, pets are welcome.");
        List<LoggedRequest> calls = env.chatRequests();
        assertThat(calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime())
                .as("waited for Retry-After, not the 200 ms back-off").isGreaterThanOrEqualTo(1900);
    }
}
