package dev.strata.testing;

import dev.strata.engine.Changelog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a master changelog and numbered change files into a folder, as a project would. */
public final class TestChangelogs {
    /** A plain jOOQ codegen configuration for SQLite, generating into package {@code test.db}. */
    public static final String CODEGEN_CONFIG = """
            <configuration xmlns="http://www.jooq.org/xsd/jooq-codegen-3.19.0.xsd">
              <logging>WARN</logging>
              <generator>
                <database>
                  <name>org.jooq.meta.sqlite.SQLiteDatabase</name>
                  <excludes>(?i:DATABASECHANGELOG|DATABASECHANGELOGLOCK|sqlite_.*)</excludes>
                </database>
                <target><packageName>test.db</packageName></target>
              </generator>
            </configuration>
            """;

    private static final String HEADER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
            """;

    private final Path root;
    private final List<String> files = new ArrayList<>();

    public TestChangelogs(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("changes"));
        writeMaster();
    }

    /** Adds {@code changes/<id>.xml} holding one changeset with the given body. */
    public TestChangelogs add(String id, String body) throws IOException {
        String file = "changes/" + id + ".xml";
        Files.writeString(root.resolve(file), HEADER + "  <changeSet id=\"" + id + "\" author=\"test\">\n" + body
                + "\n  </changeSet>\n</databaseChangeLog>\n");
        files.add(file);
        writeMaster();
        return this;
    }

    public Changelog changelog() {
        return Changelog.directory(root, "master.xml");
    }

    public Path root() {
        return root;
    }

    private void writeMaster() throws IOException {
        StringBuilder master = new StringBuilder(HEADER);
        for (String file : files) {
            master.append("  <include file=\"").append(file).append("\" relativeToChangelogFile=\"true\"/>\n");
        }
        Files.writeString(root.resolve("master.xml"), master.append("</databaseChangeLog>\n").toString());
    }

    /** A createTable with an INTEGER primary key {@code id} and the given {@code name TYPE} columns. */
    public static String createTable(String table, String... columns) {
        StringBuilder out = new StringBuilder("    <createTable tableName=\"" + table + "\">\n"
                + "      <column name=\"id\" type=\"INTEGER\" autoIncrement=\"true\"><constraints primaryKey=\"true\"/></column>\n");
        for (String column : columns) {
            String[] parts = column.split(" ", 2);
            out.append("      <column name=\"").append(parts[0]).append("\" type=\"").append(parts[1]).append("\"/>\n");
        }
        return out.append("    </createTable>").toString();
    }

    public static String addColumn(String table, String column, String type) {
        return "    <addColumn tableName=\"" + table + "\"><column name=\"" + column + "\" type=\"" + type
                + "\"/></addColumn>";
    }
}
