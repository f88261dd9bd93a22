package dev.strata.sqlite;

import java.util.ArrayList;
import java.util.List;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.exception.ValidationErrors;
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
    public ValidationErrors validate(AddColumnStatement statement, Database database, SqlGeneratorChain chain) {
        ValidationErrors errors = super.validate(statement, database, chain);
        for (AddColumnStatement column : columns(statement)) {
            String where = "addColumn " + column.getTableName() + "." + column.getColumnName() + ": ";
            if (column.getDefaultValue() instanceof DatabaseFunction) {
                errors.addError(where + "SQLite cannot add a column with a computed default ("
                        + column.getDefaultValue() + ") in place; add it nullable and backfill with an update,"
                        + " or create the table with it");
            }
            if (!column.isNullable() && column.getDefaultValue() == null) {
                errors.addError(where + "SQLite cannot add a NOT NULL column without a default; give it a"
                        + " defaultValue");
            }
        }
        return errors;
    }

    @Override
    public Sql[] generateSql(AddColumnStatement statement, Database database, SqlGeneratorChain chain) {
        List<Sql> sql = new ArrayList<>();
        for (AddColumnStatement column : columns(statement)) {
            String table = database.escapeTableName(column.getCatalogName(), column.getSchemaName(),
                    column.getTableName());
            StringBuilder alter = new StringBuilder(generateSingleColumBaseSQL(column, database))
                    .append(generateSingleColumnSQL(column, database));
            for (ColumnConstraint constraint : column.getConstraints()) {
                if (constraint instanceof ForeignKeyConstraint fk) {
                    alter.append(" REFERENCES ").append(references(fk, database));
                    if (fk.isDeleteCascade()) {
                        alter.append(" ON DELETE CASCADE");
                    }
                }
            }
            sql.add(new UnparsedSql(alter.toString(), getAffectedColumn(column)));
            if (column.isUnique()) {
                String name = column.getUniqueStatementName() != null ? column.getUniqueStatementName()
                        : "uq_" + column.getTableName() + "_" + column.getColumnName();
                sql.add(new UnparsedSql("CREATE UNIQUE INDEX " + database.escapeIndexName(null, null, name)
                        + " ON " + table + "(" + database.escapeColumnName(null, null, column.getTableName(),
                        column.getColumnName()) + ")"));
            }
        }
        return sql.toArray(new Sql[0]);
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
