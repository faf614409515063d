package io.conciergehub.concierge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.conciergehub.support.HubWithAModel.CHAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubWithAModel;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model's error answer may quote the request, the guest's own words (an OpenAI-compatible proxy
 * refusing the input, or a context too long). The hub logs such a failure by its status only,
 * whether the model refuses the request (4xx) or fails it after every retry (5xx).
 */
class AModelsErrorAnswerThatQuotesTheGuestStaysOutOfTheLogTest {

    @RegisterExtension
    static final HubWithAModel env = HubWithAModel.withProperties();

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 500})
    void theFailureIsLoggedByItsStatusAlone(int status) throws Exception {
        String question = "Conoscete il capitano Zanardelli del porto " + status + "?";
        env.llm().stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"input refused: '" + question + "'\"}}")));

        assertThat(env.ask(question)).as("the guest still gets an answer").isNotBlank();

        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().log().text()
                .contains("event=llm.fallback") && env.hub().log().text().contains("remote service answered " + status));
        assertThat(env.hub().log().text()).doesNotContain("Zanardelli");
    }
}
