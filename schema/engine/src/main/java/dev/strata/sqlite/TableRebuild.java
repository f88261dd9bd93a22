package dev.strata.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * SQLite's documented procedure for a table change ALTER TABLE cannot make, done so that nothing else moves:
 * the old table is renamed aside with {@code legacy_alter_table} on (so no view, trigger or other table's
 * foreign key is rewritten to follow it), the new table is created from the stored CREATE TABLE with only
 * the edited element spliced in (same name bytes, same everything else), rows are copied with their rowids,
 * the AUTOINCREMENT counter is carried, the old table is dropped and its own indexes and triggers are
 * created again from their stored SQL. Views are never dropped, so views on views, views naming
 * {@code main.t} and INSTEAD OF triggers on views stay exactly as they were. Runs with foreign keys off
 * (the engine's transaction); PRAGMA foreign_key_check runs before commit.
 */
final class TableRebuild {
    private static final String ASIDE = "__strata_old";

    private TableRebuild() {
    }

    /** The stored definition of {@code table}, refusing one that Strata cannot reproduce exactly. */
    static TableDefinition definition(Connection connection, String table) throws SQLException, ChangeRefused {
        String sql = storedSql(connection, table);
        TableDefinition definition;
        try {
            definition = TableDefinition.parse(sql);
        } catch (IllegalArgumentException e) {
            throw new ChangeRefused("cannot read the stored definition of table " + table + " (" + e.getMessage()
                    + "); change it with a <sql> changeset that recreates the table");
        }
        if (!definition.roundTrips()) {
            throw new ChangeRefused("cannot reproduce the stored definition of table " + table + " exactly, so a"
                    + " rebuild could alter it; change it with a <sql> changeset that recreates the table");
        }
        return definition;
    }

    static String storedSql(Connection connection, String table) throws SQLException, ChangeRefused {
        for (String[] row : Facts.query(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'table'")) {
            if (Names.same(row[0], table)) {
                return row[1];
            }
        }
        throw new ChangeRefused("table " + table + " does not exist");
    }

    /** The table's real name as stored (a changelog may spell it in another ASCII case). */
    static String storedName(Connection connection, String table) throws SQLException, ChangeRefused {
        for (String[] row : Facts.query(connection, "SELECT name FROM sqlite_master WHERE type = 'table'")) {
            if (Names.same(row[0], table)) {
                return row[0];
            }
        }
        throw new ChangeRefused("table " + table + " does not exist");
    }

    /**
     * Rebuilds {@code table} with {@code edit} applied to its definition; indexes matching {@code dropIndex}
     * (by stored SQL) are not created again.
     */
    static void run(Connection connection, String table, Consumer<TableDefinition> edit, Predicate<String> dropIndex)
            throws SQLException, ChangeRefused {
        String name = storedName(connection, table);
        if ("1".equals(Facts.single(connection, "PRAGMA foreign_keys"))
                && Facts.single(connection, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name <> " + Facts.literal(name)
                + " AND sql LIKE '%REFERENCES%'") != null) {
            throw new ChangeRefused("rebuilding " + name + " with foreign keys enforced could cascade into other"
                    + " tables; run the change through Strata's engine (migrate update), which turns foreign keys off"
                    + " for the transaction and checks them before commit");
        }
        TableDefinition definition = definition(connection, name);
        List<String> oldColumns = new ArrayList<>();
        for (String[] c : Facts.query(connection, "SELECT name FROM pragma_table_xinfo(" + Facts.literal(name) + ")")) {
            oldColumns.add(c[0]);
        }
        boolean oldHasRowid = !definition.withoutRowid();
        String oldRowidName = Facts.rowidName(oldColumns);
        try {
            edit.accept(definition);
        } catch (IllegalArgumentException e) {
            throw new ChangeRefused(e.getMessage() + " in table " + name);
        }
        String createSql = definition.render();
        List<String[]> ownIndexes = new ArrayList<>();
        List<String[]> ownTriggers = new ArrayList<>();
        for (String[] row : Facts.query(connection, "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
                + " AND type IN ('index', 'trigger') AND tbl_name = " + Facts.literal(name) + " ORDER BY rowid")) {
            if (row[0].equals("index") && !dropIndex.test(row[2])) {
                ownIndexes.add(row);
            } else if (row[0].equals("trigger")) {
                ownTriggers.add(row);
            }
        }
        String sequence = Facts.single(connection, "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'") == null ? null
                : Facts.single(connection, "SELECT seq FROM sqlite_sequence WHERE name = " + Facts.literal(name));
        String aside = name + ASIDE;
        while (Facts.single(connection, "SELECT 1 FROM sqlite_master WHERE name = " + Facts.literal(aside)) != null) {
            aside = aside + "_";
        }
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA legacy_alter_table = ON");
            try {
                s.execute("ALTER TABLE " + SqlTokens.quote(name) + " RENAME TO " + SqlTokens.quote(aside));
                try {
                    s.execute(createSql);
                } catch (SQLException e) {
                    throw new ChangeRefused("the changed definition of " + name + " is not valid SQLite ("
                            + ChangeRefused.sqliteWords(e.getMessage()) + "): " + createSql + "; a generated column, CHECK"
                            + " or key of the table still uses what the change removes: drop or change it first");
                }
                copyRows(connection, s, name, aside, oldColumns, oldHasRowid ? oldRowidName : null);
                if (sequence != null) {
                    s.execute("UPDATE sqlite_sequence SET seq = max(seq, " + sequence + ") WHERE name = " + Facts.literal(name));
                    if (s.getUpdateCount() == 0 && definition.autoincrement()) {
                        s.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (" + Facts.literal(name) + ", " + sequence + ")");
                    }
                }
                s.execute("DROP TABLE " + SqlTokens.quote(aside));
                for (String[] index : ownIndexes) {
                    s.execute(index[2]);
                }
                for (String[] trigger : ownTriggers) {
                    s.execute(trigger[2]);
                }
            } finally {
                s.execute("PRAGMA legacy_alter_table = OFF");
            }
        }
    }

    /**
     * Copies every row: the columns both tables have, except generated ones (SQLite computes those), and the
     * rowid itself where the new table has one that no column carries, so rowids are not renumbered.
     */
    private static void copyRows(Connection connection, Statement s, String name, String aside, List<String> oldColumns,
                                 String oldRowid) throws SQLException, ChangeRefused {
        TableDefinition created = TableDefinition.parse(storedSql(connection, name));
        List<String> target = new ArrayList<>();
        List<String> source = new ArrayList<>();
        for (String[] c : Facts.query(connection, "SELECT name, hidden FROM pragma_table_xinfo(" + Facts.literal(name) + ")")) {
            if (c[1].equals("0") && oldColumns.stream().anyMatch(o -> Names.same(o, c[0]))) {
                target.add(SqlTokens.quote(c[0]));
                source.add(SqlTokens.quote(oldColumns.stream().filter(o -> Names.same(o, c[0])).findFirst().orElseThrow()));
            }
        }
        String newRowid = Facts.rowidName(created.columnNames());
        if (oldRowid != null && newRowid != null && !created.withoutRowid() && Facts.rowidAlias(created) == null) {
            target.add(0, newRowid);
            source.add(0, oldRowid);
        }
        String insert = "INSERT INTO " + SqlTokens.quote(name) + " (" + String.join(", ", target) + ") SELECT "
                + String.join(", ", source) + " FROM " + SqlTokens.quote(aside);
        try {
            s.execute(insert);
        } catch (SQLException e) {
            throw new ChangeRefused("existing rows do not fit the changed table " + name + ": "
                    + ChangeRefused.sqliteWords(e.getMessage())
                    + offendingRows(connection, name, aside, target, source, oldRowid)
                    + "; update or delete those rows in an earlier changeset");
        }
    }

    /** A sample of the rows that fail to copy, found one row at a time inside a savepoint. */
    private static String offendingRows(Connection connection, String name, String aside, List<String> target,
                                        List<String> source, String oldRowid) {
        if (oldRowid == null) {
            return "";
        }
        List<String> bad = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            List<String[]> rowids = Facts.query(connection, "SELECT " + oldRowid + " FROM " + SqlTokens.quote(aside)
                    + " LIMIT 100000");
            for (String[] rowid : rowids) {
                s.execute("SAVEPOINT strata_probe_row");
                try {
                    s.execute("INSERT INTO " + SqlTokens.quote(name) + " (" + String.join(", ", target) + ") SELECT "
                            + String.join(", ", source) + " FROM " + SqlTokens.quote(aside) + " WHERE " + oldRowid + " = "
                            + rowid[0]);
                } catch (SQLException e) {
                    bad.add(rowid[0]);
                } finally {
                    s.execute("ROLLBACK TO strata_probe_row");
                    s.execute("RELEASE strata_probe_row");
                }
                if (bad.size() == 5) {
                    break;
                }
            }
        } catch (SQLException e) {
            return "";
        }
        return bad.isEmpty() ? "" : " (rows with rowid " + String.join(", ", bad) + ")";
    }

    /**
     * Every view and trigger in the schema still compiles: SQLite re-resolves them all when any table is
     * renamed, so renaming a scratch table surfaces "error in view v: no such column: x".
     */
    static void checkDependents(Connection connection) throws SQLException, ChangeRefused {
        String probe = "__strata_probe";
        while (Facts.single(connection, "SELECT 1 FROM sqlite_master WHERE name IN (" + Facts.literal(probe) + ", "
                + Facts.literal(probe + "_renamed") + ") COLLATE NOCASE") != null) {
            probe = probe + "_";
        }
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE " + SqlTokens.quote(probe) + " (x)");
            try {
                s.execute("ALTER TABLE " + SqlTokens.quote(probe) + " RENAME TO " + SqlTokens.quote(probe + "_renamed"));
            } catch (SQLException e) {
                throw new ChangeRefused("it would break a view or trigger that depends on it: "
                        + ChangeRefused.sqliteWords(e.getMessage())
                        + "; drop or change that view or trigger in the same changeset first");
            }
            s.execute("DROP TABLE " + SqlTokens.quote(probe + "_renamed"));
        }
    }
}
