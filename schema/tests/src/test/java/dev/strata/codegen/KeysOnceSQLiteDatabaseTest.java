package dev.strata.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jooq.meta.AbstractDatabase;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.ForeignKeyDefinition;
import org.jooq.meta.TableDefinition;
import org.jooq.meta.UniqueKeyDefinition;
import org.jooq.meta.sqlite.SQLiteDatabase;

/**
 * The one-pass key reader against stock jOOQ, its oracle, on generated SQLite schemas: primary keys (rowid
 * alias, column, table-level, composite, named), unique constraints and unique indexes, foreign keys (column
 * and table level, named or not, composite, to a primary or unique key, to columns no key covers, to a table
 * or column spelled in another case, to itself, to a missing table) and views. The relations must be equal,
 * the generated code byte-identical, and the one pass must be what read them unless a reference dangles or
 * spells a referenced table or column in another case (left to stock jOOQ).
 */
class KeysOnceSQLiteDatabaseTest {

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 100)
    void readsTheSameKeysAsStockJooq(@ForAll("seeds") long seed) throws Exception {
        Schema schema = Schema.random(new Random(seed));
        try (Connection connection = schema.open()) {
            SQLiteDatabase stock = new SQLiteDatabase();
            KeysOnceSQLiteDatabase onePass = new KeysOnceSQLiteDatabase();
            String expected = relations(stock, connection);
            String actual = relations(onePass, CachedMetadata.wrap(connection));
            assertEquals(expected, actual, schema.ddl());
            assertTrue(onePass.readInOnePass() || schema.dangling || schema.unresolvedFirst,
                    "one pass taken unless a reference dangles or one to no key comes before another: "
                    + schema.ddl());
        }
    }

    @Property(tries = 6)
    void generatesByteIdenticalCode(@ForAll("seeds") long seed) throws Exception {
        Schema schema = Schema.random(new Random(seed));
        Path dir = Files.createTempDirectory("strata-keys-once");
        try (Connection connection = schema.open()) {
            JooqGenerator generator = new JooqGenerator(CodegenTest.CONFIG.getBytes());
            generator.generate(connection, dir.resolve("stock"), false);
            generator.generate(connection, dir.resolve("one-pass"), true);
            Map<String, String> stock = CachedMetadataTest.contents(dir.resolve("stock"));
            assertTrue(stock.keySet().stream().anyMatch(f -> f.contains("/tables/")), "tables are generated");
            assertEquals(stock, CachedMetadataTest.contents(dir.resolve("one-pass")), schema.ddl());
        } finally {
            GeneratedFiles.deleteTree(dir);
        }
    }

    /** Every table's primary key, unique keys and foreign keys, as names and columns, in jOOQ's order. */
    private static String relations(AbstractDatabase database, Connection connection) {
        database.setConnection(connection);
        StringBuilder out = new StringBuilder();
        for (TableDefinition table : database.getTables(database.getSchemata().get(0))) {
            out.append("table ").append(table.getName()).append('\n');
            if (table.getPrimaryKey() != null) {
                out.append("  pk ").append(key(table.getPrimaryKey())).append('\n');
            }
            for (UniqueKeyDefinition uk : table.getUniqueKeys()) {
                out.append("  uk ").append(key(uk)).append('\n');
            }
            for (ForeignKeyDefinition fk : table.getForeignKeys()) {
                out.append("  fk ").append(fk.getName()).append(' ').append(columns(fk.getKeyColumns()))
                        .append(" -> ").append(key(fk.getReferencedKey())).append(' ')
                        .append(columns(fk.getReferencedColumns())).append('\n');
            }
        }
        return out.toString();
    }

    private static String key(UniqueKeyDefinition key) {
        return key.getName() + "@" + key.getTable().getName() + columns(key.getKeyColumns());
    }

    private static String columns(List<ColumnDefinition> columns) {
        return columns.stream().map(ColumnDefinition::getName).toList().toString();
    }

    /** A random schema as DDL, in an in-memory SQLite database. */
    private record Schema(List<String> statements, int tables, boolean dangling, boolean unresolvedFirst) {
        static Schema random(Random random) {
            List<String> statements = new ArrayList<>();
            List<String> names = new ArrayList<>();
            // Per table: its columns, and the column sets a key covers (for references that resolve).
            List<List<String>> keyed = new ArrayList<>();
            boolean dangling = false;
            boolean unresolvedFirst = false;
            int count = 1 + random.nextInt(6);
            for (int t = 0; t < count; t++) {
                String name = (random.nextInt(4) == 0 ? "Tbl_" : "t") + t;
                List<String> parts = new ArrayList<>();
                List<String> keys = new ArrayList<>();
                int pk = random.nextInt(5);
                parts.add(pk == 1 ? "id INTEGER PRIMARY KEY" : pk == 2 ? "id TEXT PRIMARY KEY" : "id INTEGER NOT NULL");
                parts.add("a TEXT" + (random.nextInt(4) == 0 ? " UNIQUE" : ""));
                parts.add("b INTEGER");
                parts.add("c TEXT");
                if (pk == 3) {
                    parts.add("PRIMARY KEY (id, b)");
                    keys.add("id,b");
                } else if (pk == 4) {
                    parts.add("CONSTRAINT pk_named_" + t + " PRIMARY KEY (id)");
                }
                if (pk == 1 || pk == 2 || pk == 4) {
                    keys.add("id");
                }
                if (parts.get(1).endsWith("UNIQUE")) {
                    keys.add("a");
                }
                int unique = random.nextInt(4);
                if (unique == 1) {
                    parts.add("UNIQUE (a, c)");
                    keys.add("a,c");
                } else if (unique == 2) {
                    parts.add("CONSTRAINT uq_named_" + t + " UNIQUE (c)");
                    keys.add("c");
                }
                // References to earlier tables (or to itself): to a key, to a plain column, or to nothing there.
                int references = t == 0 ? random.nextInt(2) : random.nextInt(3);
                boolean mayNotResolve = false;
                for (int r = 0; r < references; r++) {
                    int target = random.nextInt(t + 1);
                    String to = target == t ? name : names.get(target);
                    if (random.nextInt(3) == 0) {
                        to = to.toUpperCase(java.util.Locale.ROOT);
                    }
                    List<String> targetKeys = target == t ? keys : keyed.get(target);
                    String named = random.nextBoolean() ? "CONSTRAINT fk_" + t + "_" + r + " " : "";
                    int kind = random.nextInt(8);
                    if (kind == 0) {
                        parts.add(named + "FOREIGN KEY (b) REFERENCES missing_" + t + " (id)");
                        dangling = true;
                        mayNotResolve = true;
                    } else if (kind == 1) {
                        parts.add(named + "FOREIGN KEY (c) REFERENCES " + to + " (c)");
                        mayNotResolve |= !targetKeys.contains("c");
                    } else if (!targetKeys.isEmpty()) {
                        String key = targetKeys.get(random.nextInt(targetKeys.size()));
                        String[] cols = key.split(",");
                        String from = cols.length == 1 ? "b" : "b, c";
                        String toColumns = random.nextInt(4) == 0 ? key.toUpperCase(java.util.Locale.ROOT) : key;
                        parts.add(named + "FOREIGN KEY (" + from + ") REFERENCES " + to + " (" + toColumns + ")");
                        // A unique index may or may not count as a key for jOOQ.
                        mayNotResolve |= key.equals("b");
                    }
                }
                unresolvedFirst |= mayNotResolve && references > 1;
                String ddl = "CREATE TABLE " + name + " (" + String.join(", ", parts) + ")";
                statements.add(ddl);
                if (random.nextInt(3) == 0) {
                    statements.add("CREATE UNIQUE INDEX ux_" + t + " ON " + name + " (b)");
                    keys.add("b");
                }
                if (random.nextInt(3) == 0) {
                    statements.add("CREATE INDEX ix_" + t + " ON " + name + " (c, b)");
                }
                names.add(name);
                keyed.add(keys);
            }
            if (random.nextBoolean()) {
                statements.add("CREATE VIEW v_all AS SELECT id, a FROM " + names.get(0));
            }
            return new Schema(statements, count, dangling, unresolvedFirst);
        }

        Connection open() throws Exception {
            Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
            try (Statement st = connection.createStatement()) {
                for (String sql : statements) {
                    st.execute(sql);
                }
            }
            return connection;
        }

        String ddl() {
            return String.join(";\n", statements);
        }
    }
}
