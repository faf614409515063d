package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestHub;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * concierge.give-way-above: while webhooks come faster than that, each is acknowledged and none is
 * answered; once they ebb, every one is answered, and /metrics counts the time the concierge gave
 * way. Here the threshold is 2 a second, which the test's webhooks, sent one after another,
 * exceed; the longest wait is an hour, so the answers wait for the burst's end.
 */
class WhileWebhooksComeInABurstTheAnswersWaitForItsEndTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub
            .property("concierge.give-way-above", "2").property("concierge.give-way-max", "1h"));

    static final Pattern GAVE_WAY = Pattern.compile("(?m)^concierge_give_way_seconds_total (\\S+)$");

    @Test
    void theAnswersWaitWhileTheBurstLastsAndThenAllCome() throws Exception {
        Guests.writes(env.hub(), "+393470000000", "What time is breakfast?");
        long before = Guests.handled(env.hub());

        AtomicBoolean bursting = new AtomicBoolean(true);
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            for (int guest = 1; bursting.get(); guest++) {
                try {
                    int status = env.hub().postSpoki(Webhooks.spokiInbound(
                            String.format("+39347%07d", guest), "What time is breakfast?")).statusCode();
                    (status == 200 ? acknowledged : refused).incrementAndGet();
                } catch (Exception e) {
                    refused.incrementAndGet();
                }
            }
        });

        // The first half second of the burst is answered; then nothing is until it ends.
        AtomicLong lastSeen = new AtomicLong(-1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(15)).until(() -> {
            long handled = Guests.handled(env.hub());
            return handled == lastSeen.getAndSet(handled);
        });
        long handledDuringTheBurst = Guests.handled(env.hub()) - before;
        assertThat(acknowledged.get()).as("webhooks acknowledged meanwhile").isGreaterThan((int) handledDuringTheBurst + 10);

        bursting.set(false);
        burst.join();
        assertThat(refused.get()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> Guests.handled(env.hub()) - before == acknowledged.get());

        Matcher gaveWay = GAVE_WAY.matcher(env.hub().getApi("/metrics", TestHub.API_KEY).body());
        assertThat(gaveWay.find()).as("concierge_give_way_seconds_total in /metrics").isTrue();
        assertThat(Double.parseDouble(gaveWay.group(1))).isGreaterThan(1.0);
    }
}
