package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.guest.GuestRepository;
import io.conciergehub.store.FieldCrypto;
import io.conciergehub.store.Sql;
import io.conciergehub.support.OutboxRouteTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * Answers merged into a claimed send are committed with it: when the process dies after an attempt
 * the provider certainly did not take, they go out once with it after the restart; when it dies
 * while the provider may have had the request, they are dead letters with it, never sent again.
 */
@CamelMainTest(advices = @AdviceRouteMapping(route = "outbox-attempt", advice = OutboxRouteTest.TheProviderIsAMock.class))
class AnswersMergedIntoAnInterruptedSendAreNeitherLostNorRepeatedTest extends OutboxRouteTest {

    @Test
    void aCrashAfterARefusedAttemptSendsThemOnceWithTheirHeadAfterTheRestart() throws Exception {
        List<Long> rows = threeAnswers("+393331230101", "Breakfast is served 7:30-10:30.", "Parking is 15 EUR.",
                "Check-in is from 15:00.");
        OutboundMessage claimed = outbox.claim(rows.get(0));
        assertThat(claimed.text()).isEqualTo(
                "Breakfast is served 7:30-10:30.\n\nParking is 15 EUR.\n\nCheck-in is from 15:00.");
        outbox.attemptFailed(rows.get(0), claimed.epoch(), "503 from the provider", true);

        outbox.recoverInterrupted(); // the restart: the claimed row goes back to the queue, with its merged rows
        rows.forEach(this::dispatch);

        await().atMost(Duration.ofSeconds(10)).until(() -> "done/sent".equals(stateOf(rows.get(0))));
        assertThat(provider.getReceivedExchanges()).singleElement().satisfies(sent -> assertThat(
                sent.getMessage().getBody(OutboundMessage.class).text()).isEqualTo(
                        "Breakfast is served 7:30-10:30.\n\nParking is 15 EUR.\n\nCheck-in is from 15:00."));
        assertThat(stateOf(rows.get(1))).isEqualTo("merged/sent");
        assertThat(stateOf(rows.get(2))).isEqualTo("merged/sent");
        rows.forEach(this::dispatch); // handed on again, e.g. by the sweep: nothing more goes out
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> provider.getReceivedExchanges().size() == 1);
    }

    @Test
    void aCrashWhileTheProviderMayHaveHadThemLeavesThemDeadLettersWithTheirHead() throws Exception {
        List<Long> rows = threeAnswers("+393331230102", "The Wi-Fi password is demo.", "Breakfast is at 8.",
                "Parking is free.");
        outbox.claim(rows.get(0)); // its request is at the provider when the process dies

        outbox.recoverInterrupted();
        rows.forEach(this::dispatch);

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> provider.getReceivedExchanges().isEmpty());
        assertThat(rows).extracting(this::stateOf).containsExactly("dead/failed", "merged/failed", "merged/failed");
        List<Outbox.Progress> progress = database.read(c -> outbox.progress(c, rows));
        assertThat(progress).extracting(Outbox.Progress::status).containsOnly("failed");
    }

    /** Three guest messages, answered (out of order, as concurrent concierge workers may) and queued. */
    private List<Long> threeAnswers(String phone, String... answers) {
        GuestRepository guests = new GuestRepository(FieldCrypto.fromConfiguredKeyOrFile("", hub.dataDir()));
        long now = System.currentTimeMillis();
        return database.write(c -> {
            long guestId = guests.touchInbound(c, phone, null, now, now).id();
            List<Long> questions = new ArrayList<>();
            for (int i = 0; i < answers.length; i++) {
                questions.add(Sql.insert(c, "INSERT INTO messages (guest_id, direction, provider, status, processed_at,"
                        + " created_at, updated_at) VALUES (?, 'in', 'log', 'received', ?, ?, ?)", guestId, now, now, now));
            }
            Long[] rows = new Long[answers.length];
            for (int i = answers.length - 1; i >= 0; i--) {
                rows[i] = outbox.enqueue(c, guestId, questions.get(i), answers[i], "en", null, Outbox.PURPOSE_REPLY, now);
            }
            return List.of(rows);
        });
    }

    @Override
    protected String stateOf(long outboxId) {
        try {
            return super.stateOf(outboxId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
