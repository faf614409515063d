package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "What's the wifi password and what time is breakfast?" is answered with both answers, in the order asked, in one message. */
class TwoQuestionsInOneMessageGetBothAnswersInOrderTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.property("hotel.wifi-password", "Sole2026")
            .property("hotel.breakfast-hours", "7:30-10:30"));

    @Test
    void bothAnswersGoInOneReplyInTheOrderAsked() throws Exception {
        assertThat(Guests.writes(env.hub(), "+393404445566", "What's the wifi password and what time is breakfast?"))
                .singleElement().satisfies(answer -> assertThat(answer.path("text").asText())
                        .containsSubsequence("Sole2026", "Breakfast is served 7:30-10:30"));
        assertThat(Guests.writes(env.hub(), "+393405556677", "Um wie viel Uhr gibt es Frühstück? Und wie ist das WLAN-Passwort?"))
                .singleElement().satisfies(answer -> assertThat(answer.path("text").asText())
                        .containsSubsequence("Das Frühstück", "Sole2026"));
    }
}
