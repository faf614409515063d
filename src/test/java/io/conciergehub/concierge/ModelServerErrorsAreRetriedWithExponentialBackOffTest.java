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

/**
 * llm-calls: a server error from the model is tried again after llm.retry-delay, then twice that,
 * and the guest gets the model's answer once it comes.
 */
class ModelServerErrorsAreRetriedWithExponentialBackOffTest {

    @RegisterExtension
    static final HubWithAModel env = HubWithAModel.withProperties();

    @Test
    void serverErrorsAreRetriedWithExponentialBackOff() throws Exception {
        env.llm().stubFor(post(urlEqualTo(CHAT)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("second"));
        env.llm().stubFor(post(urlEqualTo(CHAT)).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        env.llm().stubFor(post(urlEqualTo(CHAT)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(completion("We have no spa, but the city baths are 10 minutes away.")));

        assertThat(env.ask("Do you have a spa?")).isEqualTo("We have no spa, but the city baths are 10 minutes away.");
        List<LoggedRequest> calls = env.chatRequests();
        assertThat(calls).hasSize(3);
        long firstWait = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        long secondWait = calls.get(2).getLoggedDate().getTime() - calls.get(1).getLoggedDate().getTime();
        assertThat(firstWait).as("first retry after llm.retry-delay").isGreaterThanOrEqualTo(190);
        assertThat(secondWait).as("second retry after twice that").isGreaterThanOrEqualTo(390);
    }
}
