package dev.strata.engine;

import liquibase.changelog.ChangeSet;
import liquibase.exception.ChangeLogParseException;
import liquibase.exception.ValidationFailedException;

/** Turns whatever Liquibase threw into one line: which changeset, in which file, and the database's words. */
final class Failure {
    private Failure() {
    }

    static SchemaException describe(String operation, Throwable thrown, ChangeSet failed) {
        if (thrown instanceof SchemaException schema) {
            return schema;
        }
        Throwable e = thrown instanceof LiquibaseSession.SchemaLiquibaseFailure ? thrown.getCause() : thrown;
        if (failed != null) {
            String advice = operation.equals("rollback") ? "give it a <rollback> block that works here"
                    : "fix it or add a corrective changeset";
            return new SchemaException("changeset " + failed.getId() + " (author " + failed.getAuthor() + ") in "
                    + failed.getFilePath() + " failed: " + databaseReason(e) + "; " + advice
                    + ". Nothing was changed: the " + operation + " ran in one transaction and was rolled back", e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ChangeLogParseException) {
                return new SchemaException("changelog does not parse: " + oneLine(t.getMessage())
                        + "; fix the file and try again. Nothing was changed", e);
            }
            if (t instanceof ValidationFailedException) {
                return new SchemaException("changelog is not valid: " + oneLine(t.getMessage())
                        + "; nothing was changed", e);
            }
        }
        return new SchemaException(operation + " failed: " + databaseReason(e) + "; nothing was changed", e);
    }

    /** The innermost message, which is the database's own wording of the problem. */
    private static String databaseReason(Throwable e) {
        String reason = Target.reason(e);
        int failedSql = reason.indexOf(" [Failed SQL:");
        return failedSql > 0 ? reason.substring(0, failedSql) : reason;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s+", " ");
    }
}
