package io.conciergehub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.events.EventBuffer;
import io.conciergehub.guest.GuestRepository;
import io.conciergehub.messaging.provider.SpokiRequests;
import io.conciergehub.messaging.provider.WhatsAppCloudRequests;
import io.conciergehub.ops.CostMeter;
import io.conciergehub.ops.Metrics;
import io.conciergehub.store.Database;
import io.conciergehub.store.FieldCrypto;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WhatsApp allows free text only within 24 hours of the guest's last message. */
class ConversationWindowTest {

    private static final long NOW = Clock.systemUTC().millis();

    private record Setup(Database db, Outbox outbox, long outboxId) {
    }

    /** Every journey message goes (no booking cancelled, no day passed), and no quiet hours hold one. */
    private static final Outbox.JourneyCheck NO_JOURNEY = new Outbox.JourneyCheck() {
        @Override
        public Verdict verdict(Connection c, long outboxId, long goesAt) {
            return Verdict.GOES;
        }

        @Override
        public void dateChanged(Connection c, long outboxId) {
            // No journey message is cancelled here.
        }

        @Override
        public Long quietUntil(long now) {
            return null;
        }
    };

    /** Queues a message for the guest inside the caller's transaction; returns its outbox row. */
    private interface Queue {
        long of(Connection c, Outbox outbox, long guestId) throws SQLException;
    }

    /** A real database with a guest who last wrote {@code ago}, and an answer queued for them. */
    private static Setup answerQueuedFor(Duration ago, String windowTemplate) throws Exception {
        return queuedFor(ago, windowTemplate, (c, outbox, guestId) -> outbox.enqueue(c, guestId, null,
                "Il check-in è dalle 15:00.", "it", "check_in", Outbox.PURPOSE_REPLY, NOW));
    }

    /** A real database with a guest who last wrote {@code ago}, and a message {@code queue} queued for them. */
    private static Setup queuedFor(Duration ago, String windowTemplate, Queue queue) throws Exception {
        Path dir = Files.createTempDirectory("window-");
        Database db = Database.open(dir, true);
        FieldCrypto crypto = FieldCrypto.fromConfiguredKeyOrFile("", dir);
        GuestRepository guests = new GuestRepository(crypto);
        Metrics metrics = new Metrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        EventBuffer noSink = new EventBuffer(db, new ObjectMapper(), crypto, metrics::eventForwarded, false, 10, 1000, 1000, 1000, () -> false, Clock.systemUTC());
        CostMeter costs = new CostMeter(db, new ObjectMapper(), metrics, Clock.systemUTC(), ZoneOffset.UTC,
                new CostMeter.Prices(Map.of(), 0));
        Outbox outbox = new Outbox(db, guests, metrics, costs, noSink, "spoki", windowTemplate, Duration.ofSeconds(30),
                () -> 1, () -> 1, () -> false, NO_JOURNEY, Clock.systemUTC()); // a single node, active under epoch 1, sending
        long outboxId = db.write(c -> {
            long guestId = guests.touchInbound(c, "+393331230000", "Mario", NOW - ago.toMillis(), NOW - ago.toMillis()).id();
            return queue.of(c, outbox, guestId);
        });
        return new Setup(db, outbox, outboxId);
    }

    @Test
    void insideTheWindowFreeTextIsSent() throws Exception {
        Setup setup = answerQueuedFor(Duration.ofHours(23), "");

        OutboundMessage message = setup.outbox().claim(setup.outboxId());

        assertThat(message.phone()).isEqualTo("+393331230000");
        assertThat(message.isTemplate()).isFalse();
        assertThat(new SpokiRequests().build(message)).containsEntry("type", "Message")
                .containsEntry("text", "Il check-in è dalle 15:00.");
        setup.db().close();
    }

    @Test
    void outsideTheWindowWithoutATemplateTheMessageIsHeld() throws Exception {
        Setup setup = answerQueuedFor(Duration.ofHours(25), "");

        assertThat(setup.outbox().claim(setup.outboxId())).isNull();

        assertThat(stateOf(setup)).isEqualTo("held/held");
        setup.db().close();
    }

    /** The outbox row's state and its message's status, as {@code state/status}. */
    private static String stateOf(Setup setup) {
        return setup.db().read(c -> io.conciergehub.store.Sql.one(c,
                "SELECT o.state || '/' || m.status FROM outbox o JOIN messages m ON m.id = o.message_id",
                row -> row.getString(1)).orElseThrow());
    }

    @Test
    void outsideTheWindowAStaffMembersFreeTextIsHeldNotSwappedForTheConfiguredTemplate() throws Exception {
        // Accepted while the window was open; the outbox reaches it after the window closed.
        Setup setup = queuedFor(Duration.ofHours(25), "4711", (c, outbox, guestId) -> outbox.enqueueByStaff(c, guestId,
                "La sua camera è pronta, può salire.", null, null, "it", "staff:anna", NOW));

        assertThat(setup.outbox().claim(setup.outboxId())).isNull();

        assertThat(stateOf(setup)).isEqualTo("held/held");
        setup.db().close();
    }

    @Test
    void outsideTheWindowAJourneyStepWithoutItsOwnTemplateIsHeldNotSentAsTheConfiguredTemplate() throws Exception {
        Setup setup = queuedFor(Duration.ofHours(25), "4711", (c, outbox, guestId) -> outbox.enqueueScheduled(c,
                Outbox.PURPOSE_JOURNEY, guestId, "Buongiorno Mario, il suo soggiorno inizia il 5 marzo.", "it", null,
                null, Map.of("GUEST_NAME", "Mario", "ARRIVAL", "5 marzo 2027"), NOW));

        assertThat(setup.outbox().claim(setup.outboxId())).isNull();

        assertThat(stateOf(setup)).isEqualTo("held/held");
        setup.db().close();
    }

    @Test
    void outsideTheWindowTheConfiguredTemplateIsSentInstead() throws Exception {
        Setup setup = answerQueuedFor(Duration.ofHours(25), "4711");

        OutboundMessage message = setup.outbox().claim(setup.outboxId());

        assertThat(message.phone()).isEqualTo("+393331230000");
        Map<String, Object> spoki = new SpokiRequests().build(message);
        assertThat(spoki).containsEntry("type", "Template").containsEntry("template", 4711L)
                .containsEntry("language", "IT").doesNotContainKey("text");
        String whatsapp = new ObjectMapper().writeValueAsString(new WhatsAppCloudRequests().build(message));
        assertThat(whatsapp).contains("\"type\":\"template\"", "\"name\":\"4711\"", "\"code\":\"it\"");
        setup.db().close();
    }
}
