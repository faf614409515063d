package io.conciergehub.concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * concierge.give-way-above and give-way-max, on a clock the test moves: webhooks faster than the
 * threshold over the last half second hold the next answer until they slow down, or until the
 * longest wait is over; at the threshold, or with the threshold 0, nothing waits.
 */
class TheConciergeGivesWayToABurstForAtMostItsLongestWaitTest {

    static final Duration WINDOW = Duration.ofNanos(WebhooksFirst.RATE_WINDOW_NANOS);

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final AtomicLong webhooks = new AtomicLong();
    final List<Long> waits = new ArrayList<>();

    WebhooksFirst giveWayAbove(int perSecond, Duration maxWait) {
        return new WebhooksFirst(webhooks::get, nanos::get, waits::add, perSecond, maxWait);
    }

    /** One rate window passes with this many webhooks acknowledged a second. */
    void windowAt(int perSecond) {
        webhooks.addAndGet(perSecond * WINDOW.toMillis() / 1000);
        nanos.addAndGet(WINDOW.toNanos());
    }

    /** With the longest wait an hour and a clock that stands still, a wait would never end. */
    void answersAtOnce(WebhooksFirst first) {
        CompletableFuture<Void> answer = CompletableFuture.runAsync(first::giveWay);
        await().atMost(Duration.ofSeconds(5)).until(answer::isDone);
        assertThat(waits).isEmpty();
    }

    static void stillWaiting(CompletableFuture<Void> answer) {
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !answer.isDone());
    }

    @Test
    void webhooksAtTheThresholdAreNoBurst() {
        WebhooksFirst first = giveWayAbove(500, Duration.ofHours(1));
        windowAt(500);

        answersAtOnce(first);
    }

    @Test
    void aBurstHoldsTheAnswerUntilItIsOver() {
        WebhooksFirst first = giveWayAbove(500, Duration.ofHours(1));
        windowAt(2000);

        CompletableFuture<Void> answer = CompletableFuture.runAsync(first::giveWay);
        stillWaiting(answer);
        windowAt(1000);
        stillWaiting(answer);

        windowAt(0);
        await().atMost(Duration.ofSeconds(5)).until(answer::isDone);
        // From the first window on, or from the second when its thread started late.
        assertThat(waits).singleElement().isIn(WINDOW.toNanos(), 2 * WINDOW.toNanos());
    }

    @Test
    void aBurstLongerThanTheLongestWaitLetsTheAnswerGo() {
        Duration maxWait = Duration.ofMillis(100);
        WebhooksFirst first = giveWayAbove(500, maxWait);
        windowAt(2000);

        CompletableFuture<Void> answer = CompletableFuture.runAsync(first::giveWay);
        stillWaiting(answer);

        nanos.addAndGet(maxWait.toNanos());
        await().atMost(Duration.ofSeconds(5)).until(answer::isDone);
        assertThat(first.inABurst()).as("the burst goes on").isTrue();
        assertThat(waits).containsExactly(maxWait.toNanos());
    }

    @Test
    void zeroNeverGivesWay() {
        WebhooksFirst first = giveWayAbove(0, Duration.ofHours(1));
        windowAt(5000);

        answersAtOnce(first);
    }
}
