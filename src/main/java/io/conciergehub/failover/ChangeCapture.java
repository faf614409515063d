package io.conciergehub.failover;

import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generic change capture: at every start-up, one AFTER INSERT, UPDATE and DELETE trigger per
 * replicated table appends the row, as JSON, to {@code change_log} in the writing transaction. The
 * triggers are generated from the schema as it is after the migrations, so a table or column a
 * later migration adds replicates without new code. Replicated: every table except the log itself,
 * its bookkeeping, Flyway's history and the console's live feed (each node
 * fills its own). Columns must hold text or numbers (JSON has no blobs).
 */
public final class ChangeCapture {

    static final Set<String> NOT_REPLICATED = Set.of("change_log", "replication", "flyway_schema_history",
            // Each node fills its own, through its triggers, which fire on replicated writes too.
            "console_events",
            // Each node writes its own, from its key (store/KeyCheck); the pair compares keys by heartbeat.
            "key_check");
    private static final String PREFIX = "change_log_";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeCapture.class);

    private final Database db;

    public ChangeCapture(Database db) {
        this.db = db;
    }

    /** One replicated table: its columns and the ones that identify a row. */
    record Table(String name, List<String> columns, List<String> key) {
    }

    /** (Re)creates the triggers for the current schema; returns the replicated tables. */
    public List<Table> install() {
        List<Table> tables = db.write(c -> {
            for (String trigger : Sql.list(c, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
                    row -> row.getString(1), PREFIX + "%")) {
                execute(c, "DROP TRIGGER " + quote(trigger));
            }
            List<Table> replicated = tables(c);
            for (Table table : replicated) {
                execute(c, trigger(table, "insert", "upsert", "NEW"));
                execute(c, trigger(table, "update", "upsert", "NEW"));
                execute(c, trigger(table, "delete", "delete", "OLD"));
            }
            return replicated;
        });
        LOG.info("event=replication.capture-installed tables={}", tables.stream().map(Table::name).toList());
        return tables;
    }

    /** Whether this node's writes go to the change log: only while it has a peer to ship them to. */
    public void capture(boolean on) {
        db.write(c -> Sql.update(c, "UPDATE replication SET capturing = ?", on ? 1 : 0));
    }

    static List<Table> tables(Connection c) throws SQLException {
        List<Table> tables = new ArrayList<>();
        for (String name : Sql.list(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                + " ORDER BY name", row -> row.getString(1))) {
            if (NOT_REPLICATED.contains(name)) {
                continue;
            }
            List<String> columns = new ArrayList<>();
            List<String[]> keyed = new ArrayList<>();
            Sql.list(c, "SELECT name, pk FROM pragma_table_info(?)", row -> {
                columns.add(row.getString(1));
                if (row.getInt(2) > 0) {
                    keyed.add(new String[] {row.getString(1), String.valueOf(row.getInt(2))});
                }
                return null;
            }, name);
            keyed.sort((a, b) -> Integer.compare(Integer.parseInt(a[1]), Integer.parseInt(b[1])));
            List<String> key = keyed.stream().map(k -> k[0]).toList();
            if (key.isEmpty()) { // a table without a declared key is identified by its rowid
                key = List.of("rowid");
                columns.add(0, "rowid");
            }
            tables.add(new Table(name, List.copyOf(columns), key));
        }
        return tables;
    }

    private static String trigger(Table table, String event, String op, String row) {
        String data = "delete".equals(op) ? "NULL" : jsonObject(table.columns(), row);
        return "CREATE TRIGGER " + quote(PREFIX + table.name() + "_" + event) + " AFTER " + event.toUpperCase()
                + " ON " + quote(table.name()) + " WHEN (SELECT capturing FROM replication) = 1 BEGIN"
                + " INSERT INTO change_log (tbl, op, row_key, row_data, at) VALUES ('" + table.name() + "', '" + op
                + "', " + jsonObject(table.key(), row) + ", " + data
                + ", CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END";
    }

    private static String jsonObject(List<String> columns, String row) {
        StringBuilder json = new StringBuilder("json_object(");
        for (int i = 0; i < columns.size(); i++) {
            json.append(i == 0 ? "" : ", ").append('\'').append(columns.get(i)).append("', ").append(row).append('.')
                    .append(quote(columns.get(i)));
        }
        return json.append(')').toString();
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (var statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
