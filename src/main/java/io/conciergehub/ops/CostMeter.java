package io.conciergehub.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Body;

/**
 * Every paid call, metered: FlightAware AeroAPI result sets at {@code costs.flightaware-per-call}, LLM
 * tokens (the answer's {@code usage.total_tokens}) at {@code costs.llm-per-1k-tokens}, WhatsApp
 * template messages at {@code costs.template-message}. Stored per day and item ({@code cost_days})
 * and counted for Prometheus ({@code concierge_paid_calls_total{item}}, the one count of paid calls,
 * and {@code concierge_costs_total{item}}); the month so far is set against {@code costs.monthly-budget}. Amounts
 * are in the budget's currency, whatever it is.
 */
public final class CostMeter {

    /** What is paid for, and the unit its price is per. */
    public enum Item {
        FLIGHTAWARE(1), LLM(1000), TEMPLATE(1);

        private final long unitsPerPrice;

        Item(long unitsPerPrice) {
            this.unitsPerPrice = unitsPerPrice;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @param prices per item: the price of one call (of 1,000 tokens for the LLM) */
    public record Prices(Map<Item, Double> prices, double monthlyBudget) {
    }

    private final Database db;
    private final ObjectMapper json;
    private final Metrics metrics;
    private final Clock clock;
    private final ZoneId zone;
    private final Prices prices;

    public CostMeter(Database db, ObjectMapper json, Metrics metrics, Clock clock, ZoneId zone, Prices prices) {
        this.db = db;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
        this.zone = zone;
        this.prices = prices;
        for (Item item : Item.values()) {
            metrics.cost(item.label(), 0);
            metrics.paidCall(item.label(), 0);
        }
    }

    /** One paid call of {@code units} (result sets, tokens, messages), in its own transaction. */
    public void charge(Item item, long units) {
        db.write(c -> {
            charge(c, item, units);
            return null;
        });
    }

    /** An LLM call that answered: its {@code usage.total_tokens}, the body left as it is. */
    public void llmAnswered(@Body String response) throws IOException {
        JsonNode tokens = json.readTree(response == null ? "{}" : response).path("usage").path("total_tokens");
        if (tokens.canConvertToLong()) {
            charge(Item.LLM, tokens.asLong());
        }
    }

    /** The same inside the caller's transaction: the cost is recorded exactly when the call's outcome is. */
    public void charge(Connection c, Item item, long units) throws SQLException {
        double cost = prices.prices().getOrDefault(item, 0.0) * units / item.unitsPerPrice;
        Sql.update(c, "INSERT INTO cost_days (day, item, calls, units, cost) VALUES (?, ?, 1, ?, ?)"
                + " ON CONFLICT (day, item) DO UPDATE SET calls = calls + 1, units = units + excluded.units,"
                + " cost = cost + excluded.cost", LocalDate.now(clock.withZone(zone)).toString(), item.label(), units, cost);
        metrics.cost(item.label(), cost);
        metrics.paidCall(item.label(), 1);
    }

    /** This month so far: the cost per item, the total and the budget. */
    public Map<String, Object> monthToDate() {
        YearMonth month = YearMonth.now(clock.withZone(zone));
        Map<String, Object> period = between(month.atDay(1), month.atEndOfMonth());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("month", month.toString());
        answer.put("spent", period.get("spent"));
        answer.put("budget", prices.monthlyBudget());
        answer.put("byItem", period.get("byItem"));
        return answer;
    }

    /**
     * The days {@code from} to {@code to} (both included, in the hotel's time zone): the calls and
     * cost per item, and in all ({@code calls}, {@code spent}). The reports' figures.
     */
    public Map<String, Object> between(LocalDate from, LocalDate to) {
        // One query for the period; an item without a call in it reads as zeros.
        Map<String, Map<String, Object>> spent = new LinkedHashMap<>();
        db.read(c -> Sql.list(c, "SELECT item, SUM(calls), SUM(units), SUM(cost) FROM cost_days WHERE day >= ? AND day <= ?"
                + " GROUP BY item", row -> Map.entry(row.getString(1), line(row.getLong(2), row.getLong(3),
                        row.getDouble(4))), from.toString(), to.toString()))
                .forEach(item -> spent.put(item.getKey(), item.getValue()));
        Map<String, Object> byItem = new LinkedHashMap<>();
        double total = 0;
        long calls = 0;
        for (Item item : Item.values()) {
            Map<String, Object> line = spent.getOrDefault(item.label(), line(0, 0, 0));
            byItem.put(item.label(), line);
            total += (double) line.get("cost");
            calls += (long) line.get("calls");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("from", from.toString());
        answer.put("to", to.toString());
        answer.put("calls", calls);
        answer.put("spent", round(total));
        answer.put("byItem", byItem);
        return answer;
    }

    /** The hotel's time zone, in which days and months are counted. */
    public ZoneId zone() {
        return zone;
    }

    private static Map<String, Object> line(long calls, long units, double cost) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("calls", calls);
        line.put("units", units);
        line.put("cost", round(cost));
        return line;
    }

    private static double round(double amount) {
        return Math.round(amount * 10_000) / 10_000.0;
    }
}
