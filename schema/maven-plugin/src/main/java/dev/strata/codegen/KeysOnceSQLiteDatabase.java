package dev.strata.codegen;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.Internal;
import org.jooq.meta.DefaultRelations;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.TableDefinition;
import org.jooq.meta.sqlite.SQLiteDatabase;
import org.jooq.tools.StringUtils;

/**
 * jOOQ's SQLite reader with its keys read in one pass. Stock jOOQ 3.19 takes the keys from a snapshot of
 * {@code Meta}, whose foreign-key lookup rebuilds every table (columns and indexes) for each foreign key:
 * quadratic, two thirds of code generation on 100 tables. Here each table is built once and the foreign keys
 * are resolved against those tables the way the snapshot resolves them (referenced table by name, then the
 * key with the same columns), so the relations, and the generated code, are the same. A schema this pass
 * cannot resolve in full (a foreign key to a missing table or column, or to a table or column spelled in another case)
 * is left to stock jOOQ.
 */
public class KeysOnceSQLiteDatabase extends SQLiteDatabase {
    private Keys keys;
    private boolean read;

    @Override
    protected void loadPrimaryKeys(DefaultRelations relations) throws SQLException {
        Keys k = keys();
        if (k == null) {
            super.loadPrimaryKeys(relations);
            return;
        }
        for (Table<?> t : k.tables) {
            UniqueKey<?> pk = t.getPrimaryKey();
            TableDefinition table = pk == null ? null : getTable(schema(), pk.getTable().getName());
            if (table != null) {
                for (Field<?> f : pk.getFields()) {
                    relations.addPrimaryKey(keyName(pk), table, table.getColumn(f.getName()));
                }
            }
        }
    }

    @Override
    protected void loadUniqueKeys(DefaultRelations relations) throws SQLException {
        Keys k = keys();
        if (k == null) {
            super.loadUniqueKeys(relations);
            return;
        }
        for (Table<?> t : k.tables) {
            for (UniqueKey<?> uk : t.getUniqueKeys()) {
                TableDefinition table = getTable(schema(), uk.getTable().getName());
                if (table != null) {
                    for (Field<?> f : uk.getFields()) {
                        relations.addUniqueKey(keyName(uk), table, table.getColumn(f.getName()));
                    }
                }
            }
        }
    }

    @Override
    protected void loadForeignKeys(DefaultRelations relations) throws SQLException {
        Keys k = keys();
        if (k == null) {
            super.loadForeignKeys(relations);
            return;
        }
        for (Reference fk : k.references) {
            TableDefinition fkTable = getTable(schema(), fk.table.getName(), true);
            TableDefinition ukTable = getTable(schema(), fk.key.getTable().getName(), true);
            if (fkTable == null || ukTable == null) {
                continue;
            }
            String ukName = keyName(fk.key);
            String fkName = StringUtils.isBlank(fk.name) ? "fk_" + fkTable.getName() + "_" + ukName : fk.name;
            for (int i = 0; i < fk.columns.size(); i++) {
                relations.addForeignKey(fkName, fkTable, fkTable.getColumn(fk.columns.get(i), true),
                        ukName, ukTable, ukTable.getColumn(fk.keyColumns.get(i), true), true);
            }
        }
    }

    /** Whether the keys were read in the one pass (false: nothing read yet, or left to stock jOOQ). */
    boolean readInOnePass() {
        return keys != null;
    }

    private SchemaDefinition schema() {
        return getSchemata().get(0);
    }

    /** Named as stock jOOQ's SQLite reader names keys, so the generated constants keep their names. */
    private static String keyName(UniqueKey<?> key) {
        String name = key.getName();
        return !StringUtils.isBlank(name) ? name
                : key.isPrimary() ? "pk_" + key.getTable().getName()
                : "uk_" + key.getTable().getName() + "_" + Internal.hash(DSL.list(key.getFields()));
    }

    /** The tables with their keys and resolved foreign keys, or null when stock jOOQ must read them. */
    private Keys keys() throws SQLException {
        if (!read) {
            read = true;
            keys = Keys.read(create().meta().getTables(), getConnection().getMetaData());
        }
        return keys;
    }

    private record Reference(Table<?> table, String name, List<String> columns, UniqueKey<?> key,
                             List<String> keyColumns) {
    }

    private record Keys(List<Table<?>> tables, List<Reference> references) {
        static Keys read(List<Table<?>> tables, DatabaseMetaData metadata) throws SQLException {
            Map<Table<?>, List<UniqueKey<?>>> keysOf = new LinkedHashMap<>();
            for (Table<?> t : tables) {
                keysOf.put(t, new ArrayList<>(t.getKeys()));
            }
            List<Reference> references = new ArrayList<>();
            for (Table<?> t : tables) {
                // jOOQ's snapshot drops a foreign key it cannot resolve and then skips resolving the next one of
                // the same table, which keeps an unresolved key; that case is left to stock jOOQ.
                boolean previousUnresolved = false;
                for (List<String[]> group : importedKeys(metadata, t.getName())) {
                    if (previousUnresolved) {
                        return null;
                    }
                    Table<?> referenced = findIgnoreCase(tables, group.get(0)[0]);
                    if (referenced == null) {
                        return null;
                    }
                    List<String> columns = new ArrayList<>();
                    List<String> keyColumns = new ArrayList<>();
                    for (String[] row : group) {
                        String keyColumn = fieldName(referenced, row[1]);
                        String column = fieldName(t, row[2]);
                        if (keyColumn == null || column == null) {
                            return null;
                        }
                        keyColumns.add(keyColumn);
                        columns.add(column);
                    }
                    // The snapshot's rule: the referenced table's first key over exactly these columns, else none.
                    Set<String> wanted = new HashSet<>(keyColumns);
                    UniqueKey<?> key = null;
                    for (UniqueKey<?> candidate : keysOf.get(referenced)) {
                        Set<String> names = new HashSet<>();
                        candidate.getFields().forEach(f -> names.add(f.getName()));
                        if (names.equals(wanted)) {
                            key = candidate;
                            break;
                        }
                    }
                    if (key != null) {
                        references.add(new Reference(t, group.get(0)[3], columns, key, keyColumns));
                    }
                    previousUnresolved = key == null;
                }
            }
            return new Keys(tables, references);
        }

        /**
         * The table's foreign keys from JDBC, grouped as jOOQ groups them (referenced table, constraint
         * name, referenced key name) in the driver's order; each row: referenced table, referenced column,
         * column, constraint name.
         */
        private static List<List<String[]>> importedKeys(DatabaseMetaData metadata, String table)
                throws SQLException {
            Map<List<String>, List<String[]>> groups = new LinkedHashMap<>();
            try (ResultSet rs = metadata.getImportedKeys(null, null, table)) {
                while (rs.next()) {
                    List<String> group = java.util.Arrays.asList(StringUtils.defaultString(rs.getString(1)),
                            StringUtils.defaultString(rs.getString(2)), rs.getString(3), rs.getString(12),
                            rs.getString(13));
                    groups.computeIfAbsent(group, g -> new ArrayList<>()).add(new String[] {
                        rs.getString(3), rs.getString(4), rs.getString(8), rs.getString(12)});
                }
            }
            return new ArrayList<>(groups.values());
        }

        private static Table<?> findIgnoreCase(List<Table<?>> tables, String name) {
            for (Table<?> t : tables) {
                if (t.getName().equalsIgnoreCase(name)) {
                    return t;
                }
            }
            return null;
        }

        /** The column as the table spells it: exact name first, then ignoring case, as jOOQ's lookup does. */
        private static String fieldName(Table<?> table, String name) {
            Field<?> exact = table.field(name);
            if (exact != null) {
                return exact.getName();
            }
            for (Field<?> f : table.fields()) {
                if (f.getName().equalsIgnoreCase(name)) {
                    return f.getName();
                }
            }
            return null;
        }
    }
}
