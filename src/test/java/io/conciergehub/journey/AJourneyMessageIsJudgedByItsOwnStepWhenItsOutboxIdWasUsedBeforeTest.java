package io.conciergehub.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retention deletes old outbox rows, and SQLite gives a new row the id of the newest one deleted (a
 * hotel closed for the winter: every row gone). The journey's row of the old message stays, naming
 * that id. A new guest's welcome under the reused id is judged by its own booking, not by the old
 * one, since cancelled: it goes.
 */
class AJourneyMessageIsJudgedByItsOwnStepWhenItsOutboxIdWasUsedBeforeTest {

    static final TestClock clock = TestClock.at(LocalDateTime.parse("2027-03-01T09:00"));
    static final String LAST_SEASON = "+393331234574";
    static final String NEW_GUEST = "+393331234575";

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withSpoki(
            hub -> Journeys.stepTemplates(Journeys.everySecond(hub, clock)));

    @Test
    void theNewWelcomeGoes() throws Exception {
        Journeys.book(env.hub(), "S-1", "Ada Neri", LAST_SEASON, "it", "2027-03-05", "2027-03-08");
        await().atMost(Duration.ofSeconds(20)).until(() -> Journeys.templates(env.spoki(), LAST_SEASON).size() == 1);
        long outboxId = env.hub().count("SELECT MAX(outbox_id) FROM journey_steps");
        await().atMost(Duration.ofSeconds(10)).until(() -> env.hub().count(
                "SELECT COUNT(*) FROM outbox WHERE id = " + outboxId + " AND state = 'done'") == 1);
        Journeys.cancel(env.hub(), "S-1");
        // What retention does to an old message's outbox row; the journey keeps its own row.
        env.hub().update("DELETE FROM outbox WHERE id = " + outboxId);

        Journeys.book(env.hub(), "S-2", "Bea Conti", NEW_GUEST, "it", "2027-03-05", "2027-03-08");
        await().atMost(Duration.ofSeconds(20)).until(() -> env.hub().count(
                "SELECT COUNT(*) FROM journey_steps WHERE outbox_id = " + outboxId) == 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> Journeys.templates(env.spoki(), NEW_GUEST).size() == 1);
        assertThat(Journeys.stepsWithTheirDates(env.spoki(), NEW_GUEST)).containsExactly("1000 arrival 5 marzo 2027");
    }
}
