package dev.strata.sqlite;

import static dev.strata.sqlite.SqlTokens.quote;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import liquibase.change.ColumnConfig;
import liquibase.database.Database;
import liquibase.datatype.DataTypeFactory;
import liquibase.statement.ColumnConstraint;
import liquibase.statement.DatabaseFunction;
import liquibase.statement.ForeignKeyConstraint;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.AddAutoIncrementStatement;
import liquibase.statement.core.AddColumnStatement;
import liquibase.statement.core.AddDefaultValueStatement;
import liquibase.statement.core.AddForeignKeyConstraintStatement;
import liquibase.statement.core.AddPrimaryKeyStatement;
import liquibase.statement.core.AddUniqueConstraintStatement;
import liquibase.statement.core.DropColumnStatement;
import liquibase.statement.core.DropDefaultValueStatement;
import liquibase.statement.core.DropForeignKeyConstraintStatement;
import liquibase.statement.core.DropPrimaryKeyStatement;
import liquibase.statement.core.DropUniqueConstraintStatement;
import liquibase.statement.core.ModifyDataTypeStatement;
import liquibase.statement.core.RenameViewStatement;
import liquibase.statement.core.SetNullableStatement;

/**
 * The plan for each Liquibase statement that changes a SQLite table: what it checks, how it edits the
 * table's definition (or which native ALTER TABLE it is), and the facts it is meant to change. Every change
 * type Liquibase has for a table ends here; none reaches a stock SQLite generator.
 */
final class TableChanges {
    private static final NativeAddColumnGenerator ADD_COLUMN = new NativeAddColumnGenerator();

    private TableChanges() {
    }

    /** The plan for {@code s}, or null when the statement is not a table change. */
    static TableChange plan(SqlStatement s, Database db) {
        if (s instanceof SetNullableStatement n) {
            return setNullable(n);
        } else if (s instanceof ModifyDataTypeStatement m) {
            return modifyDataType(m, db);
        } else if (s instanceof AddDefaultValueStatement a) {
            String value = RebuildGenerator.defaultSql(a.getDefaultValue(), a.getColumnDataType(), db);
            return columnEdit(a.getTableName(), a.getColumnName(), "addDefaultValue", t -> t.setDefault(a.getColumnName(), value),
                    "a default", f -> !f.contains(" default=null "));
        } else if (s instanceof DropDefaultValueStatement d) {
            return columnEdit(d.getTableName(), d.getColumnName(), "dropDefaultValue", t -> t.setDefault(d.getColumnName(), null),
                    "no default", f -> f.contains(" default=null "));
        } else if (s instanceof AddForeignKeyConstraintStatement f) {
            return addForeignKey(f);
        } else if (s instanceof DropForeignKeyConstraintStatement f) {
            return dropForeignKey(f.getBaseTableName(), f.getConstraintName());
        } else if (s instanceof DropAllForeignKeysStatement f) {
            return dropForeignKey(f.table(), null);
        } else if (s instanceof AddUniqueConstraintStatement u) {
            return addUnique(u);
        } else if (s instanceof DropUniqueConstraintStatement u) {
            return dropUnique(u);
        } else if (s instanceof AddPrimaryKeyStatement p) {
            return addPrimaryKey(p);
        } else if (s instanceof DropPrimaryKeyStatement p) {
            return dropPrimaryKey(p.getTableName());
        } else if (s instanceof AddAutoIncrementStatement a) {
            return addAutoIncrement(a);
        } else if (s instanceof AddColumnStatement a) {
            return addColumns(a, db);
        } else if (s instanceof DropColumnStatement d) {
            return dropColumns(d);
        } else if (s instanceof RenameViewStatement v) {
            return ViewRename.plan(v);
        } else if (s instanceof liquibase.statement.core.RenameTableStatement t) {
            return new TableChange(t.getOldTableName(), "renameTable " + t.getOldTableName() + " to " + t.getNewTableName())
                    .withoutFacts();
        } else if (s instanceof liquibase.statement.core.RenameColumnStatement c) {
            return new TableChange(c.getTableName(), "renameColumn " + c.getTableName() + "." + c.getOldColumnName() + " to "
                    + c.getNewColumnName()).withoutFacts();
        }
        return null;
    }

    private static TableChange columnEdit(String table, String column, String change,
                                          java.util.function.Consumer<TableDefinition> edit, String intent,
                                          java.util.function.Predicate<String> holds) {
        return new TableChange(table, change + " on " + table + "." + column)
                .check(requireColumn(table, column))
                .rebuild(edit)
                .expecting(before -> Expectation.none().mayChangeKey("column:" + Names.fold(column))
                        .requireColumn(column, column + " to have " + intent, holds));
    }

    private static TableChange setNullable(SetNullableStatement s) {
        boolean notNull = !s.isNullable();
        String column = s.getColumnName();
        TableChange change = columnEdit(s.getTableName(), column, notNull ? "addNotNullConstraint" : "dropNotNullConstraint",
                t -> t.setNotNull(column, notNull, s.getConstraintName()), notNull ? "NOT NULL" : "no NOT NULL",
                f -> f.contains(" notnull=" + (notNull ? 1 : 0) + " "));
        if (!notNull) {
            change.check(connection -> {
                TableDefinition definition = TableRebuild.definition(connection, s.getTableName());
                if (definition.withoutRowid() && definition.primaryKey().stream().anyMatch(k -> Names.same(k, column))) {
                    throw new ChangeRefused(column + " is part of the primary key of " + s.getTableName() + ", a WITHOUT"
                            + " ROWID table, whose key columns are always NOT NULL; drop the key first if it must allow NULL");
                }
            });
        }
        if (notNull) {
            change.check(TableChange.refuseIfAny(key -> "SELECT " + key + " FROM " + quote(s.getTableName()) + " WHERE "
                    + quote(column) + " IS NULL", s.getTableName(), "NOT NULL on " + s.getTableName() + "." + column,
                    "those rows hold NULL; give addNotNullConstraint a defaultNullValue or update them first"));
        }
        return change;
    }

    private static TableChange modifyDataType(ModifyDataTypeStatement s, Database db) {
        String table = s.getTableName();
        String column = s.getColumnName();
        String declared = DataTypeFactory.getInstance().fromDescription(s.getNewDataType(), db).toDatabaseDataType(db).toString();
        String[] type = {declared};
        TableChange change = new TableChange(table, "modifyDataType on " + table + "." + column)
                .check(requireColumn(table, column))
                .check(connection -> {
                    TableDefinition definition = TableRebuild.definition(connection, table);
                    boolean alias = Names.same(column, String.valueOf(Facts.rowidAlias(definition)));
                    if (alias && Affinity.of(declared) == Affinity.INTEGER) {
                        // SQLite's INTEGER is 64-bit; any other spelling would end the rowid alias and its numbering.
                        type[0] = "INTEGER";
                    } else if (alias) {
                        throw new ChangeRefused(column + " is the table's INTEGER PRIMARY KEY (its rowid), which only"
                                + " an integer type can be; add a new column of type " + declared + " instead");
                    }
                    if (definition.strict()) {
                        type[0] = Affinity.strictType(declared).orElseThrow(() -> new ChangeRefused(table
                                + " is a STRICT table, whose columns can only be INT, INTEGER, REAL, TEXT, BLOB or ANY;"
                                + " " + declared + " is none of them: choose one of those types"));
                    }
                })
                .rebuild(t -> t.setType(column, type[0]));
        return change.expecting(before -> Expectation.none().mayChangeKey("column:" + Names.fold(column))
                .requireColumn(column, column + " to be declared " + type[0],
                        f -> f.contains(" type=" + type[0] + " ")));
    }

    private static TableChange addForeignKey(AddForeignKeyConstraintStatement s) {
        String table = s.getBaseTableName();
        List<String> base = RebuildGenerator.names(s.getBaseColumnNames());
        List<String> referenced = RebuildGenerator.names(s.getReferencedColumnNames());
        String parent = s.getReferencedTableName();
        String label = "foreign key " + (s.getConstraintName() != null ? s.getConstraintName() + " " : "") + "("
                + String.join(", ", base) + ") -> " + parent + "(" + String.join(", ", referenced) + ")";
        StringBuilder orphan = new StringBuilder(", ").append(prefixed("b.", base)).append(" FROM ")
                .append(quote(table)).append(" AS b WHERE ");
        for (String column : base) {
            orphan.append("b.").append(quote(column)).append(" IS NOT NULL AND ");
        }
        orphan.append("NOT EXISTS (SELECT 1 FROM ").append(quote(parent)).append(" AS r WHERE ");
        for (int i = 0; i < base.size(); i++) {
            orphan.append(i > 0 ? " AND " : "").append("r.").append(quote(referenced.get(i))).append(" = b.")
                    .append(quote(base.get(i)));
        }
        orphan.append(")");
        StringBuilder sql = new StringBuilder();
        if (s.getConstraintName() != null) {
            sql.append("CONSTRAINT ").append(quote(s.getConstraintName())).append(' ');
        }
        sql.append("FOREIGN KEY (").append(RebuildGenerator.quoted(base)).append(") REFERENCES ").append(quote(parent))
                .append(" (").append(RebuildGenerator.quoted(referenced)).append(')');
        if (s.getOnDelete() != null) {
            sql.append(" ON DELETE ").append(s.getOnDelete());
        }
        if (s.getOnUpdate() != null) {
            sql.append(" ON UPDATE ").append(s.getOnUpdate());
        }
        if (s.isDeferrable()) {
            sql.append(" DEFERRABLE").append(s.isInitiallyDeferred() ? " INITIALLY DEFERRED" : "");
        }
        String fkKey = "fk:(" + String.join(",", base.stream().map(SqlTokens::quote).toList()) + ")->";
        return new TableChange(table, "addForeignKeyConstraint on " + table)
                .check(connection -> requireParentKey(connection, parent, referenced, label))
                .check(TableChange.refuseIfAny(key -> "SELECT " + String.join(", ", java.util.Arrays.stream(key.split(", "))
                                .map(k -> "b." + k).toList()) + orphan, table, label + " to " + table,
                        "those rows reference missing " + parent + " rows; fix or delete them first"))
                .rebuild(t -> t.addConstraint("FOREIGN", s.getConstraintName(), base, sql.toString()))
                .expecting(before -> Expectation.none().mayChange(k -> startsWithFolded(k, fkKey))
                        .require(label, f -> f.map().entrySet().stream().anyMatch(e -> startsWithFolded(e.getKey(), fkKey)
                                && (s.getConstraintName() == null || namedFk(e.getValue(), s.getConstraintName())))));
    }

    /** SQLite needs a foreign key's parent columns to be the parent's primary key or a UNIQUE set. */
    static void requireParentKey(java.sql.Connection connection, String parent, List<String> columns, String label)
            throws java.sql.SQLException, ChangeRefused {
        String stored;
        try {
            stored = TableRebuild.storedName(connection, parent);
        } catch (ChangeRefused e) {
            throw new ChangeRefused("cannot add " + label + ": the referenced table " + parent + " does not exist");
        }
        for (String column : columns) {
            if (Facts.single(connection, "SELECT 1 FROM pragma_table_info(" + Facts.literal(stored) + ") WHERE name = "
                    + Facts.literal(column) + " COLLATE NOCASE") == null) {
                throw new ChangeRefused("cannot add " + label + ": " + parent + " has no column " + column);
            }
        }
        List<String> pk = new ArrayList<>();
        for (String[] row : Facts.query(connection, "SELECT name FROM pragma_table_info(" + Facts.literal(stored)
                + ") WHERE pk > 0 ORDER BY pk")) {
            pk.add(row[0]);
        }
        if (sameSet(pk, columns)) {
            return;
        }
        for (String[] index : Facts.query(connection, "SELECT name FROM pragma_index_list(" + Facts.literal(stored)
                + ") WHERE \"unique\" = 1 AND partial = 0")) {
            List<String> cols = new ArrayList<>();
            for (String[] col : Facts.query(connection, "SELECT name FROM pragma_index_info(" + Facts.literal(index[0]) + ")")) {
                cols.add(String.valueOf(col[0]));
            }
            if (sameSet(cols, columns)) {
                return;
            }
        }
        throw new ChangeRefused("cannot add " + label + ": " + parent + "(" + String.join(", ", columns) + ") is neither"
                + " its primary key nor UNIQUE, and SQLite only lets a foreign key reference one of those; add a unique"
                + " constraint on " + parent + " first");
    }

    private static boolean sameSet(List<String> a, List<String> b) {
        return a.size() == b.size() && a.stream().allMatch(x -> b.stream().anyMatch(y -> Names.same(x, y)));
    }

    private static TableChange dropForeignKey(String table, String name) {
        String label = name == null ? "dropAllForeignKeyConstraints on " + table : "dropForeignKeyConstraint " + name + " on " + table;
        return new TableChange(table, label)
                .rebuild(t -> {
                    if (t.dropConstraint("FOREIGN", name) == 0 && name != null) {
                        throw new IllegalArgumentException("no foreign key named " + name);
                    }
                })
                .expecting(before -> Expectation.none()
                        .mayChange(k -> k.startsWith("fk:") && (name == null || namedFk(String.valueOf(before.get(k)), name)))
                        .require(name == null ? "no foreign keys" : "no foreign key named " + name, f -> f.map().entrySet().stream()
                                .noneMatch(e -> e.getKey().startsWith("fk:") && (name == null || namedFk(e.getValue(), name)))));
    }

    private static TableChange addUnique(AddUniqueConstraintStatement s) {
        String table = s.getTableName();
        List<String> columns = RebuildGenerator.names(s.getColumnNames());
        String notNull = String.join(" AND ", columns.stream().map(c -> quote(c) + " IS NOT NULL").toList());
        String label = "unique constraint " + (s.getConstraintName() != null ? s.getConstraintName() + " " : "")
                + "(" + String.join(", ", columns) + ") to " + table;
        String sql = (s.getConstraintName() != null ? "CONSTRAINT " + quote(s.getConstraintName()) + " " : "")
                + "UNIQUE (" + RebuildGenerator.quoted(columns) + ")";
        return new TableChange(table, "addUniqueConstraint on " + table)
                .check(TableChange.refuseIfAny("SELECT " + RebuildGenerator.quoted(columns) + ", COUNT(*) AS copies FROM "
                        + quote(table) + " WHERE " + notNull + " GROUP BY " + RebuildGenerator.quoted(columns)
                        + " HAVING COUNT(*) > 1", label, "those values appear more than once; remove the duplicates first"))
                .rebuild(t -> t.addConstraint("UNIQUE", s.getConstraintName(), columns, sql))
                .expecting(before -> Expectation.none().mayChange(k -> uniqueOver(k, columns))
                        .require("a unique index over (" + String.join(", ", columns) + ")",
                                f -> f.map().keySet().stream().anyMatch(k -> uniqueOver(k, columns))));
    }

    private static TableChange dropUnique(DropUniqueConstraintStatement s) {
        String table = s.getTableName();
        String name = s.getConstraintName();
        List<String> columns = s.getUniqueColumns() == null ? List.of()
                : Arrays.stream(s.getUniqueColumns()).map(ColumnConfig::getName).toList();
        if (name == null && columns.isEmpty()) {
            return new TableChange(table, "dropUniqueConstraint on " + table).check(c -> {
                throw new ChangeRefused("dropUniqueConstraint on " + table + " names neither a constraint nor columns;"
                        + " give it constraintName or uniqueColumns");
            });
        }
        String label = "dropUniqueConstraint " + (name != null ? name : "(" + String.join(", ", columns) + ")") + " on " + table;
        TableChange change = new TableChange(table, label);
        boolean[] isIndex = {false};
        change.check(connection -> {
            if (name == null) {
                return;
            }
            TableDefinition definition = TableRebuild.definition(connection, table);
            boolean constraint = definition.constraints().stream().anyMatch(c -> c.kind().equals("UNIQUE") && Names.same(c.name(), name))
                    || definition.columns().stream().anyMatch(c -> c.clauses.stream()
                    .anyMatch(cl -> cl.kind().equals("UNIQUE") && Names.same(cl.name(), name)));
            if (!constraint) {
                String index = Facts.single(connection, "SELECT name FROM sqlite_master WHERE type = 'index' AND \"unique\" IS NOT 0"
                        + " AND name = " + Facts.literal(name) + " COLLATE NOCASE");
                if (index == null || Facts.single(connection, "SELECT 1 FROM pragma_index_list(" + Facts.literal(TableRebuild.storedName(connection, table))
                        + ") WHERE \"unique\" = 1 AND name = " + Facts.literal(index)) == null) {
                    throw new ChangeRefused("table " + table + " has no unique constraint named " + name);
                }
                isIndex[0] = true;
                try (Statement st = connection.createStatement()) {
                    st.execute("DROP INDEX " + quote(index));
                }
            }
        });
        return change.doneHere().when(() -> !isIndex[0])
                .rebuild(t -> {
                    int removed = name != null ? t.dropConstraint("UNIQUE", name) : t.dropUniqueOn(columns);
                    if (removed == 0) {
                        throw new IllegalArgumentException("no unique constraint " + (name != null ? "named " + name
                                : "over (" + String.join(", ", columns) + ")"));
                    }
                })
                .expecting(before -> Expectation.none().mayChange(k -> (name != null && Names.same(k, "index:" + name))
                        || (name == null && uniqueOver(k, columns))
                        || (name != null && k.startsWith("index:auto-u(") && before.get(k) != null)));
    }

    private static TableChange addPrimaryKey(AddPrimaryKeyStatement s) {
        String table = s.getTableName();
        List<String> columns = RebuildGenerator.names(s.getColumnNames());
        String anyNull = String.join(" OR ", columns.stream().map(c -> quote(c) + " IS NULL").toList());
        String label = "primary key (" + String.join(", ", columns) + ") to " + table;
        String sql = (s.getConstraintName() != null ? "CONSTRAINT " + quote(s.getConstraintName()) + " " : "")
                + "PRIMARY KEY (" + RebuildGenerator.quoted(columns) + ")";
        return new TableChange(table, "addPrimaryKey on " + table)
                .check(connection -> {
                    List<String> pk = TableRebuild.definition(connection, table).primaryKey();
                    if (!pk.isEmpty()) {
                        throw new ChangeRefused("table " + table + " already has a primary key (" + String.join(", ", pk)
                                + "); drop it first");
                    }
                })
                .check(TableChange.refuseIfAny(key -> "SELECT " + key + " FROM " + quote(table) + " WHERE " + anyNull, table, label,
                        "those rows hold NULL in a key column"))
                .check(TableChange.refuseIfAny("SELECT " + RebuildGenerator.quoted(columns) + ", COUNT(*) AS copies FROM "
                        + quote(table) + " GROUP BY " + RebuildGenerator.quoted(columns) + " HAVING COUNT(*) > 1", label,
                        "those keys appear more than once"))
                .rebuild(t -> {
                    columns.forEach(c -> t.setNotNull(c, true, null));
                    t.addConstraint("PRIMARY", s.getConstraintName(), columns, sql);
                })
                .expecting(before -> Expectation.none().mayChange(k -> k.equals("rowid") || k.equals("rowids")
                                || k.startsWith("index:auto-pk")
                                // a UNIQUE over exactly the key's columns is served by the key's own index from now on
                                || uniqueOver(k, columns))
                        .mayChange(k -> columns.stream().anyMatch(c -> k.equals("column:" + Names.fold(c))))
                        .require("(" + String.join(", ", columns) + ") to be the primary key", f -> columns.stream()
                                .allMatch(c -> String.valueOf(f.get("column:" + Names.fold(c))).matches(".* pk=[1-9].*"))));
    }

    private static TableChange dropPrimaryKey(String table) {
        return new TableChange(table, "dropPrimaryKey on " + table)
                .check(connection -> {
                    if (TableRebuild.definition(connection, table).withoutRowid()) {
                        throw new ChangeRefused(table + " is a WITHOUT ROWID table, which must have a primary key;"
                                + " create a new table without one and copy the rows instead");
                    }
                })
                .rebuild(t -> {
                    if (t.dropConstraint("PRIMARY", null) == 0) {
                        throw new IllegalArgumentException("no primary key");
                    }
                })
                .expecting(before -> Expectation.none().mayChange(k -> k.equals("rowid") || k.startsWith("index:auto-pk")
                                || uniqueOver(k, keyColumns(before))
                                || k.equals("autoincrement") || k.equals("sequence")
                                || (k.startsWith("column:") && String.valueOf(before.get(k)).matches(".* pk=[1-9].*")))
                        .require("no primary key", f -> f.map().entrySet().stream()
                                .noneMatch(e -> e.getKey().startsWith("column:") && e.getValue().matches(".* pk=[1-9].*"))));
    }

    private static TableChange addAutoIncrement(AddAutoIncrementStatement s) {
        String table = s.getTableName();
        String column = s.getColumnName();
        return new TableChange(table, "addAutoIncrement on " + table + "." + column)
                .check(requireColumn(table, column))
                .check(connection -> {
                    TableDefinition definition = TableRebuild.definition(connection, table);
                    if (!Names.same(column, String.valueOf(Facts.rowidAlias(definition)))) {
                        throw new ChangeRefused("SQLite allows AUTOINCREMENT only on a table's INTEGER PRIMARY KEY, and "
                                + column + " is not " + table + "'s; make it the INTEGER PRIMARY KEY when the table is created");
                    }
                })
                .rebuild(t -> {
                    TableDefinition.Column c = t.column(column);
                    boolean already = c.clauses.stream().anyMatch(cl -> cl.tokens().stream().anyMatch(tk -> tk.is("AUTOINCREMENT")));
                    if (!already) {
                        String pk = c.clauses.stream().filter(cl -> cl.kind().equals("PRIMARY")).map(TableDefinition.Clause::text)
                                .findFirst().orElseThrow(() -> new IllegalArgumentException(column
                                        + " is declared by a table PRIMARY KEY constraint, where SQLite allows no AUTOINCREMENT"));
                        t.replaceClause(column, "PRIMARY", pk + " AUTOINCREMENT");
                    }
                })
                .expecting(before -> Expectation.none().mayChange(k -> k.equals("autoincrement") || k.equals("sequence"))
                        .require("AUTOINCREMENT on " + column, f -> "true".equals(f.get("autoincrement"))));
    }

    private static TableChange addColumns(AddColumnStatement statement, Database db) {
        List<AddColumnStatement> columns = statement.isMultiple() ? statement.getColumns() : List.of(statement);
        String table = columns.get(0).getTableName();
        List<String> names = columns.stream().map(AddColumnStatement::getColumnName).toList();
        TableChange change = new TableChange(table, "addColumn " + String.join(", ", names) + " to " + table);
        boolean[] strict = {false};
        change.check(connection -> {
            TableDefinition definition = TableRebuild.definition(connection, table);
            for (String name : names) {
                if (definition.hasColumn(name)) {
                    throw new ChangeRefused("table " + table + " already has a column " + name);
                }
            }
            strict[0] = definition.strict();
            for (AddColumnStatement c : columns) {
                String declared = DataTypeFactory.getInstance().fromDescription(c.getColumnType(), db).toDatabaseDataType(db).toString();
                if (strict[0] && Affinity.strictType(declared).isEmpty()) {
                    throw new ChangeRefused("column " + c.getColumnName() + ": " + table + " is a STRICT table, whose columns"
                            + " can only be INT, INTEGER, REAL, TEXT, BLOB or ANY, and " + declared + " has none of their"
                            + " affinities; declare the column with one of those types");
                }
            }
        });
        // A STRICT table takes only its own type names: the declared type becomes the STRICT type with its affinity.
        java.util.function.Function<AddColumnStatement, String> columnSql = c -> strict[0] ? strictColumn(c, db)
                : ADD_COLUMN.columnDefinition(c, db).strip();
        if (columns.stream().anyMatch(NativeAddColumnGenerator::needsRebuild)) {
            for (AddColumnStatement column : columns) {
                if (!column.isNullable() && column.getDefaultValue() == null) {
                    change.check(TableChange.refuseIfAny("SELECT count(*) AS \"rows\" FROM " + quote(table)
                                    + " HAVING count(*) > 0", "NOT NULL column " + column.getColumnName()
                                    + " without a default to " + table,
                            "existing rows would have no value; give the column a defaultValue, or add it nullable,"
                                    + " fill it, then addNotNullConstraint"));
                }
            }
            change.rebuild(definition -> columns.forEach(c -> definition.addColumn(columnSql.apply(c))));
            for (AddColumnStatement column : columns) {
                if (column.isUnique()) {
                    String index = ADD_COLUMN.uniqueIndexSql(column, db);
                    change.then(connection -> {
                        try (Statement st = connection.createStatement()) {
                            st.execute(index);
                        }
                    });
                }
            }
        }
        if (!change.rebuilds()) {
            change.doneHereWhen(() -> strict[0]).then(connection -> {
                if (!strict[0]) {
                    return;
                }
                try (Statement st = connection.createStatement()) {
                    for (AddColumnStatement c : columns) {
                        st.execute("ALTER TABLE " + quote(table) + " ADD COLUMN " + columnSql.apply(c));
                        if (c.isUnique()) {
                            st.execute(ADD_COLUMN.uniqueIndexSql(c, db));
                        }
                    }
                }
            });
        }
        return change.expecting(before -> {
            Expectation e = Expectation.none().mayChangeColumns(names);
            for (AddColumnStatement c : columns) {
                e.requireColumn(c.getColumnName(), c.getColumnName() + (c.isNullable() ? "" : " NOT NULL"),
                        f -> c.isNullable() || f.contains(" notnull=1 ") || f.matches(".* pk=[1-9].*"));
                if (c.isUnique()) {
                    e.require("a unique index over (" + c.getColumnName() + ")", f -> f.map().entrySet().stream()
                            .anyMatch(x -> x.getKey().startsWith("index:") && x.getValue().contains("unique=1")
                                    && x.getValue().contains("columns=(" + quote(c.getColumnName()))));
                }
                for (ColumnConstraint constraint : c.getConstraints()) {
                    if (constraint instanceof ForeignKeyConstraint fk && fk.getForeignKeyName() != null) {
                        e.require("foreign key " + fk.getForeignKeyName(), f -> f.map().entrySet().stream()
                                .anyMatch(x -> x.getKey().startsWith("fk:") && namedFk(x.getValue(), fk.getForeignKeyName())));
                    }
                }
                if (c.getDefaultValue() != null && !(c.getDefaultValue() instanceof DatabaseFunction function
                        && function.getValue().equalsIgnoreCase("NULL"))) {
                    e.requireColumn(c.getColumnName(), c.getColumnName() + " to have a default", f -> !f.contains(" default=null "));
                }
            }
            return e;
        });
    }

    private static TableChange dropColumns(DropColumnStatement statement) {
        List<DropColumnStatement> columns = statement.isMultiple() ? statement.getColumns() : List.of(statement);
        String table = columns.get(0).getTableName();
        List<String> names = columns.stream().map(DropColumnStatement::getColumnName).toList();
        TableChange change = new TableChange(table, "dropColumn " + String.join(", ", names) + " from " + table);
        boolean[] inUse = {false};
        change.check(connection -> {
            TableDefinition definition = TableRebuild.definition(connection, table);
            for (String name : names) {
                if (!definition.hasColumn(name)) {
                    throw new ChangeRefused("table " + table + " has no column " + name);
                }
                if (NativeDropColumnGenerator.inUse(connection, name, TableRebuild.storedName(connection, table), definition)) {
                    inUse[0] = true;
                }
            }
            String stored = TableRebuild.storedName(connection, table);
            for (String[] trigger : Facts.query(connection, "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")) {
                for (String name : names) {
                    // SQLite resolves a trigger's INSERT columns and SET targets only when it fires: check them here
                    if ((Names.same(trigger[1], stored) || TableDefinition.mentions(trigger[2], stored))
                            && TableDefinition.mentions(trigger[2], name)) {
                        throw new ChangeRefused("trigger " + trigger[0] + " names column " + name + " of " + stored
                                + ", so it would fail once the column is gone; drop or change the trigger in an earlier"
                                + " changeset first");
                    }
                }
            }
            if (names.size() == definition.columnNames().size()) {
                throw new ChangeRefused("dropping every column of " + table + " would leave a table with none; use dropTable");
            }
        });
        // SQLite refuses DROP COLUMN for a column in an index, a key or a constraint: such a column is dropped by
        // a rebuild that also drops the indexes over it (as Liquibase does on other databases).
        return change.rebuild(d -> names.forEach(d::dropColumn)).when(() -> inUse[0])
                .droppingIndexes(sql -> names.stream().anyMatch(n -> NativeDropColumnGenerator.indexUses(sql, n)))
                .expecting(before -> Expectation.none().mayChangeColumns(names).mayChangeIndexesOn(names, before)
                        .require(String.join(", ", names) + " to be gone", f -> names.stream()
                                .noneMatch(n -> f.get("column:" + Names.fold(n)) != null)));
    }

    private static String strictColumn(AddColumnStatement c, Database db) {
        String declared = DataTypeFactory.getInstance().fromDescription(c.getColumnType(), db).toDatabaseDataType(db).toString();
        String sql = ADD_COLUMN.columnDefinition(c, db).strip();
        String strictType = Affinity.strictType(declared).orElse(declared);
        int at = sql.indexOf(" " + declared);
        return at < 0 ? sql : sql.substring(0, at + 1) + strictType + sql.substring(at + 1 + declared.length());
    }

    /** Whether a foreign key fact's {@code name=} is {@code name}, as SQLite compares names. */
    static boolean namedFk(String value, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^name=(.*?) on_update=").matcher(value);
        return m.find() && Names.same(m.group(1), name);
    }

    /** Whether a fact key is the automatic index of a UNIQUE constraint over exactly these columns (any collation). */
    static boolean uniqueOver(String key, List<String> columns) {
        if (!key.startsWith("index:auto-u(")) {
            return false;
        }
        List<String> indexed = new ArrayList<>();
        for (List<SqlTokens.Token> part : SqlTokens.splitAtCommas(SqlTokens.tokenize(key, "index:auto-u(".length(), key.length() - 1))) {
            if (!part.isEmpty()) {
                indexed.add(part.get(0).name());
            }
        }
        return TableDefinition.sameColumns(indexed, columns);
    }

    /** The primary key's columns in key order, from a snapshot. */
    private static List<String> keyColumns(Facts facts) {
        java.util.TreeMap<Integer, String> key = new java.util.TreeMap<>();
        facts.map().forEach((k, v) -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^name=(.*) type=.* pk=([1-9][0-9]*) ").matcher(v);
            if (k.startsWith("column:") && m.find()) {
                key.put(Integer.parseInt(m.group(2)), m.group(1));
            }
        });
        return new ArrayList<>(key.values());
    }

    private static TableChange.Check requireColumn(String table, String column) {
        return connection -> {
            if (!TableRebuild.definition(connection, table).hasColumn(column)) {
                throw new ChangeRefused("table " + table + " has no column " + column);
            }
        };
    }

    private static boolean startsWithFolded(String key, String prefix) {
        return key.length() >= prefix.length() && Names.same(key.substring(0, prefix.length()), prefix);
    }

    private static String prefixed(String prefix, List<String> names) {
        return String.join(", ", names.stream().map(n -> prefix + quote(n)).toList());
    }
}
