package dev.strata.sqlite;

import java.util.Arrays;
import java.util.List;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.datatype.DataTypeFactory;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.statement.DatabaseFunction;
import liquibase.statement.SqlStatement;

/**
 * Base of Strata's SQLite generators for changes that need a table rebuild. They read the live schema,
 * so they are volatile: update-sql cannot render them (Liquibase says so), update runs them.
 */
abstract class RebuildGenerator<T extends SqlStatement> extends SqliteGenerator<T> {

    @Override
    public boolean generateStatementsIsVolatile(Database database) {
        return true;
    }

    @Override
    public final Sql[] generateSql(T statement, Database database, SqlGeneratorChain<T> chain) {
        return preview() ? previewSql(statement) : rebuild(statement, database);
    }

    /** The SQL for the statement, computed from the live schema just before it runs. */
    abstract Sql[] rebuild(T statement, Database database);

    /**
     * Liquibase renders every statement of a change once before running any of them (for its logging
     * context, with {@code shouldExecute} false). The schema then is not yet what the statement will meet
     * (an earlier statement of the same change has not run), so that pass gets a description, not a rebuild.
     */
    static boolean preview() {
        return Boolean.FALSE.equals(Scope.getCurrentScope().get("shouldExecute", Boolean.class));
    }

    static Sql[] previewSql(SqlStatement statement) {
        return new Sql[] {new UnparsedSql("-- " + statement.getClass().getSimpleName().replace("Statement", "")
                + ": SQLite table rebuild, computed from the live schema when it runs")};
    }

    static List<String> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(SqlTokens::quote).toList());
    }

    /** A default as SQLite wants it: literals rendered for the column type, expressions in parentheses. */
    static String defaultSql(Object value, String columnType, Database database) {
        if (value instanceof DatabaseFunction function) {
            String expression = function.getValue();
            return expression.matches("(?i)CURRENT_(TIMESTAMP|DATE|TIME)|NULL|TRUE|FALSE") ? expression.toUpperCase()
                    : "(" + expression + ")";
        }
        if (columnType != null) {
            return DataTypeFactory.getInstance().fromDescription(columnType, database).objectToSql(value, database);
        }
        return DataTypeFactory.getInstance().fromObject(value, database).objectToSql(value, database);
    }
}
