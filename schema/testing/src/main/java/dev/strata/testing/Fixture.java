package dev.strata.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import com.opencsv.CSVReader;
import dev.strata.types.SqliteText;

/** Seed data for a test's copy: a classpath SQL script or a CSV file named after its table. */
final class Fixture {
    private Fixture() {
    }

    static void apply(Connection connection, String resource) throws SQLException, IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("seed fixture " + resource + " is not on the test classpath");
            }
            if (resource.endsWith(".csv")) {
                String file = resource.substring(resource.lastIndexOf('/') + 1);
                csv(connection, file.substring(0, file.length() - 4), new InputStreamReader(in, StandardCharsets.UTF_8));
            } else {
                sql(connection, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    private static void sql(Connection connection, String script) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : script.split(";\\s*(\\r?\\n|$)")) {
                String trimmed = sql.lines().filter(l -> !l.strip().startsWith("--"))
                        .collect(Collectors.joining("\n")).strip();
                if (!trimmed.isEmpty()) {
                    statement.execute(trimmed);
                }
            }
        }
    }

    private static void csv(Connection connection, String table, Reader reader) throws SQLException, IOException {
        try (CSVReader csv = new CSVReader(reader)) {
            List<String[]> rows = csv.readAll();
            if (rows.isEmpty()) {
                return;
            }
            String[] header = rows.get(0);
            String sql = "INSERT INTO \"" + table + "\" (" + String.join(", ", quoted(header)) + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(header.length, "?")) + ")";
            // SQLite: dates and times in the one storage format, as the services and loadData write them;
            // PostgreSQL converts values of unspecified type to the column's type itself.
            boolean sqlite = connection.getMetaData().getURL().startsWith("jdbc:sqlite:");
            Map<String, String> types = sqlite ? SqliteText.declaredTypes(connection, table) : Map.of();
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (String[] row : rows.subList(1, rows.size())) {
                    for (int i = 0; i < header.length; i++) {
                        String value = i < row.length && !row[i].isEmpty() ? row[i] : null;
                        if (sqlite) {
                            String stored = SqliteText.storageForm(types.get(header[i].strip().toLowerCase(Locale.ROOT)), value);
                            insert.setString(i + 1, stored != null ? stored : value);
                        } else {
                            insert.setObject(i + 1, value, java.sql.Types.OTHER);
                        }
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (com.opencsv.exceptions.CsvException e) {
            throw new IOException("cannot read CSV fixture for table " + table + ": " + e.getMessage(), e);
        }
    }

    private static String[] quoted(String[] names) {
        String[] result = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            result[i] = "\"" + names[i].strip().replace("\"", "\"\"") + "\"";
        }
        return result;
    }
}
