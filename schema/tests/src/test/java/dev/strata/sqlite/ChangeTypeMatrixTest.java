package dev.strata.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import dev.strata.engine.Engine;
import dev.strata.engine.SchemaException;
import dev.strata.engine.Target;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sqlite.SQLiteConfig;

/**
 * Every Liquibase change type SQLite can express, applied by Strata's engine to a table that has a
 * referencing child, an index, a view, a trigger and rows: the result has the target structure, keeps
 * every row, passes SQLite's integrity and foreign key checks, the child's foreign key, the view and the
 * trigger still work, and the automatic rollback (where Liquibase defines one) restores the original.
 */
class ChangeTypeMatrixTest {
    static final String ITEM = "CREATE TABLE item (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(50) NOT NULL,"
            + " code VARCHAR(20) CONSTRAINT uq_item_code UNIQUE, qty INTEGER DEFAULT 0, note TEXT, category_id INTEGER)";
    static final String ITEM_INDEX = "CREATE INDEX ix_item_category ON item(category_id)";
    static final String LINE = "CREATE TABLE line (id INTEGER PRIMARY KEY, item_id INTEGER CONSTRAINT fk_line_item"
            + " REFERENCES item(id) ON DELETE CASCADE, amount INTEGER NOT NULL)";
    static final String TAG = "CREATE TABLE tag (code TEXT NOT NULL CONSTRAINT uq_tag_code UNIQUE, label TEXT)";
    static final String BASE = String.join(";\n",
            "CREATE TABLE category (id INTEGER PRIMARY KEY, title TEXT NOT NULL)",
            ITEM, ITEM_INDEX, LINE,
            "CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT)",
            "CREATE VIEW v_item_lines AS SELECT item.name AS name, line.amount AS amount FROM item JOIN line ON line.item_id = item.id",
            "CREATE TRIGGER trg_item_audit AFTER INSERT ON item BEGIN INSERT INTO audit (what) VALUES ('item ' || new.id); END",
            TAG, "CREATE TABLE tag_use (id INTEGER PRIMARY KEY, tag_code TEXT REFERENCES tag(code))",
            "CREATE INDEX ix_tag_label ON tag(label)",
            "CREATE VIEW v_tags AS SELECT tag.code AS code, tag_use.id AS use_id FROM tag JOIN tag_use ON tag_use.tag_code = tag.code",
            "CREATE TRIGGER trg_tag_audit AFTER INSERT ON tag BEGIN INSERT INTO audit (what) VALUES ('tag ' || new.code); END",
            "INSERT INTO category VALUES (1, 'tools'), (2, 'toys')",
            "INSERT INTO item (name, code, qty, note, category_id) VALUES ('hammer', 'H1', 3, NULL, 1), ('saw', NULL, 1, 'sharp', 1), ('ball', 'B1', 7, NULL, 2)",
            "INSERT INTO line VALUES (1, 1, 10), (2, 1, 20), (3, 2, 5), (4, 3, 1), (5, 3, 2)",
            "INSERT INTO tag VALUES ('red', 'Red'), ('blue', NULL)",
            "INSERT INTO tag_use VALUES (1, 'red'), (2, 'red'), (3, 'blue')");

    @TempDir
    Path dir;

    /** One row of the matrix: the change, the table it changes and that table's target definition. */
    record Case(String name, String change, String table, List<String> target, boolean reversible) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case item(String name, String change, String targetItem, boolean reversible) {
        return new Case(name, change, "item", List.of(targetItem, ITEM_INDEX), reversible);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
            item("addColumn nullable", "<addColumn tableName=\"item\"><column name=\"color\" type=\"VARCHAR(10)\"/></addColumn>",
                withColumn("color VARCHAR(10)"), true),
            item("addColumn NOT NULL with default", "<addColumn tableName=\"item\"><column name=\"active\" type=\"BOOLEAN\""
                + " defaultValueBoolean=\"true\"><constraints nullable=\"false\"/></column></addColumn>",
                withColumn("active BOOLEAN DEFAULT 1 NOT NULL"), true),
            item("addColumn computed default", "<addColumn tableName=\"item\"><column name=\"added_at\" type=\"DATETIME\""
                + " defaultValueComputed=\"CURRENT_TIMESTAMP\"/></addColumn>", withColumn("added_at DATETIME DEFAULT CURRENT_TIMESTAMP"), true),
            item("addColumn referencing another table", "<addColumn tableName=\"item\"><column name=\"supplier_id\" type=\"INTEGER\">"
                + "<constraints foreignKeyName=\"fk_item_supplier\" referencedTableName=\"category\" referencedColumnNames=\"id\"/>"
                + "</column></addColumn>", withColumn("supplier_id INTEGER REFERENCES category(id)"), true),
            item("dropColumn", "<dropColumn tableName=\"item\" columnName=\"note\"/>", ITEM.replace(", note TEXT", ""), false),
            new Case("dropColumn indexed", "<dropColumn tableName=\"item\" columnName=\"category_id\"/>", "item",
                List.of(ITEM.replace(", category_id INTEGER", "")), false),
            item("dropColumn unique", "<dropColumn tableName=\"item\" columnName=\"code\"/>",
                ITEM.replace(", code VARCHAR(20) CONSTRAINT uq_item_code UNIQUE", ""), false),
            new Case("renameColumn", "<renameColumn tableName=\"item\" oldColumnName=\"category_id\" newColumnName=\"cat_id\""
                + " columnDataType=\"INTEGER\"/>", "item", List.of(ITEM.replace("category_id", "cat_id"),
                ITEM_INDEX.replace("category_id", "cat_id")), true),
            new Case("renameTable", "<renameTable oldTableName=\"item\" newTableName=\"product\"/>", "product",
                List.of(ITEM.replace("TABLE item", "TABLE product"), ITEM_INDEX.replace("ON item", "ON product")), true),
            item("modifyDataType", "<modifyDataType tableName=\"item\" columnName=\"qty\" newDataType=\"BIGINT\"/>",
                ITEM.replace("qty INTEGER", "qty BIGINT"), false),
            item("addNotNullConstraint", "<addNotNullConstraint tableName=\"item\" columnName=\"code\" columnDataType=\"VARCHAR(20)\""
                + " defaultNullValue=\"NONE\"/>", ITEM.replace("code VARCHAR(20)", "code VARCHAR(20) NOT NULL"), true),
            item("dropNotNullConstraint", "<dropNotNullConstraint tableName=\"item\" columnName=\"name\" columnDataType=\"VARCHAR(50)\"/>",
                ITEM.replace("name VARCHAR(50) NOT NULL", "name VARCHAR(50)"), true),
            item("addForeignKeyConstraint", "<addForeignKeyConstraint baseTableName=\"item\" baseColumnNames=\"category_id\""
                + " constraintName=\"fk_item_category\" referencedTableName=\"category\" referencedColumnNames=\"id\" onDelete=\"SET NULL\"/>",
                withColumn("CONSTRAINT fk_item_category FOREIGN KEY (category_id) REFERENCES category(id) ON DELETE SET NULL"), true),
            new Case("dropForeignKeyConstraint", "<dropForeignKeyConstraint baseTableName=\"line\" constraintName=\"fk_line_item\"/>",
                "line", List.of(LINE.replace(" CONSTRAINT fk_line_item REFERENCES item(id) ON DELETE CASCADE", "")), false),
            item("addUniqueConstraint", "<addUniqueConstraint tableName=\"item\" columnNames=\"name\" constraintName=\"uq_item_name\"/>",
                withColumn("CONSTRAINT uq_item_name UNIQUE (name)"), true),
            item("dropUniqueConstraint", "<dropUniqueConstraint tableName=\"item\" constraintName=\"uq_item_code\"/>",
                ITEM.replace(" CONSTRAINT uq_item_code UNIQUE", ""), false),
            new Case("addPrimaryKey", "<addPrimaryKey tableName=\"tag\" columnNames=\"code\" constraintName=\"pk_tag\"/>", "tag",
                List.of(TAG.substring(0, TAG.length() - 1) + ", CONSTRAINT pk_tag PRIMARY KEY (code))",
                    "CREATE INDEX ix_tag_label ON tag(label)"), true),
            new Case("dropPrimaryKey", "<dropPrimaryKey tableName=\"line\"/>", "line",
                List.of(LINE.replace("id INTEGER PRIMARY KEY", "id INTEGER")), false),
            item("addDefaultValue", "<addDefaultValue tableName=\"item\" columnName=\"note\" defaultValue=\"n/a\"/>",
                ITEM.replace("note TEXT", "note TEXT DEFAULT 'n/a'"), true),
            item("addDefaultValue computed", "<addDefaultValue tableName=\"item\" columnName=\"note\""
                + " defaultValueComputed=\"CURRENT_TIMESTAMP\"/>", ITEM.replace("note TEXT", "note TEXT DEFAULT CURRENT_TIMESTAMP"), true),
            item("dropDefaultValue", "<dropDefaultValue tableName=\"item\" columnName=\"qty\"/>",
                ITEM.replace("qty INTEGER DEFAULT 0", "qty INTEGER"), false),
            new Case("renameView", "<renameView oldViewName=\"v_item_lines\" newViewName=\"v_lines\"/>", "item",
                List.of(ITEM, ITEM_INDEX), true)
        ).map(Arguments::of);
    }

    static String withColumn(String element) {
        return ITEM.substring(0, ITEM.length() - 1) + ", " + element + ")";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void appliesKeepsEverythingAndRollsBack(Case c) throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-base", "<sql splitStatements=\"true\" endDelimiter=\";\">" + BASE.replace("<", "&lt;") + "</sql>");
        Path file = dir.resolve("matrix.db");
        Engine base = Engine.on(Target.sqlite(file)).changelog(changelogs.changelog()).withBackups(false);
        base.update();
        Map<String, String> shapesBefore = shapes(file);
        Map<String, List<List<String>>> rowsBefore = rows(file);

        changelogs.add("0002-change", "    " + c.change());
        Engine engine = Engine.on(Target.sqlite(file)).changelog(changelogs.changelog()).withBackups(false);
        engine.update();

        try (Connection db = open(file)) {
            assertEquals("ok", SchemaShape.rows(db, "PRAGMA integrity_check").get(0).get(0));
            assertEquals(List.of(), SchemaShape.rows(db, "PRAGMA foreign_key_check"));
            assertEquals(expectedShape(c), SchemaShape.of(db, c.table()), "structure of " + c.table());
            for (Map.Entry<String, List<List<String>>> table : rowsBefore.entrySet()) {
                String name = c.name().equals("renameTable") && table.getKey().equals("item") ? "product" : table.getKey();
                assertEquals(table.getValue().size(), SchemaShape.rows(db, "SELECT * FROM " + name).size(),
                        "rows of " + name + " kept");
            }
            assertEquals(rowsBefore.get("line"), SchemaShape.rows(db, "SELECT * FROM line ORDER BY rowid"),
                    "child rows unchanged");
            assertTrue(c.name().startsWith("modifyDataType") || c.name().startsWith("addNotNull")
                    || c.name().startsWith("drop") || c.name().startsWith("rename")
                    || columnValues(db, "item", "name").equals(columnValuesOf(rowsBefore.get("item"), 1)));
            db.setAutoCommit(false);
            checkDependentsStillWork(db, c);
            db.rollback();
        }

        if (c.reversible()) {
            engine.rollbackCount(1);
            assertEquals(shapesBefore, shapes(file), "rollback restores the original structure");
            assertEquals(rowsBefore.keySet(), rows(file).keySet());
            assertEquals(rowsBefore.get("line"), rows(file).get("line"));
            try (Connection db = open(file)) {
                assertEquals(List.of(), SchemaShape.rows(db, "PRAGMA foreign_key_check"));
            }
        } else {
            SchemaException refused = assertThrows(SchemaException.class, () -> engine.rollbackCount(1));
            assertTrue(refused.getMessage().contains("0002-change") && refused.getMessage().contains("no automatic rollback"),
                    refused.getMessage());
        }
    }

    private String expectedShape(Case c) throws SQLException {
        try (Connection fresh = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            Statement s = fresh.createStatement();
            s.execute("CREATE TABLE category (id INTEGER PRIMARY KEY)");
            for (String sql : c.target()) {
                s.execute(sql);
            }
            return SchemaShape.of(fresh, c.table());
        }
    }

    private static void checkDependentsStillWork(Connection db, Case c) throws SQLException {
        String item = c.name().equals("renameTable") ? "product" : "item";
        String view = c.name().equals("renameView") ? "v_lines" : "v_item_lines";
        Statement s = db.createStatement();
        assertEquals("5", SchemaShape.rows(db, "SELECT COUNT(*) FROM " + view).get(0).get(0), "the view still works");
        assertEquals("3", SchemaShape.rows(db, "SELECT COUNT(*) FROM v_tags").get(0).get(0));
        int audits = Integer.parseInt(SchemaShape.rows(db, "SELECT COUNT(*) FROM audit").get(0).get(0));
        s.execute(c.name().startsWith("addNotNull") ? "INSERT INTO item (name, code) VALUES ('new', 'Z9')"
                : "INSERT INTO " + item + " (name) VALUES ('new')");
        assertEquals(audits + 1, Integer.parseInt(SchemaShape.rows(db, "SELECT COUNT(*) FROM audit").get(0).get(0)),
                "the trigger still fires");
        if (!c.name().equals("dropForeignKeyConstraint")) {
            SQLException orphan = assertThrows(SQLException.class,
                    () -> s.execute("INSERT INTO line (item_id, amount) VALUES (999, 1)"), "the child's foreign key is enforced");
            assertTrue(orphan.getMessage().contains("FOREIGN KEY"), orphan.getMessage());
            s.execute("DELETE FROM " + item + " WHERE id = 1");
            assertEquals("0", SchemaShape.rows(db, "SELECT COUNT(*) FROM line WHERE item_id = 1").get(0).get(0),
                    "ON DELETE CASCADE still reaches the child");
        }
    }

    private static Connection open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    }

    private static Map<String, String> shapes(Path file) throws SQLException {
        Map<String, String> result = new LinkedHashMap<>();
        try (Connection db = open(file)) {
            for (List<String> row : SchemaShape.rows(db, "SELECT name, type FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
                    + " AND name NOT LIKE 'DATABASECHANGELOG%' ORDER BY name")) {
                result.put(row.get(0), row.get(1).equals("table") ? SchemaShape.of(db, row.get(0)) : row.get(1));
            }
        }
        return result;
    }

    private static Map<String, List<List<String>>> rows(Path file) throws SQLException {
        Map<String, List<List<String>>> result = new LinkedHashMap<>();
        try (Connection db = open(file)) {
            for (String table : List.of("category", "item", "line", "tag", "tag_use")) {
                result.put(table, SchemaShape.rows(db, "SELECT * FROM " + table + " ORDER BY rowid"));
            }
        }
        return result;
    }

    private static List<String> columnValues(Connection db, String table, String column) throws SQLException {
        List<String> values = new ArrayList<>();
        for (List<String> row : SchemaShape.rows(db, "SELECT " + column + " FROM " + table + " ORDER BY rowid")) {
            values.add(row.get(0));
        }
        return values;
    }

    private static List<String> columnValuesOf(List<List<String>> rows, int index) {
        return rows.stream().map(r -> r.get(index)).toList();
    }
}
