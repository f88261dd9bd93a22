package dev.strata.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A table's structure as SQLite reports it (columns, foreign keys, unique indexes and their columns),
 * independent of how its CREATE statement is spelled: the normalised form the matrix compares.
 */
final class SchemaShape {
    private SchemaShape() {
    }

    static String of(Connection c, String table) throws SQLException {
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows(c, "PRAGMA table_xinfo(" + quote(table) + ")")) {
            // cid, name, type, notnull, dflt_value, pk, hidden
            lines.add("column " + row.get(1) + " " + row.get(2).toUpperCase(Locale.ROOT) + " notnull=" + row.get(3)
                    + " default=" + normaliseDefault(row.get(4)) + " pk=" + row.get(5) + " hidden=" + row.get(6));
        }
        for (List<String> row : rows(c, "PRAGMA foreign_key_list(" + quote(table) + ")")) {
            // id, seq, table, from, to, on_update, on_delete, match
            lines.add("fk " + row.get(3) + " -> " + row.get(2) + "." + row.get(4) + " on_update=" + row.get(5)
                    + " on_delete=" + row.get(6));
        }
        TreeMap<String, String> indexes = new TreeMap<>();
        for (List<String> row : rows(c, "PRAGMA index_list(" + quote(table) + ")")) {
            // seq, name, unique, origin, partial
            List<String> columns = new ArrayList<>();
            for (List<String> col : rows(c, "PRAGMA index_info(" + quote(row.get(1)) + ")")) {
                columns.add(col.get(2));
            }
            String key = (row.get(3).equals("c") ? row.get(1) : row.get(3)) + " " + columns;
            indexes.put(key, "index " + key + " unique=" + row.get(2) + " partial=" + row.get(4));
        }
        lines.addAll(indexes.values());
        lines.sort(null);
        return String.join("\n", lines);
    }

    private static String normaliseDefault(String value) {
        if (value == null) {
            return "none";
        }
        String v = value.strip();
        while (v.startsWith("(") && v.endsWith(")")) {
            v = v.substring(1, v.length() - 1).strip();
        }
        return v.toUpperCase(Locale.ROOT);
    }

    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static String quote(String name) {
        return "\"" + name + "\"";
    }
}
