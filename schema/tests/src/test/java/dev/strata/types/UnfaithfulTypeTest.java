package dev.strata.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import dev.strata.engine.Engine;
import dev.strata.engine.SchemaException;
import dev.strata.engine.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A type SQLite cannot hold faithfully, or one nobody knows, stops the update: never a silent String. */
class UnfaithfulTypeTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "createTable    | FOO                 | not a type Liquibase knows",
        "createTable    | JSONB               | not a type Liquibase knows",
        "createTable    | XML                 | no faithful form on SQLite",
        "createTable    | DECIMAL(20,2)       | more than 15 significant digits",
        "createTable    | DECIMAL             | more than 15 significant digits",
        "createTable    | NUMERIC(38,0)       | more than 15 significant digits",
        "createTable    | TIMESTAMP(6)        | to the second",
        "createTable    | TIME WITH TIME ZONE | no way to store",
        "addColumn      | DECIMAL(30,10)      | more than 15 significant digits",
        "modifyDataType | WIDGET              | not a type Liquibase knows"})
    void isRefusedNamingTheChangelogChangesetColumnAndAlternatives(String change, String type, String why)
            throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-create-item", TestChangelogs.createTable("item", "label VARCHAR(10)"));
        Path db = dir.resolve("test.db");
        Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).withBackups(false).update();
        byte[] before = Files.readAllBytes(db);
        changelogs.add("0002-odd-type", switch (change) {
            case "createTable" -> TestChangelogs.createTable("odd", "value " + type);
            case "addColumn" -> TestChangelogs.addColumn("item", "value", type);
            default -> "    <modifyDataType tableName=\"item\" columnName=\"label\" newDataType=\"" + type + "\"/>";
        });

        SchemaException e = assertThrows(SchemaException.class,
                () -> Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).withBackups(false).update());

        String column = change.equals("createTable") ? "odd.value" : change.equals("addColumn") ? "item.value" : "item.label";
        for (String expected : new String[] {"0002-odd-type", "changes/0002-odd-type.xml", "column " + column, type,
            why, "supported types: TIMESTAMP, DATETIME, TIMESTAMP WITH TIME ZONE, DATE, TIME, UUID"}) {
            assertTrue(e.getMessage().contains(expected), "'" + expected + "' in: " + e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(db), "the database is untouched");
    }
}
