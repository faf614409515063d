package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.guest.GuestRepository;
import io.conciergehub.store.FieldCrypto;
import io.conciergehub.support.OutboxRouteTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * A message that will not be sent (free text outside the 24-hour window, no template to send
 * instead) is held at once, before the pacing: it takes none of its guest's turns, so the guest's
 * next message that does go out is not kept waiting one spacing per held message.
 */
@CamelMainTest(properties = "messaging.recipient-spacing=3s",
        advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class HeldMessagesTakeNoneOfTheirGuestsTurnsTest extends OutboxRouteTest {

    @Test
    void aTemplateBehindTwoHeldAnswersGoesOutAtOnce() throws Exception {
        GuestRepository guests = new GuestRepository(FieldCrypto.fromConfiguredKeyOrFile("", hub.dataDir()));
        long now = System.currentTimeMillis();
        long lastWrote = now - Duration.ofHours(25).toMillis(); // the window closed an hour ago
        List<Long> rows = database.write(c -> {
            long guestId = guests.touchInbound(c, "+393331230010", null, lastWrote, lastWrote).id();
            return List.of(
                    outbox.enqueue(c, guestId, null, "Breakfast is from 7:30.", "en", null, Outbox.PURPOSE_REPLY, now),
                    outbox.enqueue(c, guestId, null, "Parking is 15 EUR.", "en", null, Outbox.PURPOSE_REPLY, now),
                    outbox.enqueueScheduled(c, Outbox.PURPOSE_JOURNEY, guestId, "See you tomorrow!", "en",
                            "arrival_reminder", "en", Map.of(), now));
        });
        long dispatched = System.currentTimeMillis();
        rows.forEach(this::dispatch);

        await().atMost(Duration.ofSeconds(15)).until(() -> "done/sent".equals(stateOf(rows.get(2))));
        assertThat(stateOf(rows.get(0))).isEqualTo("held/held");
        assertThat(stateOf(rows.get(1))).isEqualTo("held/held");
        assertThat(attemptTimes()).singleElement().satisfies(sentAt -> assertThat(sentAt - dispatched)
                .as("the template on the guest's first turn, not after two spacings of 3 s").isLessThan(2500L));
    }
}
