package dev.strata.sqlite;

import java.util.ArrayList;
import java.util.List;
import liquibase.change.ChangeMetaData;
import liquibase.change.ColumnConfig;
import liquibase.change.DatabaseChange;
import liquibase.change.core.DropColumnChange;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.DropColumnStatement;

/**
 * {@code dropColumn} on SQLite as {@code ALTER TABLE ... DROP COLUMN}. Stock Liquibase rebuilds the
 * table instead, reports success and leaves the column in place.
 */
@DatabaseChange(name = "dropColumn", description = "Drop existing column(s).",
        priority = ChangeMetaData.PRIORITY_DATABASE, appliesTo = "column")
public class NativeDropColumnChange extends DropColumnChange {

    @Override
    public boolean supports(Database database) {
        return super.supports(database);
    }

    @Override
    public boolean generateStatementsVolatile(Database database) {
        return false;
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        if (!(database instanceof SQLiteDatabase)) {
            return super.generateStatements(database);
        }
        List<String> names = new ArrayList<>();
        if (getColumns() != null && !getColumns().isEmpty()) {
            getColumns().stream().map(ColumnConfig::getName).forEach(names::add);
        } else {
            names.add(getColumnName());
        }
        return names.stream()
                .map(name -> new DropColumnStatement(getCatalogName(), getSchemaName(), getTableName(), name))
                .toArray(SqlStatement[]::new);
    }
}
