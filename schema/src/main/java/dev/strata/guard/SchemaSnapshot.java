package dev.strata.guard;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The committed, normalised SQL of the schema the changelogs produce (like Rails' structure.sql), so a
 * review sees the schema change beside the changelog. Liquibase's tables are left out.
 */
final class SchemaSnapshot {
    private SchemaSnapshot() {
    }

    static String render(Connection connection) throws SQLException {
        StringBuilder out = new StringBuilder("-- The schema the changelogs produce, as SQLite stores it (normalised).\n"
                + "-- Generated; never edit. Refresh with: " + Guards.REFRESH_COMMAND + "\n");
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"
                     + " AND name NOT LIKE 'sqlite_%' AND upper(tbl_name) NOT LIKE 'DATABASECHANGELOG%'"
                     + " ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END,"
                     + " tbl_name, name")) {
            while (rs.next()) {
                out.append('\n').append(normalise(rs.getString(1))).append(";\n");
            }
        }
        return out.toString();
    }

    /** One line per statement, single spaces, no space inside parentheses' edges. */
    static String normalise(String sql) {
        return sql.strip().replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")");
    }

    /** Null when {@code file} matches {@code fresh}; otherwise the lines that differ, as a diff. */
    static String diff(Path file, String fresh) throws java.io.IOException {
        String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (committed.equals(fresh)) {
            return null;
        }
        Set<String> was = new LinkedHashSet<>(statements(committed));
        Set<String> now = new LinkedHashSet<>(statements(fresh));
        List<String> lines = new ArrayList<>();
        was.stream().filter(l -> !now.contains(l)).forEach(l -> lines.add("- " + l));
        now.stream().filter(l -> !was.contains(l)).forEach(l -> lines.add("+ " + l));
        return lines.isEmpty() ? "(only comments or order differ)" : String.join("\n", lines);
    }

    private static List<String> statements(String text) {
        return text.lines().filter(l -> !l.isBlank() && !l.startsWith("--")).toList();
    }
}
