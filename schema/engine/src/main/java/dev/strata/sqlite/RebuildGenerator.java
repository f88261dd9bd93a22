package dev.strata.sqlite;

import java.util.Arrays;
import java.util.List;
import liquibase.database.Database;
import liquibase.datatype.DataTypeFactory;
import liquibase.exception.UnexpectedLiquibaseException;
import liquibase.executor.Executor;
import liquibase.executor.ExecutorService;
import liquibase.executor.LoggingExecutor;
import liquibase.Scope;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.statement.DatabaseFunction;
import liquibase.statement.SqlStatement;

/**
 * The SQL text of a table change that Strata carries out itself ({@link SqliteExecutor}): a comment that
 * says what will happen, for update-sql and Liquibase's logging. Executed by any other executor, it refuses
 * rather than run a comment in place of the change.
 */
public class RebuildGenerator<T extends SqlStatement> extends SqliteGenerator<T> {

    @Override
    public boolean generateStatementsIsVolatile(Database database) {
        return false;
    }

    @Override
    public Sql[] generateSql(T statement, Database database, SqlGeneratorChain<T> chain) {
        Executor executor = Scope.getCurrentScope().getSingleton(ExecutorService.class).getExecutor("jdbc", database);
        if (!(executor instanceof SqliteExecutor) && !(executor instanceof LoggingExecutor)) {
            throw new UnexpectedLiquibaseException(statement.getClass().getSimpleName().replace("Statement", "")
                    + " on SQLite is carried out by Strata's executor, which " + executor.getClass().getSimpleName()
                    + " is not; remove runWith from the changeset");
        }
        return previewSql(statement);
    }

    static Sql[] previewSql(SqlStatement statement) {
        return new Sql[] {new UnparsedSql("-- " + statement.getClass().getSimpleName().replace("Statement", "")
                + ": carried out by Strata on the live SQLite schema (table rebuild where ALTER TABLE cannot do it)")};
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

    /** Preview of {@code setNullable}. */
    public static final class SetNullable extends RebuildGenerator<liquibase.statement.core.SetNullableStatement> {
    }

    /** Preview of {@code modifyDataType}. */
    public static final class ModifyDataType extends RebuildGenerator<liquibase.statement.core.ModifyDataTypeStatement> {
    }

    /** Preview of {@code addDefaultValue}. */
    public static final class AddDefaultValue extends RebuildGenerator<liquibase.statement.core.AddDefaultValueStatement> {
    }

    /** Preview of {@code dropDefaultValue}. */
    public static final class DropDefaultValue extends RebuildGenerator<liquibase.statement.core.DropDefaultValueStatement> {
    }

    /** Preview of {@code addForeignKeyConstraint}. */
    public static final class AddForeignKeyConstraint extends RebuildGenerator<liquibase.statement.core.AddForeignKeyConstraintStatement> {
    }

    /** Preview of {@code dropForeignKeyConstraint}. */
    public static final class DropForeignKeyConstraint extends RebuildGenerator<liquibase.statement.core.DropForeignKeyConstraintStatement> {
    }

    /** Preview of {@code addUniqueConstraint}. */
    public static final class AddUniqueConstraint extends RebuildGenerator<liquibase.statement.core.AddUniqueConstraintStatement> {
    }

    /** Preview of {@code dropUniqueConstraint}. */
    public static final class DropUniqueConstraint extends RebuildGenerator<liquibase.statement.core.DropUniqueConstraintStatement> {
    }

    /** Preview of {@code addPrimaryKey}. */
    public static final class AddPrimaryKey extends RebuildGenerator<liquibase.statement.core.AddPrimaryKeyStatement> {
    }

    /** Preview of {@code dropPrimaryKey}. */
    public static final class DropPrimaryKey extends RebuildGenerator<liquibase.statement.core.DropPrimaryKeyStatement> {
    }

    /** Preview of {@code addAutoIncrement}. */
    public static final class AddAutoIncrement extends RebuildGenerator<liquibase.statement.core.AddAutoIncrementStatement> {
    }

    /** Preview of {@code renameView}. */
    public static final class RenameView extends RebuildGenerator<liquibase.statement.core.RenameViewStatement> {
    }

    /** Preview of {@code dropAllForeignKeyConstraints}. */
    public static final class DropAllForeignKeys extends RebuildGenerator<DropAllForeignKeysStatement> {
    }
}
