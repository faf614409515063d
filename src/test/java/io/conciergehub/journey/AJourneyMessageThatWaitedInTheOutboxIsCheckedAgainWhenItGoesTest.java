package io.conciergehub.journey;

import static io.conciergehub.journey.Journeys.templates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import io.conciergehub.support.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A step is checked for a cancelled booking, its last day and the quiet hours when it is queued,
 * but its message may then wait in the outbox (sending paused, the provider down) past a
 * cancellation, into the night or past its day: the outbox asks again when it is about to send it. Each test moves the clock forward to
 * the next time of day it needs, whichever runs first.
 */
class AJourneyMessageThatWaitedInTheOutboxIsCheckedAgainWhenItGoesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(hub -> Journeys.everySecond(hub, clock)
            .property("journey.welcome.template", "1000")
            .property("journey.pre-arrival.template", "1001"));

    @AfterEach
    void sendingGoesOn() throws Exception {
        env.hub().context().getRouteController().resumeRoute("outbox-dispatch");
    }

    @Test
    void aWelcomeQueuedBeforeItsBookingWasCancelledIsNotSentAfterIt() throws Exception {
        String phone = "+393331234531";
        welcomeWaitingInThePausedOutbox("W-1", phone, "it", LocalTime.of(10, 0));

        Journeys.cancel(env.hub(), "W-1");
        // Ten seconds on, the outbox's sweep finds the row again.
        sendingResumesAt(LocalDateTime.ofInstant(clock.instant(), TestClock.HOTEL).plusSeconds(10));

        await().atMost(Duration.ofSeconds(20)).until(() -> welcomeIn("W-1", "cancelled"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> env.spoki().sentTo(phone) == 0);
        assertThat(welcome("W-1", "m.status")).as("the welcome, as staff see it").isEqualTo("held");
    }

    @Test
    void aWelcomeThatLeavesTheOutboxInTheQuietHoursWaitsForTheirEnd() throws Exception {
        String phone = "+393331234532";
        LocalDateTime evening = welcomeWaitingInThePausedOutbox("W-2", phone, "it", LocalTime.of(21, 0));

        sendingResumesAt(evening.withHour(22).withMinute(30));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> templates(env.spoki(), phone).isEmpty());
        clock.moveTo(evening.toLocalDate().plusDays(1).atTime(7, 59, 30));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> templates(env.spoki(), phone).isEmpty());

        clock.moveTo(evening.toLocalDate().plusDays(1).atTime(8, 0));
        await().atMost(Duration.ofSeconds(20)).until(() -> templates(env.spoki(), phone).size() == 1);
        assertThat(templates(env.spoki(), phone).get(0).path("template").asLong()).isEqualTo(1000);
    }

    @Test
    void aWelcomeQueuedLateOnTheArrivalDayThatCouldOnlyGoInTheQuietHoursIsNotSentTheNextMorning() throws Exception {
        String phone = "+393331234534";
        LocalDateTime evening = welcomeWaitingInThePausedOutbox("W-4", phone, "it", LocalTime.of(21, 58), 0);

        sendingResumesAt(evening.withHour(22).withMinute(30));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> templates(env.spoki(), phone).isEmpty());
        clock.moveTo(evening.toLocalDate().plusDays(1).atTime(8, 0));

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> templates(env.spoki(), phone).isEmpty());
        // The pre-arrival message, queued with it (its day is the arrival day too), is not sent either.
        assertThat(conversation("W-4").path("messages")).as("the messages to the guest, as staff see them")
                .isNotEmpty().allSatisfy(message -> {
                    assertThat(message.path("state").asText()).isEqualTo("held");
                    assertThat(message.path("reason").asText()).isEqualTo("day-passed");
                });
    }

    @Test
    void messagesQueuedBeforeTheStayMovedGoForTheNewDatesOnly() throws Exception {
        String phone = "+393331234535";
        LocalDateTime morning = welcomeWaitingInThePausedOutbox("W-5", phone, "it", LocalTime.of(10, 0), 2);
        // The check-in instructions, due at once, wait behind the welcome; then the stay moves three days on.
        await().atMost(Duration.ofSeconds(20)).until(() -> "2".equals(env.hub().text("SELECT COUNT(*) FROM outbox o"
                + " JOIN guests g ON g.id = o.guest_id JOIN bookings b ON b.guest_id = g.id"
                + " WHERE b.external_id = 'W-5' AND o.state = 'queued'")));
        LocalDate arrival = morning.toLocalDate().plusDays(5);
        Journeys.book(env.hub(), "W-5", "Guest W-5", phone, "it", arrival.toString(), arrival.plusDays(2).toString());

        sendingResumesAt(morning.plusSeconds(10));
        // The welcome goes once, naming the new arrival; the instructions for the old one do not go.
        await().atMost(Duration.ofSeconds(20)).until(() -> templates(env.spoki(), phone).size() == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> templates(env.spoki(), phone).size() == 1);
        // Two days before the new arrival, at 10:00, the instructions for it.
        clock.moveTo(arrival.minusDays(2).atTime(10, 0));
        await().atMost(Duration.ofSeconds(20)).until(() -> templates(env.spoki(), phone).size() == 2);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> templates(env.spoki(), phone).size() == 2);

        String named = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.ITALIAN).format(arrival);
        assertThat(templates(env.spoki(), phone)).extracting(t -> t.path("template").asLong() + " "
                + t.path("custom_fields").path("ARRIVAL").asText()).containsExactly("1000 " + named, "1001 " + named);
        assertThat(conversation("W-5").path("messages")).as("the messages to the guest, as staff see them")
                .anySatisfy(message -> assertThat(message.path("reason").asText()).isEqualTo("date-changed"));
    }

    @Test
    void aGuestWhoWritesWhileTheirWelcomeWaitsForTheMorningIsAnsweredAtOnce() throws Exception {
        String phone = "+393331234533";
        LocalDateTime evening = welcomeWaitingInThePausedOutbox("W-3", phone, "en", LocalTime.of(21, 0));
        sendingResumesAt(evening.withHour(23).withMinute(0));
        long morning = evening.toLocalDate().plusDays(1).atTime(8, 0).atZone(TestClock.HOTEL).toInstant().toEpochMilli();
        await().atMost(Duration.ofSeconds(20)).until(() -> String.valueOf(morning)
                .equals(welcome("W-3", "o.next_attempt_at")));

        Journeys.guestWrites(env.hub(), clock, phone, "What time is check-out?");

        await().atMost(Duration.ofSeconds(20)).until(() -> env.spoki().textsTo(phone).size() == 1);
        assertThat(env.spoki().textsTo(phone).get(0)).startsWith("Check-out is by");
        assertThat(templates(env.spoki(), phone)).as("the welcome waits for the morning").isEmpty();
    }

    /** As below, for a booking arriving in ten days. */
    private static LocalDateTime welcomeWaitingInThePausedOutbox(String externalId, String phone, String language,
            LocalTime time) throws Exception {
        return welcomeWaitingInThePausedOutbox(externalId, phone, language, time, 10);
    }

    /**
     * At the next {@code time} of day in the hotel's zone (the clock moves forward to it), with the
     * sender held (as PAUSE_WORKERS or a provider outage holds it), a booking arriving in
     * {@code arrivalInDays} (0: that day) is made and its welcome queued: it waits in the outbox.
     * Returns that time.
     */
    private static LocalDateTime welcomeWaitingInThePausedOutbox(String externalId, String phone, String language,
            LocalTime time, int arrivalInDays) throws Exception {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), TestClock.HOTEL);
        LocalDateTime at = now.toLocalDate().atTime(time);
        at = at.isAfter(now) ? at : at.plusDays(1);
        clock.moveTo(at);
        env.hub().context().getRouteController().suspendRoute("outbox-dispatch");
        Journeys.book(env.hub(), externalId, "Guest " + externalId, phone, language,
                at.toLocalDate().plusDays(arrivalInDays).toString(),
                at.toLocalDate().plusDays(arrivalInDays + 2).toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> welcomeIn(externalId, "queued"));
        return at;
    }

    /** The clock moves forward to {@code at}, then the sender runs again. */
    private static void sendingResumesAt(LocalDateTime at) throws Exception {
        clock.moveTo(at);
        env.hub().context().getRouteController().resumeRoute("outbox-dispatch");
    }

    /** The booking's guest as staff see them in the console: their bookings, journey and messages. */
    private static JsonNode conversation(String externalId) throws Exception {
        String guestId = env.hub().text("SELECT guest_id FROM bookings WHERE external_id = '" + externalId + "'");
        HttpResponse<String> answer = env.hub().getApi("/api/console/conversations/" + guestId, TestHub.API_KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** Whether the welcome of the booking went to the outbox and its row is in {@code state}. */
    private static boolean welcomeIn(String externalId, String state) throws Exception {
        return state.equals(welcome(externalId, "o.state"));
    }

    /** A column of the booking's welcome: of its outbox row {@code o} or its message {@code m}; null before it is queued. */
    private static String welcome(String externalId, String column) throws Exception {
        return env.hub().text("SELECT " + column + " FROM journey_steps j JOIN outbox o ON o.id = j.outbox_id"
                + " JOIN messages m ON m.id = o.message_id JOIN bookings b ON b.id = j.booking_id"
                + " WHERE b.external_id = '" + externalId + "' AND j.step = 'welcome'");
    }
}
