package dev.strata.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Everything a PostgreSQL database holds in schema public, as comparable text: structure and rows. */
public final class PgSnapshot {
    private PgSnapshot() {
    }

    /** Tables, columns, constraints, indexes and views; no rows. */
    public static List<String> structure(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        out.addAll(rows(c, "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable,"
                + " column_default, is_identity FROM information_schema.columns WHERE table_schema = 'public'"
                + " ORDER BY table_name, column_name"));
        out.addAll(rows(c, "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2"));
        out.addAll(rows(c, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
                + " ORDER BY 1, 2"));
        out.addAll(rows(c, "SELECT viewname, definition FROM pg_views WHERE schemaname = 'public' ORDER BY 1"));
        return out;
    }

    /** Structure plus every row of every table (the tracking tables included). */
    public static List<String> everything(Connection c) throws SQLException {
        List<String> out = new ArrayList<>(structure(c));
        for (String table : tables(c)) {
            out.add("table " + table);
            out.addAll(rows(c, "SELECT * FROM public.\"" + table + "\" ORDER BY 1"));
        }
        return out;
    }

    public static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        for (String row : rows(c, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) {
            names.add(row);
        }
        return names;
    }

    public static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
