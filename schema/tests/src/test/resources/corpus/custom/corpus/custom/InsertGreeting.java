package corpus.custom;

import liquibase.change.custom.CustomSqlChange;
import liquibase.change.custom.CustomSqlRollback;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawParameterizedSqlStatement;

/** A custom change as teams write them: creates a table and a row; compiled by the corpus test. */
public class InsertGreeting implements CustomSqlChange, CustomSqlRollback {
    private String table;
    private String text;

    public void setTable(String table) {
        this.table = table;
    }

    public void setText(String text) {
        this.text = text;
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        return new SqlStatement[] {
            new RawParameterizedSqlStatement("CREATE TABLE " + table + " (text VARCHAR(40) NOT NULL)"),
            new RawParameterizedSqlStatement("INSERT INTO " + table + " (text) VALUES ('" + text + "')")
        };
    }

    @Override
    public SqlStatement[] generateRollbackStatements(Database database) {
        return new SqlStatement[] {new RawParameterizedSqlStatement("DROP TABLE " + table)};
    }

    @Override
    public String getConfirmationMessage() {
        return "greeting inserted";
    }

    @Override
    public void setUp() {
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
    }

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }
}
