package dev.strata.guard;

import dev.strata.engine.SchemaText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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

    static String render(Connection connection) {
        return "-- The schema the changelogs produce, as SQLite stores it (normalised).\n"
                + "-- Generated; never edit. Refresh with: " + Guards.REFRESH_COMMAND + "\n"
                + SchemaText.format(SchemaText.of(connection));
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
