package dev.strata.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.database.Database;
import liquibase.datatype.DataTypeFactory;
import liquibase.datatype.LiquibaseDataType;
import liquibase.datatype.core.DateTimeType;
import liquibase.exception.UnexpectedLiquibaseException;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AbstractSqlGenerator;
import liquibase.statement.ColumnConstraint;
import liquibase.statement.DatabaseFunction;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.AddColumnStatement;
import liquibase.statement.core.AddDefaultValueStatement;
import liquibase.statement.core.CreateTableStatement;
import liquibase.statement.core.ModifyDataTypeStatement;

/**
 * Runs ahead of every other generator for the statements that declare a column type: on SQLite it refuses
 * a type that SQLite cannot hold faithfully (naming the column and the supported types); on PostgreSQL it
 * makes a "current time" default on a TIMESTAMP column UTC, as SQLite's is.
 */
public abstract class TypedColumns<T extends SqlStatement> extends AbstractSqlGenerator<T> {

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE + 20;
    }

    @Override
    public boolean supports(T statement, Database database) {
        return DeclaredTypes.sqlite(database) || DeclaredTypes.postgres(database);
    }

    @Override
    public ValidationErrors validate(T statement, Database database, SqlGeneratorChain<T> chain) {
        return chain.validate(statement, database);
    }

    @Override
    public Sql[] generateSql(T statement, Database database, SqlGeneratorChain<T> chain) {
        return chain.generateSql(checked(statement, database), database);
    }

    /** The statement to pass on: refused if a type is not faithful, defaults rewritten where needed. */
    abstract T checked(T statement, Database database);

    /** {@code createTable}. */
    public static final class CreateTable extends TypedColumns<CreateTableStatement> {
        @Override
        CreateTableStatement checked(CreateTableStatement statement, Database database) {
            Map<String, Object> defaults = statement.getDefaultValues();
            for (String column : statement.getColumns()) {
                LiquibaseDataType type = statement.getColumnTypes().get(column);
                if (type == null) {
                    continue;
                }
                refuseUnfaithful(type, statement.getTableName(), column, database);
                Object current = defaults.get(column);
                Object rewritten = utcDefault(current, type, database);
                if (rewritten != current) {
                    defaults.put(column, rewritten);
                }
            }
            return statement;
        }
    }

    /** {@code addColumn}, one or several columns. */
    public static final class AddColumn extends TypedColumns<AddColumnStatement> {
        @Override
        AddColumnStatement checked(AddColumnStatement statement, Database database) {
            if (!statement.isMultiple()) {
                return column(statement, database);
            }
            List<AddColumnStatement> columns = new ArrayList<>();
            for (AddColumnStatement column : statement.getColumns()) {
                columns.add(column(column, database));
            }
            return new AddColumnStatement(columns);
        }

        private static AddColumnStatement column(AddColumnStatement s, Database database) {
            LiquibaseDataType type = DataTypeFactory.getInstance().fromDescription(s.getColumnType(), database);
            refuseUnfaithful(type, s.getTableName(), s.getColumnName(), database);
            Object rewritten = utcDefault(s.getDefaultValue(), type, database);
            if (rewritten == s.getDefaultValue()) {
                return s;
            }
            AddColumnStatement copy = new AddColumnStatement(s.getCatalogName(), s.getSchemaName(), s.getTableName(),
                    s.getColumnName(), s.getColumnType(), rewritten, s.getRemarks(),
                    s.getConstraints().toArray(new ColumnConstraint[0]));
            copy.setDefaultValueConstraintName(s.getDefaultValueConstraintName());
            copy.setAddAfterColumn(s.getAddAfterColumn());
            copy.setAddBeforeColumn(s.getAddBeforeColumn());
            copy.setAddAtPosition(s.getAddAtPosition());
            copy.setComputed(s.getComputed());
            return copy;
        }
    }

    /** {@code addDefaultValue} (when it names the column's type). */
    public static final class AddDefault extends TypedColumns<AddDefaultValueStatement> {
        @Override
        AddDefaultValueStatement checked(AddDefaultValueStatement s, Database database) {
            if (s.getColumnDataType() == null) {
                return s;
            }
            LiquibaseDataType type = DataTypeFactory.getInstance().fromDescription(s.getColumnDataType(), database);
            Object rewritten = utcDefault(s.getDefaultValue(), type, database);
            if (rewritten == s.getDefaultValue()) {
                return s;
            }
            AddDefaultValueStatement copy = new AddDefaultValueStatement(s.getCatalogName(), s.getSchemaName(),
                    s.getTableName(), s.getColumnName(), s.getColumnDataType(), rewritten);
            copy.setDefaultValueConstraintName(s.getDefaultValueConstraintName());
            return copy;
        }
    }

    /** {@code modifyDataType}. */
    public static final class ModifyDataType extends TypedColumns<ModifyDataTypeStatement> {
        @Override
        ModifyDataTypeStatement checked(ModifyDataTypeStatement s, Database database) {
            refuseUnfaithful(DataTypeFactory.getInstance().fromDescription(s.getNewDataType(), database),
                    s.getTableName(), s.getColumnName(), database);
            return s;
        }
    }

    static void refuseUnfaithful(LiquibaseDataType type, String table, String column, Database database) {
        if (!DeclaredTypes.sqlite(database)) {
            return;
        }
        String refusal = ColumnTypes.refusal(type);
        if (refusal != null) {
            throw new UnexpectedLiquibaseException("column " + table + "." + column + ": " + refusal
                    + "; supported types: " + ColumnTypes.SUPPORTED);
        }
    }

    /** On PostgreSQL, a "now" default on a TIMESTAMP column is UTC whatever the session's zone (SQLite's already is). */
    static Object utcDefault(Object value, LiquibaseDataType type, Database database) {
        if (DeclaredTypes.postgres(database) && type instanceof DateTimeType && !ColumnTypes.withZone(type)
                && value instanceof DatabaseFunction function && isNow(function.getValue(), database)) {
            return new DatabaseFunction("(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')");
        }
        return value;
    }

    private static boolean isNow(String expression, Database database) {
        String e = expression == null ? "" : expression.strip();
        return e.matches("(?i)CURRENT_TIMESTAMP(\\(\\))?|NOW\\(\\)|LOCALTIMESTAMP|CURRENT_TIME|CURRENT_DATETIME")
                || e.equalsIgnoreCase(database.getCurrentDateTimeFunction());
    }
}
