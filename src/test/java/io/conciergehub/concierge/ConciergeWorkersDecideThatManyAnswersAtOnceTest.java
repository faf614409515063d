package io.conciergehub.concierge;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.conciergehub.support.HubWithAModel;
import io.conciergehub.support.OutboundLog;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * concierge.workers: "answers decided in parallel". Three guests ask what only the model answers,
 * the model taking 3 s for each: with three workers the three questions are with the model at once.
 */
class ConciergeWorkersDecideThatManyAnswersAtOnceTest {

    static final long MODEL_MILLIS = 3000;

    @RegisterExtension
    static final HubWithAModel env = HubWithAModel.withProperties("concierge.workers", "3", "llm.timeout", "20s");

    @Test
    void threeWorkersAskTheModelThreeQuestionsAtOnce() throws Exception {
        env.llm().stubFor(post(urlEqualTo(HubWithAModel.CHAT)).willReturn(
                HubWithAModel.completion("There is a good trattoria nearby.").withFixedDelay((int) MODEL_MILLIS)));
        env.ask("Could you recommend a good restaurant for tonight?"); // warms the hub up: one at a time
        env.llm().resetRequests();

        List<String> phones = List.of("+393350009001", "+393350009002", "+393350009003");
        for (String phone : phones) {
            env.hub().postSpoki(Webhooks.spokiInbound(phone, "Could you recommend a good restaurant for tonight?"));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> phones.stream()
                .allMatch(phone -> OutboundLog.to(env.hub(), phone).size() == 1));
        List<Long> arrivals = env.chatRequests().stream().map(LoggedRequest::getLoggedDate).map(java.util.Date::getTime)
                .sorted().toList();
        assertThat(arrivals).hasSize(3);
        assertThat(arrivals.get(2) - arrivals.get(0)).as("ms from the first question at the model to the third")
                .isLessThan(MODEL_MILLIS);
    }
}
