package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.Conversations;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.OutboundLog;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * README: a guest who writes only STOP "gets one confirmation and no further messages until they
 * write START": a second STOP (or one in another language) is read, keeps the guest opted out, and
 * gets no second confirmation.
 */
class ARepeatedStopIsConfirmedOnceTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    private static boolean processed(String providerMessageId) throws Exception {
        return env.hub().count("SELECT COUNT(*) FROM messages WHERE direction = 'in' AND processed_at IS NOT NULL"
                + " AND provider_message_id = '" + providerMessageId + "'") == 1;
    }

    @Test
    void aSecondAndAThirdStopGetNoSecondConfirmation() throws Exception {
        String phone = "+393350000771";
        Conversations.guestWrites(env.hub(), phone, "STOP");
        await().atMost(Duration.ofSeconds(10)).until(() -> OutboundLog.to(env.hub(), phone).size() == 1);

        String again = Conversations.guestWrites(env.hub(), phone, "STOP");
        String inItalian = Conversations.guestWrites(env.hub(), phone, "basta");
        await().atMost(Duration.ofSeconds(10)).until(() -> processed(again) && processed(inItalian));

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> OutboundLog.to(env.hub(), phone).size() == 1);
        assertThat(env.hub().count("SELECT COUNT(*) FROM outbox o JOIN messages m ON m.id = o.message_id"
                + " WHERE m.guest_id = (SELECT guest_id FROM messages WHERE provider_message_id = '" + again + "')"))
                .as("nothing queued for the repeated STOPs either").isEqualTo(1);
        assertThat(env.hub().count("SELECT opted_out FROM guests WHERE id = (SELECT guest_id FROM messages"
                + " WHERE provider_message_id = '" + again + "')")).isEqualTo(1);
    }
}
