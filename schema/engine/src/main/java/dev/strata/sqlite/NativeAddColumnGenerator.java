package dev.strata.sqlite;

import java.util.ArrayList;
import java.util.List;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AddColumnGenerator;
import liquibase.statement.ColumnConstraint;
import liquibase.statement.DatabaseFunction;
import liquibase.statement.ForeignKeyConstraint;
import liquibase.statement.core.AddColumnStatement;

/**
 * {@code addColumn} on SQLite as {@code ALTER TABLE ... ADD COLUMN}. Stock Liquibase rebuilds the table
 * through a {@code *_temporary} copy instead, which rewrites other tables' foreign keys to point at the
 * copy, drops UNIQUE constraints and loses the new column's NOT NULL and DEFAULT.
 */
public class NativeAddColumnGenerator extends AddColumnGenerator {

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE + 10;
    }

    @Override
    public boolean supports(AddColumnStatement statement, Database database) {
        return database instanceof SQLiteDatabase;
    }

    @Override
    public boolean generateStatementsIsVolatile(Database database) {
        return false;
    }

    @Override
    public Sql[] generateSql(AddColumnStatement statement, Database database, SqlGeneratorChain chain) {
        List<AddColumnStatement> columns = columns(statement);
        if (columns.stream().anyMatch(NativeAddColumnGenerator::needsRebuild)) {
            // Strata's executor rebuilds the table itself (TableChanges); SQL output can only describe it.
            return RebuildGenerator.previewSql(statement);
        }
        List<Sql> sql = new ArrayList<>();
        for (AddColumnStatement column : columns) {
            sql.add(new UnparsedSql(generateSingleColumBaseSQL(column, database) + " ADD"
                    + columnDefinition(column, database), getAffectedColumn(column)));
            if (column.isUnique()) {
                sql.add(new UnparsedSql(uniqueIndexSql(column, database)));
            }
        }
        return sql.toArray(new Sql[0]);
    }

    /** SQLite's ADD COLUMN refuses a non-constant default and a NOT NULL column without a default. */
    static boolean needsRebuild(AddColumnStatement column) {
        return (column.getDefaultValue() instanceof DatabaseFunction function && !constant(function))
                || (!column.isNullable() && column.getDefaultValue() == null);
    }

    private static boolean constant(DatabaseFunction function) {
        return function.getValue().matches("(?i)NULL|TRUE|FALSE");
    }

    /** ADD COLUMN cannot add a UNIQUE column, so uniqueness comes from an index named as Liquibase names it. */
    String uniqueIndexSql(AddColumnStatement column, Database database) {
        String name = column.getUniqueStatementName() != null ? column.getUniqueStatementName()
                : "uq_" + column.getTableName() + "_" + column.getColumnName();
        return "CREATE UNIQUE INDEX " + database.escapeIndexName(null, null, name) + " ON "
                + database.escapeTableName(column.getCatalogName(), column.getSchemaName(), column.getTableName()) + "("
                + database.escapeColumnName(null, null, column.getTableName(), column.getColumnName()) + ")";
    }

    /**
     * {@code name TYPE [DEFAULT ...] [NOT NULL] [CONSTRAINT fk REFERENCES t(c) [ON DELETE CASCADE]]}, with a
     * leading space; an expression default is parenthesised, as CREATE TABLE requires.
     */
    String columnDefinition(AddColumnStatement column, Database database) {
        String definition = generateSingleColumnSQL(column, database).replaceFirst("^ ADD", "");
        if (column.getDefaultValue() instanceof DatabaseFunction function) {
            String expression = function.getValue().strip();
            if (!expression.matches("(?i)CURRENT_(TIMESTAMP|DATE|TIME)|NULL|TRUE|FALSE") && !expression.startsWith("(")) {
                definition = definition.replace("DEFAULT " + function.getValue(), "DEFAULT (" + expression + ")");
            }
        }
        StringBuilder out = new StringBuilder(definition);
        for (ColumnConstraint constraint : column.getConstraints()) {
            if (constraint instanceof ForeignKeyConstraint fk) {
                if (fk.getForeignKeyName() != null) {
                    out.append(" CONSTRAINT ").append(database.escapeObjectName(fk.getForeignKeyName(),
                            liquibase.structure.core.ForeignKey.class));
                }
                out.append(" REFERENCES ").append(references(fk, database));
                if (fk.isDeleteCascade()) {
                    out.append(" ON DELETE CASCADE");
                }
            }
        }
        return out.toString();
    }

    private static String references(ForeignKeyConstraint fk, Database database) {
        if (fk.getReferences() != null) {
            return fk.getReferences();
        }
        return database.escapeTableName(null, null, fk.getReferencedTableName()) + "("
                + fk.getReferencedColumnNames() + ")";
    }

    private static List<AddColumnStatement> columns(AddColumnStatement statement) {
        return statement.isMultiple() ? statement.getColumns() : List.of(statement);
    }
}
