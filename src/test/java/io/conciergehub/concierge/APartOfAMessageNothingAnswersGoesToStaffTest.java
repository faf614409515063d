package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "What's the wifi password? Are dogs allowed in the rooms?": the guest gets the Wi-Fi answer and
 * is told staff will answer the rest, and the guest is flagged; context next to a question ("our
 * flight is at 9pm") is not a question and flags nobody.
 */
class APartOfAMessageNothingAnswersGoesToStaffTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void theAnsweredPartIsAnsweredAndTheRestGoesToStaff() throws Exception {
        String phone = "+393408889900";
        assertThat(Guests.writes(env.hub(), phone, "What's the wifi password? Are dogs allowed in the rooms?"))
                .singleElement().satisfies(answer -> assertThat(answer.path("text").asText())
                        .containsSubsequence("The Wi-Fi network is", "Thank you for your message"));
        assertThat(Guests.flagged(env.hub(), phone)).isTrue();
    }

    @Test
    void contextNextToAQuestionFlagsNobody() throws Exception {
        String phone = "+393408889911";
        assertThat(Guests.writes(env.hub(), phone, "Is a late check out possible? our flight is only at 9pm"))
                .singleElement().satisfies(answer -> assertThat(answer.path("text").asText())
                        .doesNotContain("Thank you for your message"));
        assertThat(Guests.flagged(env.hub(), phone)).isFalse();
    }
}
