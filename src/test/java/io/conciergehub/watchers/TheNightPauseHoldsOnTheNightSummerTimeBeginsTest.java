package io.conciergehub.watchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quartz.CronExpression;

/**
 * On 28 March 2027 Rome's clocks jump from 02:00 to 03:00, so the pause-cron's 02:00 never shows
 * (Quartz, in the hotel's zone, has no fire that day): the night pause still begins as the clock
 * jumps past it, and ends at 08:00 as on any night.
 */
class TheNightPauseHoldsOnTheNightSummerTimeBeginsTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-28T01:58"));

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Pauses.everySecond(hub, clock));

    @Test
    void theWorkPausesThoughTwoOClockDoesNotExist() throws Exception {
        CronExpression quartz = new CronExpression("0 0 2 * * ?");
        quartz.setTimeZone(TimeZone.getTimeZone(TestClock.HOTEL));
        assertThat(quartz.getNextValidTimeAfter(Date.from(clock.instant())).toInstant())
                .as("Quartz's next 02:00 is the next day's").isEqualTo(ZonedDateTime.of(
                        LocalDateTime.parse("2027-03-29T02:00"), TestClock.HOTEL).toInstant());

        // A guest arrives tomorrow: the hotel is not idle.
        Flights.book(env.hub(), "S-1", "Ada", "+393331360001", "it", "2027-03-29", null);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !Pauses.paused(env.hub()));

        clock.moveTo(LocalDateTime.parse("2027-03-28T02:30")); // 03:30 summer time
        await().atMost(Duration.ofSeconds(10)).until(() -> Pauses.paused(env.hub()));
        assertThat(Pauses.by(env.hub())).isEqualTo("schedule-night");
        assertThat(Pauses.forwarding(env.hub())).isFalse();

        clock.moveTo(LocalDateTime.parse("2027-03-28T08:00:30"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !Pauses.paused(env.hub()));
        assertThat(Pauses.by(env.hub())).isEqualTo("schedule");
    }
}
