package dev.strata.guard;

import dev.strata.codegen.CachedMetadata;
import dev.strata.codegen.KeysOnceSQLiteDatabase;
import dev.strata.engine.TrackingTable;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.Database;
import org.jooq.meta.ForeignKeyDefinition;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.TableDefinition;
import org.jooq.meta.UniqueKeyDefinition;
import org.jooq.meta.extensions.liquibase.LiquibaseDatabase;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.sqlite.SQLiteDatabase;

/**
 * The second-engine check: jOOQ's LiquibaseDatabase replays the same changelogs into H2; its tables,
 * columns, nullability, primary, unique and foreign keys are compared with what SQLite ended up with.
 * A difference means a changelog depends on SQLite-only behaviour and will not run the same on another
 * database. Case and type names differ between engines by nature and are not compared.
 */
final class SecondEngineCheck {
    private SecondEngineCheck() {
    }

    /** A comparable description of every base table: one sorted line per fact. */
    static Map<String, List<String>> describe(Database database) {
        Map<String, List<String>> tables = new TreeMap<>();
        for (SchemaDefinition schema : database.getSchemata()) {
            for (TableDefinition table : database.getTables(schema)) {
                String name = lower(table.getInputName());
                if (name.startsWith(TrackingTable.CHANGELOG.toLowerCase(java.util.Locale.ROOT)) || table.isView() || table.isMaterializedView()) {
                    continue;
                }
                TreeSet<String> facts = new TreeSet<>();
                for (ColumnDefinition column : table.getColumns()) {
                    facts.add("column " + lower(column.getInputName()) + (column.getType().isNullable() ? " null" : " not null"));
                }
                UniqueKeyDefinition pk = table.getPrimaryKey();
                if (pk != null) {
                    facts.add("primary key " + columns(pk.getKeyColumns()));
                }
                for (UniqueKeyDefinition unique : table.getUniqueKeys()) {
                    facts.add("unique " + columns(unique.getKeyColumns()));
                }
                for (ForeignKeyDefinition fk : table.getForeignKeys()) {
                    facts.add("foreign key " + columns(fk.getKeyColumns()) + " -> "
                            + lower(fk.getReferencedTable().getInputName()) + columns(fk.getReferencedColumns()));
                }
                tables.put(name, new ArrayList<>(facts));
            }
        }
        return tables;
    }

    static LiquibaseDatabase h2(Path changelogRoot, String master) {
        LiquibaseDatabase database = new LiquibaseDatabase();
        Properties properties = new Properties();
        properties.setProperty("rootPath", changelogRoot.toString());
        properties.setProperty("scripts", master);
        properties.setProperty("includeLiquibaseTables", "false");
        database.setProperties(properties);
        database.setConfiguredSchemata(List.of(new SchemaMappingType().withInputSchema("PUBLIC")));
        return database;
    }

    static SQLiteDatabase sqlite(Connection connection) {
        // Stock jOOQ rebuilds every table per foreign key on SQLite: keys read in one pass, metadata answered once.
        SQLiteDatabase database = new KeysOnceSQLiteDatabase();
        database.setConnection(CachedMetadata.wrap(connection));
        return database;
    }

    /** Differences, each naming the table and the fact only one engine has. */
    static List<String> differences(Map<String, List<String>> sqlite, Map<String, List<String>> h2) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(sqlite.keySet());
        names.addAll(h2.keySet());
        for (String table : names) {
            List<String> a = sqlite.getOrDefault(table, List.of());
            List<String> b = h2.getOrDefault(table, List.of());
            if (!sqlite.containsKey(table) || !h2.containsKey(table)) {
                problems.add("table " + table + " exists only on " + (sqlite.containsKey(table) ? "SQLite" : "H2"));
                continue;
            }
            a.stream().filter(f -> !b.contains(f)).forEach(f -> problems.add(table + ": " + f + " only on SQLite"));
            b.stream().filter(f -> !a.contains(f)).forEach(f -> problems.add(table + ": " + f + " only on H2"));
        }
        return problems;
    }

    private static String columns(List<ColumnDefinition> columns) {
        return "(" + String.join(", ", columns.stream().map(c -> lower(c.getInputName())).toList()) + ")";
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
