package io.conciergehub.watchers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.store.Database;
import io.conciergehub.store.FieldCrypto;
import io.conciergehub.store.Sql;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code notices} routes: a watcher's notice joins its guest's batch (the
 * aggregate EIP, in a persistent aggregation repository), the watcher's record of it is written
 * once the batch holds it, and a batch that has waited {@code notifications.batch-window} goes to
 * the outbox as one message.
 *
 * <p>The record comes after the batch: when the batch cannot take the notice (Redis down), nothing
 * is recorded and the next poll tells it again; a later notice on the same subject in a batch
 * replaces the earlier one, so telling again never doubles a message.
 */
public final class NoticeBatches {

    private static final Logger LOG = LoggerFactory.getLogger(NoticeBatches.class);

    /** A guest's notices waiting together; the id makes queueing it idempotent (a recovered batch is queued once). */
    record Batch(String id, List<Notice> notices) {
    }

    /** A notice on its way, with the watcher's record of it, written once the notice is in its batch. */
    public record Pending(Notice notice, Database.SqlWork<?> record) {
    }

    private final Database db;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final FieldCrypto crypto;
    private final Clock clock;

    NoticeBatches(Database db, Outbox outbox, ObjectMapper json, FieldCrypto crypto, Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.json = json;
        this.crypto = crypto;
        this.clock = clock;
    }

    /**
     * The aggregation strategy: the guest's batch so far (null for the first) with the new notice,
     * replacing an earlier one on the same subject. A batch is JSON sealed with the hub's key, as
     * every message text the hub stores is.
     */
    public String merge(String batch, Notice notice) throws JsonProcessingException {
        Batch so = batch == null ? new Batch(UUID.randomUUID().toString(), List.of()) : opened(batch);
        List<Notice> notices = new ArrayList<>(so.notices());
        notices.removeIf(earlier -> earlier.subject().equals(notice.subject()));
        notices.add(notice);
        return crypto.seal(json.writeValueAsString(new Batch(so.id(), notices)));
    }

    Batch opened(String batch) throws JsonProcessingException {
        return json.readValue(crypto.open(batch), Batch.class);
    }

    /** Writes the watcher's record of the notice, now that its batch holds it. */
    public void recorded(@ExchangeProperty("pending") Pending pending) {
        db.writeDurably(pending.record());
    }

    /**
     * Queues the batch as one message: the notices' texts in order. Outside the 24-hour window it
     * goes as the template when every notice in it names the same one (the latest notice's fields);
     * notices of different templates cannot share one, so the message is then held for staff.
     *
     * @return the outbox row, or null when this batch was queued before (recovered after a crash)
     */
    public Long queue(@Body String batch) throws JsonProcessingException {
        Batch waiting = opened(batch);
        List<Notice> notices = waiting.notices();
        Notice latest = notices.get(notices.size() - 1);
        boolean oneTemplate = notices.stream().map(Notice::template).distinct().count() == 1;
        String text = notices.stream().map(Notice::text).collect(Collectors.joining("\n\n"));
        Long queued = db.writeDurably(c -> {
            long now = clock.millis();
            if (Sql.update(c, "INSERT INTO queued_notice_batches (batch_id, queued_at) VALUES (?, ?)"
                    + " ON CONFLICT (batch_id) DO NOTHING", waiting.id(), now) == 0) {
                return null;
            }
            return outbox.enqueueScheduled(c, Outbox.PURPOSE_NOTICE, latest.guestId(), text, latest.language(),
                    oneTemplate ? latest.template() : null, oneTemplate ? latest.templateLanguage() : null,
                    latest.fields(), now);
        });
        LOG.info("event=notices.queued notices={} outbox={}", notices.size(), queued);
        return queued;
    }
}
