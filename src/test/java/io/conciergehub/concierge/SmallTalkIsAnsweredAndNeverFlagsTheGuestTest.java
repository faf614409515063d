package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Hello" gets a short greeting, "Thanks!" right after an answer gets none (none is natural), and
 * neither flags the guest for staff; a "thanks" next to a question the hub cannot answer does not
 * hide the question. An emoji that thanks or agrees ("👍") is an acknowledgement, whatever the
 * guest's language; one that asks for help ("🆘") reaches staff.
 */
class SmallTalkIsAnsweredAndNeverFlagsTheGuestTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void aGreetingIsAnsweredAndAThanksAfterAnAnswerIsNot() throws Exception {
        String phone = "+393402223344";
        assertThat(Guests.writes(env.hub(), phone, "Hello")).singleElement()
                .satisfies(answer -> assertThat(answer.path("text").asText()).startsWith("Hello"));
        assertThat(Guests.writes(env.hub(), phone, "What's the wifi password?")).hasSize(2);
        assertThat(Guests.writes(env.hub(), phone, "Thanks!")).as("no answer to a thanks after an answer").hasSize(2);
        assertThat(Guests.flagged(env.hub(), phone)).isFalse();
    }

    @Test
    void anEmojiIsAnAcknowledgementInEveryLanguage() throws Exception {
        String phone = "+393404445566";
        assertThat(Guests.writes(env.hub(), phone, "🙂")).singleElement()
                .satisfies(answer -> assertThat(answer.path("text").asText()).startsWith("Great!"));
        assertThat(Guests.writes(env.hub(), phone, "What's the wifi password?")).hasSize(2);
        assertThat(Guests.writes(env.hub(), phone, "👍🏽🙏 ❤️!")).as("no answer to an emoji after an answer").hasSize(2);
        assertThat(Guests.flagged(env.hub(), phone)).isFalse();
    }

    @Test
    void anEmojiThatAsksForHelpReachesStaff() throws Exception {
        String phone = "+393404445577";
        assertThat(Guests.writes(env.hub(), phone, "What's the wifi password?")).hasSize(1);
        assertThat(Guests.last(Guests.writes(env.hub(), phone, "🆘")).path("text").asText())
                .startsWith("Thank you for your message");
        assertThat(Guests.flagged(env.hub(), phone)).isTrue();
    }

    @Test
    void aThanksNextToAnUnansweredQuestionStillFlagsTheGuest() throws Exception {
        String phone = "+393403334455";
        Guests.writes(env.hub(), phone, "Hello");
        assertThat(Guests.writes(env.hub(), phone, "Could you book us a table at a good fish restaurant, thanks"))
                .hasSize(2).last().satisfies(answer -> assertThat(answer.path("text").asText())
                        .startsWith("Thank you for your message"));
        assertThat(Guests.flagged(env.hub(), phone)).isTrue();
    }
}
