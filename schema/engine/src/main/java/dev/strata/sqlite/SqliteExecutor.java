package dev.strata.sqlite;

import java.sql.Connection;
import java.util.List;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.executor.jvm.JdbcExecutor;
import liquibase.sql.visitor.SqlVisitor;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;

/**
 * Liquibase's statement executor for SQLite, with one addition: a statement that changes a table is carried
 * out as Strata's {@link TableChange} (checks, native ALTER TABLE or rebuild, post-condition) instead of as
 * generated SQL. Every path that runs statements (update, automatic and custom rollbacks, changes that
 * build other changes' statements) comes through here, so none of them can skip the post-condition.
 */
public class SqliteExecutor extends JdbcExecutor {

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE;
    }

    @Override
    public boolean supports(Database database) {
        return database instanceof SQLiteDatabase;
    }

    /** SQLite's own refusal of a dependent view or trigger says what failed; add what to do about it. */
    private static String withAdvice(String reason) {
        return reason.startsWith("error in view") || reason.startsWith("error in trigger")
                ? reason + "; drop that view or trigger in an earlier changeset (or change it first), then drop the column"
                : reason;
    }

    @Override
    public void execute(SqlStatement statement, List<SqlVisitor> sqlVisitors) throws DatabaseException {
        TableChange change = TableChanges.plan(statement, database);
        if (change == null) {
            super.execute(statement, sqlVisitors);
            return;
        }
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        try {
            // The generators still see the statement first, so their checks (e.g. types SQLite cannot hold) apply.
            SqlGeneratorFactory.getInstance().generateSql(statement, database);
            change.apply(connection, () -> super.execute(statement, sqlVisitors));
        } catch (ChangeRefused e) {
            throw new DatabaseException(change.label + ": " + e.getMessage());
        } catch (DatabaseException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw root instanceof java.sql.SQLException sql
                    ? new DatabaseException(change.label + ": " + withAdvice(ChangeRefused.sqliteWords(sql.getMessage()))) : e;
        } catch (Exception e) {
            // no cause: the engine reports the innermost message, and this one already says it in the change's terms
            throw new DatabaseException(change.label + ": " + ChangeRefused.sqliteWords(e.getMessage()));
        }
    }
}
