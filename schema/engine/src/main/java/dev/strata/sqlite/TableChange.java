package dev.strata.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One structural change to one SQLite table, planned from a Liquibase statement: checks on the existing
 * rows, then either SQLite's own ALTER TABLE or Strata's rebuild, then the post-condition: the table's facts
 * are compared with what they were plus the intended change, and every view and trigger must still compile.
 */
final class TableChange {
    /** A check run before anything changes; throws when existing rows make the change impossible. */
    interface Check {
        void run(Connection connection) throws SQLException, ChangeRefused;
    }

    /** SQL that SQLite runs natively (ALTER TABLE ... ADD/DROP COLUMN), executed by Liquibase's executor. */
    interface NativeRun {
        void run() throws Exception;
    }

    /** Work done directly on the connection (e.g. creating an index after a rebuild). */
    interface Work {
        void run(Connection connection) throws SQLException, ChangeRefused;
    }

    final String table;
    final String label;
    private final List<Check> checks = new ArrayList<>();
    private Consumer<TableDefinition> edit;
    private java.util.function.BooleanSupplier rebuildWhen = () -> true;
    private Predicate<String> dropIndex = sql -> false;
    private final List<Work> after = new ArrayList<>();
    private Function<Facts, Expectation> expectation = before -> Expectation.none();
    private boolean verify = true;
    private java.util.function.BooleanSupplier runsNatively = () -> true;

    TableChange(String table, String label) {
        this.table = table;
        this.label = label;
    }

    TableChange check(Check check) {
        checks.add(check);
        return this;
    }

    /** Rebuild the table with this edit (null: the change runs natively). */
    TableChange rebuild(Consumer<TableDefinition> edit) {
        this.edit = edit;
        return this;
    }

    /** Rebuild only when this holds once the checks have run (else the change runs natively). */
    TableChange when(java.util.function.BooleanSupplier condition) {
        this.rebuildWhen = condition;
        return this;
    }

    TableChange droppingIndexes(Predicate<String> indexSql) {
        this.dropIndex = indexSql;
        return this;
    }

    /** The whole change is work done here ({@link #then}); Liquibase's SQL for it is only a description. */
    TableChange doneHere() {
        return doneHereWhen(() -> true);
    }

    /** As {@link #doneHere()}, decided once the checks have run. */
    TableChange doneHereWhen(java.util.function.BooleanSupplier condition) {
        this.runsNatively = () -> !condition.getAsBoolean();
        return this;
    }

    TableChange then(Work work) {
        after.add(work);
        return this;
    }

    TableChange expecting(Function<Facts, Expectation> expectation) {
        this.expectation = expectation;
        return this;
    }

    /** For changes whose effect is not one table's facts (renaming a view): dependents are still checked. */
    TableChange withoutFacts() {
        this.verify = false;
        return this;
    }

    boolean rebuilds() {
        return edit != null;
    }

    void apply(Connection connection, NativeRun nativeRun) throws Exception {
        Facts before = verify ? Facts.of(connection, table) : null;
        for (Check check : checks) {
            check.run(connection);
        }
        if (edit != null && rebuildWhen.getAsBoolean()) {
            TableRebuild.run(connection, table, edit, dropIndex);
        } else if (nativeRun != null && runsNatively.getAsBoolean()) {
            nativeRun.run();
        }
        for (Work work : after) {
            work.run(connection);
        }
        TableRebuild.checkDependents(connection);
        if (verify) {
            checkReferencingTables(connection);
        }
        if (verify) {
            Facts now = Facts.of(connection, table);
            List<String> problems = expectation.apply(before).problems(before, now);
            if (!problems.isEmpty()) {
                throw new ChangeRefused("Strata stopped it because the table would not be exactly what was intended: "
                        + String.join("; ", problems) + ". This is a defect in Strata's SQLite support: please report"
                        + " it with the table's CREATE TABLE statement");
            }
        }
    }

    /**
     * Every foreign key that references this table must still reference its key or a UNIQUE set (SQLite's
     * rule); otherwise every later write to the child fails with "foreign key mismatch".
     */
    private void checkReferencingTables(Connection connection) throws SQLException, ChangeRefused {
        String stored = TableRebuild.storedName(connection, table);
        for (String[] child : Facts.query(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%REFERENCES%'")) {
            java.util.Map<String, List<String>> references = new java.util.LinkedHashMap<>();
            for (String[] fk : Facts.query(connection, "SELECT id, \"table\", \"to\" FROM pragma_foreign_key_list("
                    + Facts.literal(child[0]) + ") ORDER BY id, seq")) {
                if (Names.same(fk[1], stored)) {
                    references.computeIfAbsent(fk[0], k -> new ArrayList<>()).add(fk[2]);
                }
            }
            for (List<String> to : references.values()) {
                List<String> parentColumns = to.contains(null) ? TableRebuild.definition(connection, stored).primaryKey() : to;
                String label = "the foreign key of " + child[0] + " that references " + stored;
                try {
                    if (parentColumns.isEmpty()) {
                        throw new ChangeRefused(label + " would name no key");
                    }
                    TableChanges.requireParentKey(connection, stored, parentColumns, label);
                } catch (ChangeRefused e) {
                    throw new ChangeRefused(label + " (" + String.join(", ", parentColumns) + ") would no longer reference"
                            + " its primary key or a UNIQUE set, which SQLite requires; drop or change that foreign key"
                            + " in an earlier changeset first");
                }
            }
        }
    }

    /** Fails the change, naming a sample of the rows that prevent it. */
    static Check refuseIfAny(String query, String constraint, String advice) {
        return refuseIfAny(table -> query, null, constraint, advice);
    }

    /**
     * As {@link #refuseIfAny(String, String, String)}, with the query built around how {@code table}'s rows are
     * named: {@code rowid}, or the primary key columns of a WITHOUT ROWID table.
     */
    static Check refuseIfAny(Function<String, String> queryByRowKey, String table, String constraint, String advice) {
        return connection -> {
            String query = queryByRowKey.apply(table == null ? null : rowKey(connection, table));
            List<String> offending = new ArrayList<>();
            try (java.sql.Statement s = connection.createStatement();
                 java.sql.ResultSet rs = s.executeQuery(query + " LIMIT 5")) {
                java.sql.ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    List<String> fields = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        fields.add(meta.getColumnLabel(i) + "=" + rs.getString(i));
                    }
                    offending.add(String.join(", ", fields));
                }
            }
            if (!offending.isEmpty()) {
                throw new ChangeRefused("cannot add " + constraint + ": existing rows violate it, e.g. ["
                        + String.join("; ", offending) + "]; " + advice);
            }
        };
    }

    /** What names a row of {@code table}: {@code rowid}, or its primary key columns when it has no rowid. */
    static String rowKey(Connection connection, String table) throws SQLException, ChangeRefused {
        TableDefinition definition = TableRebuild.definition(connection, table);
        if (!definition.withoutRowid()) {
            String name = Facts.rowidName(definition.columnNames());
            return name == null ? "rowid" : name + " AS " + name;
        }
        return String.join(", ", definition.primaryKey().stream().map(SqlTokens::quote).toList());
    }
}
