package dev.strata.sqlite;

import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.DropPrimaryKeyStatement;

/** {@code dropPrimaryKey} on SQLite as one statement for Strata's rebuild (stock throws a NullPointerException). */
@DatabaseChange(name = "dropPrimaryKey", description = "Drops an existing primary key",
        priority = ChangeMetaData.PRIORITY_DATABASE, appliesTo = "primaryKey")
public class PrimaryKeyChange extends DropPrimaryKeyChange {

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
        return new SqlStatement[] {new DropPrimaryKeyStatement(getCatalogName(), getSchemaName(), getTableName(),
                getConstraintName())};
    }
}
