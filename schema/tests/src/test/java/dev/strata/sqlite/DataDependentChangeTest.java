package dev.strata.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import dev.strata.engine.Engine;
import dev.strata.engine.SchemaException;
import dev.strata.engine.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changes the data present cannot satisfy fail naming table, constraint and offending rows; nothing changes. */
class DataDependentChangeTest {
    @TempDir
    Path dir;

    TestChangelogs changelogs;
    Path db;

    @BeforeEach
    void base() throws Exception {
        changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-base", "<sql splitStatements=\"true\" endDelimiter=\";\">"
                + "CREATE TABLE owner (id INTEGER PRIMARY KEY);"
                + "CREATE TABLE pet (id INTEGER PRIMARY KEY, name TEXT, owner_id INTEGER);"
                + "INSERT INTO owner VALUES (1);"
                + "INSERT INTO pet VALUES (1, 'rex', 1), (2, NULL, 1), (3, 'rex', 7), (4, 'tom', 8)</sql>");
        db = dir.resolve("pets.db");
        Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).withBackups(false).update();
    }

    String refused(String change) throws Exception {
        byte[] before = Files.readAllBytes(db);
        changelogs.add("0002-change", change);
        SchemaException e = assertThrows(SchemaException.class,
                () -> Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).withBackups(false).update());
        assertArrayEquals(before, Files.readAllBytes(db), "nothing changed");
        assertTrue(e.getMessage().startsWith("changeset 0002-change (author test) in changes/0002-change.xml failed: "),
                e.getMessage());
        return e.getMessage();
    }

    @Test
    void notNullOverNulls() throws Exception {
        String message = refused("<addNotNullConstraint tableName=\"pet\" columnName=\"name\" columnDataType=\"TEXT\"/>");
        assertTrue(message.contains("addNotNullConstraint on pet.name: cannot add NOT NULL on pet.name: existing rows violate it, e.g. [rowid=2]"), message);
    }

    @Test
    void uniqueOverDuplicates() throws Exception {
        String message = refused("<addUniqueConstraint tableName=\"pet\" columnNames=\"name\" constraintName=\"uq_pet_name\"/>");
        assertTrue(message.contains("cannot add unique constraint uq_pet_name (name) to pet: existing rows violate it,"
                + " e.g. [name=rex, copies=2]"), message);
    }

    @Test
    void foreignKeyThatExistingRowsViolate() throws Exception {
        String message = refused("<addForeignKeyConstraint baseTableName=\"pet\" baseColumnNames=\"owner_id\""
                + " constraintName=\"fk_pet_owner\" referencedTableName=\"owner\" referencedColumnNames=\"id\"/>");
        assertTrue(message.contains("cannot add foreign key fk_pet_owner (owner_id) -> owner(id) to pet: existing rows"
                + " violate it, e.g. [rowid=3, owner_id=7; rowid=4, owner_id=8]"), message);
    }

    @Test
    void notNullColumnWithoutDefaultOnATableWithRows() throws Exception {
        String message = refused("<addColumn tableName=\"pet\"><column name=\"species\" type=\"TEXT\">"
                + "<constraints nullable=\"false\"/></column></addColumn>");
        assertTrue(message.contains("NOT NULL column species without a default"), message);
    }

    @Test
    void rowsLeftViolatingAForeignKeyAtCommitAreNamed() throws Exception {
        changelogs.add("0002-fix", "<sql>DELETE FROM pet WHERE owner_id NOT IN (SELECT id FROM owner)</sql>");
        changelogs.add("0003-fk", "<addForeignKeyConstraint baseTableName=\"pet\" baseColumnNames=\"owner_id\""
                + " constraintName=\"fk_pet_owner\" referencedTableName=\"owner\" referencedColumnNames=\"id\"/>");
        Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).withBackups(false).update();
        byte[] before = Files.readAllBytes(db);
        changelogs.add("0004-orphans", "<sql>DELETE FROM owner</sql>");

        SchemaException e = assertThrows(SchemaException.class,
                () -> Engine.on(Target.sqlite(db)).changelog(changelogs.changelog()).withBackups(false).update());

        assertTrue(e.getMessage().startsWith("2 row(s) violate foreign keys after the changesets ran, e.g. pet rowid 1 -> owner,"
                + " pet rowid 2 -> owner"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(db));
    }
}
