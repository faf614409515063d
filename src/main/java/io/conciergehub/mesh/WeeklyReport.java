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
import org.apache.camel.Exchange;

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

    /**
     * The report as a small HTML page: the figures in a table and the messages and bookings as SVG
     * bars. No script and no style from elsewhere (the answer forbids both); every value is escaped.
     */
    @SuppressWarnings("unchecked")
    public void page(Exchange exchange) {
        Map<String, Object> report = (Map<String, Object>) exchange.getMessage().getBody(ApiResponse.class).body();
        Map<String, Object> bars = new LinkedHashMap<>();
        bars.put("messages in", report.get("messagesIn"));
        bars.put("messages out", report.get("messagesOut"));
        ((Map<String, Object>) report.get("bookingsBySource")).forEach((source, count) -> bars.put("bookings " + source, count));
        long max = Math.max(1, bars.values().stream().mapToLong(value -> ((Number) value).longValue()).max().orElse(1));
        StringBuilder chart = new StringBuilder();
        int y = 0;
        for (Map.Entry<String, Object> bar : bars.entrySet()) {
            long value = ((Number) bar.getValue()).longValue();
            chart.append("<text x=\"0\" y=\"").append(y + 14).append("\">").append(escape(bar.getKey())).append("</text>")
                    .append("<rect x=\"150\" y=\"").append(y + 2).append("\" height=\"14\" width=\"")
                    .append(300 * value / max).append("\" fill=\"#4a7\"/>")
                    .append("<text x=\"").append(156 + 300 * value / max).append("\" y=\"").append(y + 14).append("\">")
                    .append(value).append("</text>");
            y += 20;
        }
        StringBuilder rows = new StringBuilder();
        report.forEach((name, value) -> {
            if (!(value instanceof Map)) {
                rows.append("<tr><th>").append(escape(name)).append("</th><td>")
                        .append(escape(value == null ? "-" : String.valueOf(value))).append("</td></tr>");
            }
        });
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Concierge Hub: the week"
                + "</title></head><body><h1>The week</h1><table>" + rows + "</table><svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"520\" height=\"" + y + "\" font-family=\"sans-serif\" font-size=\"12\">" + chart
                + "</svg></body></html>";
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getMessage().setHeader("Content-Security-Policy", "default-src 'none'");
        exchange.getMessage().setBody(html);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
