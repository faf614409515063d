package io.conciergehub.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Looks through every column of every table of a SQLite file for a text, as an operator's sqlite3 could. */
public final class StoredText {

    private StoredText() {
    }

    /** The {@code table.column}s in which {@code text} occurs, in any row. */
    public static List<String> columnsContaining(Path database, String text) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            for (String[] column : columns(c)) {
                try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM \"" + column[0]
                        + "\" WHERE instr(CAST(\"" + column[1] + "\" AS TEXT), ?) > 0")) {
                    s.setString(1, text);
                    try (ResultSet rows = s.executeQuery()) {
                        if (rows.next() && rows.getLong(1) > 0) {
                            found.add(column[0] + "." + column[1]);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static List<String[]> columns(Connection c) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT m.name, p.name FROM sqlite_master m"
                + " JOIN pragma_table_info(m.name) p WHERE m.type = 'table'"); ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                columns.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        return columns;
    }
}
