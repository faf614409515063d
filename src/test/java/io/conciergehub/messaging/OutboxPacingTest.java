package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bursts are paced to WhatsApp's limits: per recipient, and overall. */
class OutboxPacingTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(
            hub -> hub.property("messaging.recipient-spacing", "700").property("messaging.max-rate", "2"));

    private static List<Long> sendTimes(String phone) {
        return env.spoki().sends().stream().filter(r -> r.getBodyAsString().contains("\"" + phone + "\""))
                .map(LoggedRequest::getLoggedDate).map(d -> d.getTime()).sorted().toList();
    }

    @Test
    void threeQuickQuestionsFromOneGuestAreAnsweredAtLeastTheSpacingApart() throws Exception {
        String phone = "+393330000601";
        for (String question : new String[] {"What time is check-in?", "Is breakfast included?", "Where can I park?"}) {
            env.hub().postSpoki(Webhooks.spokiInbound(phone, question));
        }

        // Answers that queue while the spacing holds the next send go out with it as one message.
        await().atMost(Duration.ofSeconds(15)).until(() -> String.join("\n", env.spoki().textsTo(phone)),
                sent -> sent.matches("(?s)Check-in is from.*Breakfast is served.*Parking is available.*"));
        List<Long> times = sendTimes(phone);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).isGreaterThanOrEqualTo(650);
        }
    }

    @Test
    void aBurstToManyGuestsKeepsToTheGlobalRate() throws Exception {
        List<String> phones = List.of("+393330000611", "+393330000612", "+393330000613", "+393330000614",
                "+393330000615", "+393330000616");
        for (String phone : phones) {
            env.hub().postSpoki(Webhooks.spokiInbound(phone, "Do you have a taxi number?"));
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> phones.stream().allMatch(p -> sendTimes(p).size() == 1));
        List<Long> all = phones.stream().map(p -> sendTimes(p).get(0)).sorted().toList();
        // Camel's throttle counts requests per period of its own: at two a period, however the periods fall,
        // no five of the six sends share one second (a fixed 2 s span held only when the first send opened a period).
        for (int i = 0; i + 4 < all.size(); i++) {
            assertThat(all.get(i + 4) - all.get(i)).as("five sends at two per second take a second or more: %s", all)
                    .isGreaterThanOrEqualTo(1000);
        }
    }
}
