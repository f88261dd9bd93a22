package dev.strata.codegen;

import dev.strata.types.DecimalBinding;
import dev.strata.types.TextBindings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.meta.jaxb.ForcedType;

/**
 * The Java type of each column, from the type the changelog declared (which Strata keeps in SQLite's DDL),
 * never from its name: jOOQ forced types added after the project's own (which therefore win).
 */
final class JavaTypes {
    private JavaTypes() {
    }

    /** The forced types for the schema in {@code connection}. */
    static List<ForcedType> of(Connection connection) throws SQLException {
        List<ForcedType> types = new ArrayList<>();
        Set<String> longs = rowidKeysAndTheirReferences(connection);
        if (!longs.isEmpty()) {
            // A rowid is 64-bit, and a column that references one must compare with it in Java.
            types.add(new ForcedType().withName("BIGINT").withIncludeTypes("(?i:INTEGER)")
                    .withIncludeExpression(String.join("|", longs.stream().map(Pattern::quote).sorted().toList())));
        }
        types.add(bound("java.time.LocalDateTime", TextBindings.Timestamp.class, "(?i:(TIMESTAMP|DATETIME)(\\(\\d+\\))?)"));
        types.add(bound("java.time.OffsetDateTime", TextBindings.TimestampWithZone.class,
                "(?i:TIMESTAMP\\sWITH\\sTIME\\sZONE(\\(\\d+\\))?)"));
        types.add(bound("java.time.LocalTime", TextBindings.Time.class, "(?i:TIME(\\(\\d+\\))?)"));
        types.add(bound("java.time.LocalDate", TextBindings.Date.class, "(?i:DATE)"));
        types.add(bound("java.math.BigDecimal", DecimalBinding.class, "(?i:(DECIMAL|NUMERIC)(\\(.*\\))?)"));
        // FLOAT is 8 bytes in SQLite and PostgreSQL; jOOQ's SQLite dialect would make it a 4-byte Float.
        types.add(new ForcedType().withName("DOUBLE").withIncludeTypes("(?i:FLOAT)"));
        // Only the rules some column needs: jOOQ warns about every forced type a run leaves unused.
        Set<String> declared = declaredTypes(connection);
        types.removeIf(t -> declared.stream().noneMatch(Pattern.compile(t.getIncludeTypes()).asMatchPredicate()));
        return types;
    }

    /** Every column type the schema declares, as written and without its length or precision. */
    private static Set<String> declaredTypes(Connection connection) throws SQLException {
        Set<String> types = new HashSet<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT c.type FROM sqlite_master m, pragma_table_info(m.name) c"
                     + " WHERE m.type IN ('table', 'view')")) {
            while (rs.next()) {
                String type = rs.getString(1) == null ? "" : rs.getString(1).strip();
                types.add(type);
                int paren = type.indexOf('(');
                types.add(paren < 0 ? type : type.substring(0, paren).strip());
            }
        }
        return types;
    }

    private static ForcedType bound(String javaType, Class<?> binding, String sqlTypes) {
        return new ForcedType().withUserType(javaType).withBinding(binding.getCanonicalName()).withIncludeTypes(sqlTypes);
    }

    /** {@code table.column} of every rowid-alias key ({@code INTEGER PRIMARY KEY}) and every column referencing one. */
    static Set<String> rowidKeysAndTheirReferences(Connection connection) throws SQLException {
        Set<String> keys = new HashSet<>();
        List<String> tables = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                     + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
                String sql = rs.getString(2) == null ? "" : rs.getString(2);
                if (!sql.toUpperCase(Locale.ROOT).matches("(?s).*\\)\\s*WITHOUT\\s+ROWID\\s*;?\\s*$")) {
                    String key = singleIntegerKey(connection, rs.getString(1));
                    if (key != null) {
                        keys.add(rs.getString(1) + "." + key);
                    }
                }
            }
        }
        Set<String> result = new HashSet<>(keys);
        for (String table : tables) {
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('"
                         + table.replace("'", "''") + "')")) {
                while (rs.next()) {
                    String target = rs.getString(1);
                    String to = rs.getString(3) != null ? rs.getString(3) : singleIntegerKey(connection, target);
                    if (keys.stream().anyMatch(k -> k.equalsIgnoreCase(target + "." + to))) {
                        result.add(table + "." + rs.getString(2));
                    }
                }
            }
        }
        return result;
    }

    /** The name of the table's single primary-key column when it is declared exactly INTEGER, else null. */
    private static String singleIntegerKey(Connection connection, String table) throws SQLException {
        String key = null;
        int keyColumns = 0;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, type, pk FROM pragma_table_info('"
                     + table.replace("'", "''") + "') WHERE pk > 0")) {
            while (rs.next()) {
                keyColumns++;
                key = "INTEGER".equalsIgnoreCase(rs.getString(2)) ? rs.getString(1) : null;
            }
        }
        return keyColumns == 1 ? key : null;
    }
}
