package io.conciergehub.mesh;

import io.conciergehub.api.ApiResponse;
import io.conciergehub.messaging.Outbox;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/mesh/reports/weekly}: the last seven days at a glance, for the hotel: new guests,
 * bookings by source, messages in and out, the share of guests' messages the hub answered and the
 * median time to the answer leaving, conversations that needed staff, and opt-outs.
 */
public final class WeeklyReport {

    static final Duration WEEK = Duration.ofDays(7);

    private final Database db;
    private final Clock clock;

    public WeeklyReport(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public ApiResponse weekly() {
        Instant to = clock.instant();
        long from = to.minus(WEEK).toEpochMilli();
        return db.read(c -> {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("from", Instant.ofEpochMilli(from).toString());
            report.put("to", to.toString());
            report.put("newGuests", Sql.count(c, "SELECT COUNT(*) FROM guests WHERE created_at >= ?", from));
            Map<String, Object> bySource = new LinkedHashMap<>();
            Sql.list(c, "SELECT source, COUNT(*) FROM bookings WHERE created_at >= ? GROUP BY source ORDER BY source",
                    row -> bySource.put(row.getString(1), row.getLong(2)), from);
            report.put("bookingsBySource", bySource);
            long in = Sql.count(c, "SELECT COUNT(*) FROM messages WHERE direction = 'in' AND created_at >= ?", from);
            report.put("messagesIn", in);
            report.put("messagesOut", Sql.count(c, "SELECT COUNT(*) FROM messages WHERE direction = 'out'"
                    + " AND status IN ('sent', 'delivered', 'read') AND created_at >= ?", from));
            // An answer leaves when its outbox row is done; the first answer to each message counts.
            List<Long> latencies = new ArrayList<>(Sql.list(c, "SELECT MIN(o.updated_at) - i.created_at FROM messages i"
                    + " JOIN messages a ON a.in_reply_to = i.id JOIN outbox o ON o.message_id = a.id AND o.state = 'done'"
                    + " WHERE i.direction = 'in' AND i.created_at >= ? GROUP BY i.id", row -> row.getLong(1), from));
            report.put("answerRate", in == 0 ? null : Math.round(1000.0 * latencies.size() / in) / 10.0);
            latencies.sort(null);
            report.put("medianAnswerSeconds", latencies.isEmpty() ? null
                    : latencies.get((latencies.size() - 1) / 2) / 1000.0);
            report.put("conversationsThatNeededStaff", Sql.count(c, "SELECT COUNT(DISTINCT guest_id) FROM staff_alerts"
                    + " WHERE created_at >= ?", from));
            report.put("optOuts", Sql.count(c, "SELECT COUNT(*) FROM outbox WHERE purpose = ? AND created_at >= ?",
                    Outbox.PURPOSE_OPT_OUT, from));
            return ApiResponse.ok(report);
        });
    }
}
