package dev.strata.types;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import liquibase.change.ChangeMetaData;
import liquibase.change.ColumnConfig;
import liquibase.change.DatabaseChange;
import liquibase.change.core.LoadDataChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.UnexpectedLiquibaseException;
import liquibase.statement.SqlStatement;

/**
 * {@code loadData} on SQLite writing dates and times in Strata's storage format. Stock Liquibase binds them
 * with {@code setTimestamp}, which the SQLite driver stores as epoch milliseconds (an INTEGER) computed in
 * the JVM's zone, next to the text every other writer uses.
 */
@DatabaseChange(name = "loadData", description = "Loads data from a CSV file into an existing table",
        priority = ChangeMetaData.PRIORITY_DATABASE, appliesTo = "table")
public class CsvLoad extends LoadDataChange {

    @Override
    public boolean supports(Database database) {
        return super.supports(database);
    }

    @Override
    protected SqlStatement[] generateStatementsFromRows(Database database, List<LoadDataRowConfig> rows) {
        if (DeclaredTypes.sqlite(database) && database.getConnection() instanceof JdbcConnection jdbc) {
            Map<String, String> types;
            try {
                types = SqliteText.declaredTypes(jdbc.getUnderlyingConnection(), getTableName());
            } catch (SQLException e) {
                throw new UnexpectedLiquibaseException("cannot read the columns of " + getTableName() + ": "
                        + e.getMessage(), e);
            }
            for (LoadDataRowConfig row : rows) {
                for (ColumnConfig column : row.getColumns()) {
                    String stored = SqliteText.storageForm(types.get(column.getName().toLowerCase(Locale.ROOT)),
                            column.getValueObject());
                    if (stored != null) {
                        column.setValueDate((java.util.Date) null);
                        column.setValue(stored);
                    }
                }
            }
        }
        return super.generateStatementsFromRows(database, rows);
    }
}
