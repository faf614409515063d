package io.conciergehub.concierge;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubWithAModel;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The concierge's sweep hands a guest message that has waited 2 s without an answer to the workers
 * again; while the model is still answering it (3 s here), a second worker must not put the same
 * question to the model: one question, one paid call, one answer.
 */
class AQuestionIsPutToTheModelOnceThoughItAnswersSlowerThanTheSweepTest {

    @RegisterExtension
    static final HubWithAModel env = HubWithAModel.withProperties("concierge.workers", "3", "llm.timeout", "20s");

    @Test
    void threeWorkersAndASweepEverySecondAskTheModelOnce() throws Exception {
        env.llm().stubFor(post(urlEqualTo(HubWithAModel.CHAT)).willReturn(
                HubWithAModel.completion("There is a good trattoria nearby.").withFixedDelay(3000)));

        assertThat(env.ask("Could you recommend a good restaurant for tonight?"))
                .isEqualTo("There is a good trattoria nearby.");

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> env.chatRequests().size() == 1);
    }
}
