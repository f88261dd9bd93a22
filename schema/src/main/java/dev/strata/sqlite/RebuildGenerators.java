package dev.strata.sqlite;

import java.util.List;
import liquibase.database.Database;
import liquibase.datatype.DataTypeFactory;
import liquibase.exception.UnexpectedLiquibaseException;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.statement.core.AddDefaultValueStatement;
import liquibase.statement.core.AddForeignKeyConstraintStatement;
import liquibase.statement.core.AddPrimaryKeyStatement;
import liquibase.statement.core.AddUniqueConstraintStatement;
import liquibase.statement.core.DropDefaultValueStatement;
import liquibase.statement.core.DropForeignKeyConstraintStatement;
import liquibase.statement.core.DropPrimaryKeyStatement;
import liquibase.statement.core.DropUniqueConstraintStatement;
import liquibase.statement.core.ModifyDataTypeStatement;
import liquibase.statement.core.SetNullableStatement;

/** One generator per Liquibase statement that SQLite can only honour by rebuilding the table. */
public final class RebuildGenerators {
    private RebuildGenerators() {
    }

    static String q(String name) {
        return SqlTokens.quote(name);
    }

    /** {@code modifyDataType}: the column gets the new declared type; SQLite converts values by affinity. */
    public static final class ModifyDataType extends RebuildGenerator<ModifyDataTypeStatement> {
        @Override
        Sql[] rebuild(ModifyDataTypeStatement s, Database db) {
            String type = DataTypeFactory.getInstance().fromDescription(s.getNewDataType(), db).toDatabaseDataType(db)
                    .toString();
            return TableRebuild.of(db, s.getTableName()).apply(t -> t.setType(s.getColumnName(), type));
        }
    }

    /** {@code addNotNullConstraint} / {@code dropNotNullConstraint}. */
    public static final class SetNullable extends RebuildGenerator<SetNullableStatement> {
        @Override
        Sql[] rebuild(SetNullableStatement s, Database db) {
            TableRebuild rebuild = TableRebuild.of(db, s.getTableName());
            if (!s.isNullable()) {
                rebuild.schema().refuseIfAny("SELECT rowid FROM " + q(s.getTableName()) + " WHERE "
                        + q(s.getColumnName()) + " IS NULL", s.getTableName(), "NOT NULL on " + s.getColumnName(),
                        "those rowids hold NULL; give addNotNullConstraint a defaultNullValue or update them first");
            }
            return rebuild.apply(t -> t.setNotNull(s.getColumnName(), !s.isNullable(), s.getConstraintName()));
        }
    }

    /** {@code addDefaultValue}, including computed defaults such as CURRENT_TIMESTAMP. */
    public static final class AddDefault extends RebuildGenerator<AddDefaultValueStatement> {
        @Override
        Sql[] rebuild(AddDefaultValueStatement s, Database db) {
            String value = defaultSql(s.getDefaultValue(), s.getColumnDataType(), db);
            return TableRebuild.of(db, s.getTableName()).apply(t -> t.setDefault(s.getColumnName(), value));
        }
    }

    /** {@code dropDefaultValue}. */
    public static final class DropDefault extends RebuildGenerator<DropDefaultValueStatement> {
        @Override
        Sql[] rebuild(DropDefaultValueStatement s, Database db) {
            return TableRebuild.of(db, s.getTableName()).apply(t -> t.setDefault(s.getColumnName(), null));
        }
    }

    /** {@code addForeignKeyConstraint}, with ON DELETE / ON UPDATE and deferrability. */
    public static final class AddForeignKey extends RebuildGenerator<AddForeignKeyConstraintStatement> {
        @Override
        Sql[] rebuild(AddForeignKeyConstraintStatement s, Database db) {
            List<String> base = names(s.getBaseColumnNames());
            List<String> referenced = names(s.getReferencedColumnNames());
            TableRebuild rebuild = TableRebuild.of(db, s.getBaseTableName());
            StringBuilder orphan = new StringBuilder("SELECT rowid, ").append(quoted(base)).append(" FROM ")
                    .append(q(s.getBaseTableName())).append(" AS b WHERE ");
            for (String column : base) {
                orphan.append("b.").append(q(column)).append(" IS NOT NULL AND ");
            }
            orphan.append("NOT EXISTS (SELECT 1 FROM ").append(q(s.getReferencedTableName())).append(" AS r WHERE ");
            for (int i = 0; i < base.size(); i++) {
                orphan.append(i > 0 ? " AND " : "").append("r.").append(q(referenced.get(i))).append(" = b.")
                        .append(q(base.get(i)));
            }
            rebuild.schema().refuseIfAny(orphan.append(")").toString(), s.getBaseTableName(), "foreign key "
                    + s.getConstraintName() + " (" + String.join(", ", base) + " -> " + s.getReferencedTableName() + ")",
                    "those rows reference missing " + s.getReferencedTableName() + " rows; fix or delete them first");
            StringBuilder sql = new StringBuilder();
            if (s.getConstraintName() != null) {
                sql.append("CONSTRAINT ").append(q(s.getConstraintName())).append(' ');
            }
            sql.append("FOREIGN KEY (").append(quoted(base)).append(") REFERENCES ").append(q(s.getReferencedTableName()))
                    .append(" (").append(quoted(referenced)).append(')');
            if (s.getOnDelete() != null) {
                sql.append(" ON DELETE ").append(s.getOnDelete());
            }
            if (s.getOnUpdate() != null) {
                sql.append(" ON UPDATE ").append(s.getOnUpdate());
            }
            if (s.isDeferrable()) {
                sql.append(" DEFERRABLE").append(s.isInitiallyDeferred() ? " INITIALLY DEFERRED" : "");
            }
            return rebuild.apply(t -> t.addConstraint("FOREIGN", s.getConstraintName(), base, sql.toString()));
        }
    }

    /** {@code dropForeignKeyConstraint}: by name, declared on the column or as a table constraint. */
    public static final class DropForeignKey extends RebuildGenerator<DropForeignKeyConstraintStatement> {
        @Override
        Sql[] rebuild(DropForeignKeyConstraintStatement s, Database db) {
            return TableRebuild.of(db, s.getBaseTableName()).apply(t -> {
                if (t.dropConstraint("FOREIGN", s.getConstraintName()) == 0) {
                    throw new UnexpectedLiquibaseException("table " + s.getBaseTableName() + " has no foreign key named "
                            + s.getConstraintName());
                }
            });
        }
    }

    /** {@code addUniqueConstraint}. */
    public static final class AddUnique extends RebuildGenerator<AddUniqueConstraintStatement> {
        @Override
        Sql[] rebuild(AddUniqueConstraintStatement s, Database db) {
            List<String> columns = names(s.getColumnNames());
            TableRebuild rebuild = TableRebuild.of(db, s.getTableName());
            String notNull = String.join(" AND ", columns.stream().map(c -> q(c) + " IS NOT NULL").toList());
            rebuild.schema().refuseIfAny("SELECT " + quoted(columns) + ", COUNT(*) AS copies FROM " + q(s.getTableName())
                    + " WHERE " + notNull + " GROUP BY " + quoted(columns) + " HAVING COUNT(*) > 1", s.getTableName(),
                    "unique constraint " + s.getConstraintName() + " (" + String.join(", ", columns) + ")",
                    "those values appear more than once; remove the duplicates first");
            String sql = (s.getConstraintName() != null ? "CONSTRAINT " + q(s.getConstraintName()) + " " : "")
                    + "UNIQUE (" + quoted(columns) + ")";
            return rebuild.apply(t -> t.addConstraint("UNIQUE", s.getConstraintName(), columns, sql));
        }
    }

    /** {@code dropUniqueConstraint}: a table constraint by name, or a unique index of that name. */
    public static final class DropUnique extends RebuildGenerator<DropUniqueConstraintStatement> {
        @Override
        Sql[] rebuild(DropUniqueConstraintStatement s, Database db) {
            TableRebuild rebuild = TableRebuild.of(db, s.getTableName());
            boolean isIndex = rebuild.schema().entries().stream().anyMatch(e -> e.type().equals("index")
                    && e.name().equalsIgnoreCase(s.getConstraintName()));
            if (isIndex && rebuild.current().dropConstraint("UNIQUE", s.getConstraintName()) == 0) {
                return new Sql[] {new UnparsedSql("DROP INDEX " + q(s.getConstraintName()))};
            }
            return rebuild.apply(t -> {
                if (t.dropConstraint("UNIQUE", s.getConstraintName()) == 0) {
                    throw new UnexpectedLiquibaseException("table " + s.getTableName()
                            + " has no unique constraint named " + s.getConstraintName());
                }
            });
        }
    }

    /** {@code addPrimaryKey}. */
    public static final class AddPrimaryKey extends RebuildGenerator<AddPrimaryKeyStatement> {
        @Override
        Sql[] rebuild(AddPrimaryKeyStatement s, Database db) {
            List<String> columns = names(s.getColumnNames());
            TableRebuild rebuild = TableRebuild.of(db, s.getTableName());
            if (!rebuild.current().primaryKey().isEmpty()) {
                throw new UnexpectedLiquibaseException("table " + s.getTableName() + " already has a primary key ("
                        + String.join(", ", rebuild.current().primaryKey()) + "); drop it first");
            }
            String anyNull = String.join(" OR ", columns.stream().map(c -> q(c) + " IS NULL").toList());
            String label = "primary key (" + String.join(", ", columns) + ")";
            rebuild.schema().refuseIfAny("SELECT rowid FROM " + q(s.getTableName()) + " WHERE " + anyNull,
                    s.getTableName(), label, "those rowids hold NULL in a key column");
            rebuild.schema().refuseIfAny("SELECT " + quoted(columns) + ", COUNT(*) AS copies FROM " + q(s.getTableName())
                    + " GROUP BY " + quoted(columns) + " HAVING COUNT(*) > 1", s.getTableName(), label,
                    "those keys appear more than once");
            String sql = (s.getConstraintName() != null ? "CONSTRAINT " + q(s.getConstraintName()) + " " : "")
                    + "PRIMARY KEY (" + quoted(columns) + ")";
            return rebuild.apply(t -> {
                columns.forEach(c -> t.setNotNull(c, true, null));
                t.addConstraint("PRIMARY", s.getConstraintName(), columns, sql);
            });
        }
    }

    /** {@code dropPrimaryKey}: whatever the table declares as its key (SQLite has one). */
    public static final class DropPrimaryKey extends RebuildGenerator<DropPrimaryKeyStatement> {
        @Override
        Sql[] rebuild(DropPrimaryKeyStatement s, Database db) {
            return TableRebuild.of(db, s.getTableName()).apply(t -> {
                if (t.dropConstraint("PRIMARY", null) == 0) {
                    throw new UnexpectedLiquibaseException("table " + s.getTableName() + " has no primary key");
                }
            });
        }
    }

}
