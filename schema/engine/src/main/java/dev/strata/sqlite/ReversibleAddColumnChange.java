package dev.strata.sqlite;

import java.util.ArrayList;
import java.util.List;
import liquibase.change.AddColumnConfig;
import liquibase.change.Change;
import liquibase.change.ChangeMetaData;
import liquibase.change.ColumnConfig;
import liquibase.change.DatabaseChange;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.DropColumnChange;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;

/**
 * {@code addColumn} whose automatic rollback is only {@code dropColumn}. Stock Liquibase first drops the
 * column's default, which SQLite cannot do in place; dropping the column removes its default anyway.
 */
@DatabaseChange(name = "addColumn", description = "Adds a new column to an existing table",
        priority = ChangeMetaData.PRIORITY_DATABASE, appliesTo = "table")
public class ReversibleAddColumnChange extends AddColumnChange {

    @Override
    public boolean supports(Database database) {
        return super.supports(database);
    }

    /** Strata's generator needs no metadata, so {@code update-sql} can render it (stock's rebuild could not). */
    @Override
    public boolean generateStatementsVolatile(Database database) {
        return !(database instanceof SQLiteDatabase) && super.generateStatementsVolatile(database);
    }

    @Override
    protected Change[] createInverses() {
        DropColumnChange drop = new NativeDropColumnChange();
        drop.setCatalogName(getCatalogName());
        drop.setSchemaName(getSchemaName());
        drop.setTableName(getTableName());
        List<ColumnConfig> columns = new ArrayList<>();
        for (AddColumnConfig column : getColumns()) {
            columns.add(new ColumnConfig().setName(column.getName()));
        }
        drop.setColumns(columns);
        return new Change[] {drop};
    }
}
