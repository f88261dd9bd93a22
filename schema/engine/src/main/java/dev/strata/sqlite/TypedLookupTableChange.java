package dev.strata.sqlite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.core.AddForeignKeyConstraintChange;
import liquibase.change.core.AddLookupTableChange;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.datatype.DataTypeFactory;
import liquibase.statement.ColumnConstraint;
import liquibase.statement.NotNullConstraint;
import liquibase.statement.PrimaryKeyConstraint;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.CreateTableStatement;
import liquibase.statement.core.RawParameterizedSqlStatement;
import liquibase.structure.core.Column;

/**
 * {@code addLookupTable} on SQLite with the requested column type. Stock Liquibase creates the table with
 * {@code CREATE TABLE … AS SELECT}, whose column SQLite declares {@code TEXT} (or no type) whatever
 * {@code newColumnDataType} says; here the table is created with its declared type, NOT NULL and primary
 * key, then filled with the distinct values. Same change name and properties, so the same checksum.
 */
@DatabaseChange(name = "addLookupTable", priority = ChangeMetaData.PRIORITY_DATABASE, appliesTo = "column",
        description = "Creates a lookup table containing values stored in a column and creates a foreign key to the new table.")
public class TypedLookupTableChange extends AddLookupTableChange {

    @Override
    public SqlStatement[] generateStatements(Database database) {
        if (!(database instanceof SQLiteDatabase) || getNewColumnDataType() == null) {
            return super.generateStatements(database);
        }
        List<SqlStatement> statements = new ArrayList<>();
        CreateTableStatement table = new CreateTableStatement(getNewTableCatalogName(), getNewTableSchemaName(),
                getNewTableName());
        table.addColumn(getNewColumnName(), DataTypeFactory.getInstance().fromDescription(getNewColumnDataType(), database),
                null, new ColumnConstraint[] {new NotNullConstraint(getNewColumnName()),
                    new PrimaryKeyConstraint().addColumns(getNewColumnName())});
        statements.add(table);
        statements.add(new RawParameterizedSqlStatement(String.format("INSERT INTO %s (%s) SELECT DISTINCT %s FROM %s"
                        + " WHERE %s IS NOT NULL",
                database.escapeTableName(getNewTableCatalogName(), getNewTableSchemaName(), getNewTableName()),
                database.escapeObjectName(getNewColumnName(), Column.class),
                database.escapeObjectName(getExistingColumnName(), Column.class),
                database.escapeTableName(getExistingTableCatalogName(), getExistingTableSchemaName(), getExistingTableName()),
                database.escapeObjectName(getExistingColumnName(), Column.class))));
        AddForeignKeyConstraintChange foreignKey = new AddForeignKeyConstraintChange();
        foreignKey.setBaseTableSchemaName(getExistingTableSchemaName());
        foreignKey.setBaseTableName(getExistingTableName());
        foreignKey.setBaseColumnNames(getExistingColumnName());
        foreignKey.setReferencedTableSchemaName(getNewTableSchemaName());
        foreignKey.setReferencedTableName(getNewTableName());
        foreignKey.setReferencedColumnNames(getNewColumnName());
        foreignKey.setConstraintName(getFinalConstraintName());
        statements.addAll(Arrays.asList(foreignKey.generateStatements(database)));
        return statements.toArray(SqlStatement[]::new);
    }
}
