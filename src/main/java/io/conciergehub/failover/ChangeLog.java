package io.conciergehub.failover;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conciergehub.store.Database;
import io.conciergehub.store.Sql;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The change log in both directions: the active node reads it in batches to ship, the passive
 * node applies a shipped batch in order, idempotently (upserts and deletes by key), in one
 * transaction that also records how far it got, and without capturing what it applies.
 */
public final class ChangeLog {

    /** A batch ready to ship: the request body, and the last sequence number it carries. */
    public record Batch(String json, long lastSeq, int size) {
    }

    /** How far this database has applied the log of {@code sourceNode}. */
    public record Position(String sourceNode, long appliedSeq) {
    }

    private final Database db;
    private final ObjectMapper json;
    // What apply checks each change against, read again only when the schema changed: the passive
    // node applies a batch per grouped acknowledgement, tens a second, and reading the tables'
    // columns took some thirty queries each time.
    private volatile Replicated replicated;

    /**
     * The replicated tables' columns, as they were at SQLite's schema version {@code schemaVersion},
     * and the statement that applies each shape of change seen since: a busy hour's batches hold
     * thousands of changes of a few dozen shapes, and building each one's SQL anew was about a third
     * of the CPU of applying a batch ({@code scripts/bench.sh replication}).
     */
    private record Replicated(long schemaVersion, Map<String, Set<String>> columns, Map<String, List<String>> keys,
            Map<Shape, String> statements) {

        /** Shapes beyond this many are applied without being kept (a replicated table has a few). */
        private static final int MAX_SHAPES = 1000;

        /** The statement for a change of this shape, checked against the columns and key the first time. */
        String statement(Shape shape, long seq) {
            String sql = statements.get(shape);
            if (sql == null) {
                Set<String> known = columns.get(shape.table());
                List<String> key = keys.get(shape.table());
                if (known == null || !known.containsAll(shape.columns()) || !shape.columns().containsAll(key)) {
                    throw new NotReplicated("change " + seq + " does not fit a replicated table");
                }
                sql = shape.sql(key);
                if (statements.size() < MAX_SHAPES) {
                    statements.put(shape, sql);
                }
            }
            return sql;
        }
    }

    /** A change's table, whether it deletes, and the columns it names, in its order. */
    private record Shape(String table, boolean delete, List<String> columns) {

        /**
         * @param key the columns of the table's primary key ({@code rowid} for a table without one),
         *        which every change names. A row with that key is updated in place, its other
         *        columns set: with the key in the SET list SQLite treated every update as a change
         *        of the key, even to the same value, and applying answered messages took about a
         *        tenth more CPU ({@code scripts/bench.sh replication}).
         */
        String sql(List<String> key) {
            List<String> names = columns.stream().map(ChangeCapture::quote).toList();
            if (delete) {
                return "DELETE FROM " + ChangeCapture.quote(table) + " WHERE " + String.join(" AND ", names.stream()
                        .map(column -> column + " = ?").toList());
            }
            List<String> values = columns.stream().filter(column -> !key.contains(column))
                    .map(ChangeCapture::quote).toList();
            return insert(names) + " (" + String.join(", ", key.stream().map(ChangeCapture::quote).toList()) + ")"
                    + (values.isEmpty() ? " DO NOTHING" : " DO UPDATE SET " + assignments(values));
        }

        /** The row in place of the one that holds one of its unique values, whatever that row's key. */
        String replacingSql() {
            List<String> names = columns.stream().map(ChangeCapture::quote).toList();
            return insert(names) + " DO UPDATE SET " + assignments(names);
        }

        private String insert(List<String> quotedColumns) {
            return "INSERT INTO " + ChangeCapture.quote(table) + " (" + String.join(", ", quotedColumns) + ") VALUES ("
                    + String.join(", ", quotedColumns.stream().map(column -> "?").toList()) + ") ON CONFLICT";
        }

        private static String assignments(List<String> quotedColumns) {
            return String.join(", ", quotedColumns.stream().map(column -> column + " = excluded." + column).toList());
        }
    }

    public ChangeLog(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * The last sequence number ever assigned (AUTOINCREMENT's counter), also once the log has been
     * pruned empty: the position a follower has when it has everything.
     */
    static final String LAST_SEQ = "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'change_log'), 0)";

    public long lastSeq() {
        return db.read(c -> Sql.count(c, LAST_SEQ));
    }

    /** The oldest sequence number still in the log, or null when it is empty. */
    public Long oldestSeq() {
        long seq = db.read(c -> Sql.count(c, "SELECT COALESCE(MIN(seq), -1) FROM change_log"));
        return seq < 0 ? null : seq;
    }

    /** When the oldest change after {@code seq} was written (epoch ms), or null when there is none. */
    public Long oldestAfter(long seq) {
        long at = db.read(c -> Sql.count(c, "SELECT COALESCE(MIN(at), -1) FROM change_log WHERE seq > ?", seq));
        return at < 0 ? null : at;
    }

    /** The changes after {@code after}, oldest first, at most {@code limit}; null when there are none. */
    public Batch batchAfter(long after, int limit, String sourceNode, long epoch, String keyFingerprint) {
        return db.read(c -> {
            StringWriter out = new StringWriter();
            long[] last = {after};
            int[] size = {0};
            try (JsonGenerator body = json.getFactory().createGenerator(out)) {
                body.writeStartObject();
                body.writeStringField("source", sourceNode);
                body.writeNumberField("epoch", epoch);
                body.writeNumberField("after", after);
                body.writeStringField("keyFingerprint", keyFingerprint);
                body.writeArrayFieldStart("changes");
                Sql.list(c, "SELECT seq, tbl, op, row_key, row_data FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?",
                        row -> {
                            try {
                                body.writeStartObject();
                                body.writeNumberField("seq", row.getLong(1));
                                body.writeStringField("table", row.getString(2));
                                body.writeStringField("op", row.getString(3));
                                body.writeFieldName("key");
                                body.writeRawValue(row.getString(4));
                                if (row.getString(5) != null) {
                                    body.writeFieldName("row");
                                    body.writeRawValue(row.getString(5));
                                }
                                body.writeEndObject();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            last[0] = row.getLong(1);
                            size[0]++;
                            return null;
                        }, after, limit);
                body.writeEndArray();
                body.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return size[0] == 0 ? null : new Batch(out.toString(), last[0], size[0]);
        });
    }

    /** Forgets the changes the peer has applied (and that no snapshot still needs). */
    public int prune(long upToSeq) {
        return db.write(c -> Sql.update(c, "DELETE FROM change_log WHERE seq <= ?", upToSeq));
    }

    public Position position() {
        return db.read(c -> Sql.one(c, "SELECT source_node, applied_seq FROM replication",
                row -> new Position(row.getString(1), row.getLong(2))).orElseThrow());
    }

    /**
     * From now on this database follows {@code sourceNode}'s log from {@code appliedSeq}: after a
     * snapshot of it was installed, or when it handed the role over. This node's own log is done
     * with (the peer has it all, or it was relayed), so it is emptied.
     */
    public void follow(String sourceNode, long appliedSeq) {
        // After a snapshot replaced the file, its schema may differ at the same version number.
        replicated = null;
        db.write(c -> {
            Sql.update(c, "DELETE FROM change_log");
            return Sql.update(c, "UPDATE replication SET source_node = ?, applied_seq = ?", sourceNode, appliedSeq);
        });
    }

    /**
     * This node leads from now on: its data is its own, not a copy of another node's log, so a
     * batch from a former leader never continues it (it gets a snapshot instead).
     */
    public void lead(String nodeId) {
        db.write(c -> Sql.update(c, "UPDATE replication SET source_node = ?, applied_seq = 0", nodeId));
    }

    /**
     * Applies a shipped batch. Changes at or below the recorded position are skipped (a repeated
     * batch is a no-op); a gap, or a batch from another node than the one followed, is refused
     * with the position this database is at, so the sender can go back or send a snapshot.
     *
     * @return the position after the batch (equal to before when nothing applied)
     * @throws OutOfSequence when the batch does not continue this database's position
     */
    public Position apply(JsonNode batch) {
        String source = batch.path("source").asText();
        long after = batch.path("after").asLong();
        return db.writeDurably(c -> {
            Position at = Sql.one(c, "SELECT source_node, applied_seq FROM replication",
                    row -> new Position(row.getString(1), row.getLong(2))).orElseThrow();
            if (!source.equals(at.sourceNode()) || after > at.appliedSeq()) {
                throw new OutOfSequence(at);
            }
            int capturing = (int) Sql.count(c, "SELECT capturing FROM replication");
            Sql.update(c, "UPDATE replication SET capturing = 0");
            execute(c, "PRAGMA defer_foreign_keys = ON");
            Replicated replicated = replicated(c);
            long applied = at.appliedSeq();
            for (JsonNode change : batch.path("changes")) {
                long seq = change.path("seq").asLong();
                if (seq <= applied) {
                    continue;
                }
                applyOne(c, replicated, change);
                applied = seq;
            }
            Sql.update(c, "UPDATE replication SET capturing = ?, applied_seq = ?", capturing, applied);
            return new Position(source, applied);
        });
    }

    private Replicated replicated(Connection c) throws SQLException {
        long schemaVersion = Sql.count(c, "PRAGMA schema_version");
        Replicated known = replicated;
        if (known == null || known.schemaVersion() != schemaVersion) {
            Map<String, Set<String>> columns = new HashMap<>();
            Map<String, List<String>> keys = new HashMap<>();
            for (ChangeCapture.Table table : ChangeCapture.tables(c)) {
                columns.put(table.name(), Set.copyOf(table.columns()));
                keys.put(table.name(), table.key());
            }
            known = new Replicated(schemaVersion, Map.copyOf(columns), Map.copyOf(keys), new ConcurrentHashMap<>());
            replicated = known;
        }
        return known;
    }

    /** The batch does not continue from where this database is. */
    public static final class OutOfSequence extends RuntimeException {
        private final transient Position position;

        OutOfSequence(Position position) {
            super("batch does not continue from " + position);
            this.position = position;
        }

        public Position position() {
            return position;
        }
    }

    /** A change names a table or column that this node does not replicate: the batch is refused whole. */
    public static final class NotReplicated extends RuntimeException {
        NotReplicated(String detail) {
            super(detail);
        }
    }

    private static void applyOne(Connection c, Replicated replicated, JsonNode change) throws SQLException {
        long seq = change.path("seq").asLong();
        String op = change.path("op").asText();
        boolean delete = "delete".equals(op);
        if (!delete && !"upsert".equals(op)) {
            throw new NotReplicated("change " + seq + " does not fit a replicated table");
        }
        JsonNode values = delete ? change.path("key") : change.path("row");
        List<String> columns = fieldNames(values);
        Shape shape = new Shape(change.path("table").asText(), delete, columns);
        String sql = replicated.statement(shape, seq);
        Object[] args = new Object[columns.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = value(values.get(columns.get(i)));
        }
        try {
            Sql.update(c, sql, args);
        } catch (SQLiteException e) {
            if (e.getResultCode() != SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE) {
                throw e;
            }
            // Another row holds one of this row's unique values: the active node wrote this one with
            // INSERT OR REPLACE, which deleted that row without a trigger firing (SQLite fires none
            // for it while recursive triggers are off), so its log has no delete. The failed
            // statement changed nothing; this row takes that row's place, as it did there.
            Sql.update(c, shape.replacingSql(), args);
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }

    private static Object value(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        return value.asText();
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (var statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
