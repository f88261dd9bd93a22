package dev.strata.sqlite;

import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.core.AddNotNullConstraintChange;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.SetNullableStatement;
import liquibase.statement.core.UpdateStatement;

/**
 * {@code addNotNullConstraint} on SQLite as on other databases: fill NULLs with {@code defaultNullValue},
 * then one statement that Strata's generator turns into a table rebuild (stock Liquibase rebuilds through
 * its own visitor, which breaks other tables' foreign keys).
 */
@DatabaseChange(name = "addNotNullConstraint", description = "Adds a not-null constraint to an existing table.",
        priority = ChangeMetaData.PRIORITY_DATABASE, appliesTo = "column")
public class NotNullChange extends AddNotNullConstraintChange {

    @Override
    public boolean supports(Database database) {
        return super.supports(database);
    }

    @Override
    public boolean generateStatementsVolatile(Database database) {
        return database instanceof SQLiteDatabase || super.generateStatementsVolatile(database);
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        if (!(database instanceof SQLiteDatabase)) {
            return super.generateStatements(database);
        }
        SetNullableStatement notNull = new SetNullableStatement(getCatalogName(), getSchemaName(), getTableName(),
                getColumnName(), getColumnDataType(), false, getConstraintName());
        if (getDefaultNullValue() == null) {
            return new SqlStatement[] {notNull};
        }
        UpdateStatement fill = new UpdateStatement(getCatalogName(), getSchemaName(), getTableName())
                .addNewColumnValue(getColumnName(), getDefaultNullValue());
        fill.setWhereClause(database.escapeColumnName(getCatalogName(), getSchemaName(), getTableName(), getColumnName())
                + " IS NULL");
        return new SqlStatement[] {fill, notNull};
    }
}
