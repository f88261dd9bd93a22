package dev.strata.sqlite;

import java.util.ArrayList;
import java.util.List;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AddColumnGenerator;
import liquibase.statement.ColumnConstraint;
import liquibase.statement.DatabaseFunction;
import liquibase.statement.ForeignKeyConstraint;
import liquibase.statement.core.AddColumnStatement;

/**
 * {@code addColumn} on SQLite as {@code ALTER TABLE ... ADD COLUMN}. Stock Liquibase rebuilds the table
 * through a {@code *_temporary} copy instead, which rewrites other tables' foreign keys to point at the
 * copy, drops UNIQUE constraints and loses the new column's NOT NULL and DEFAULT.
 */
public class NativeAddColumnGenerator extends AddColumnGenerator {

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE + 10;
    }

    @Override
    public boolean supports(AddColumnStatement statement, Database database) {
        return database instanceof SQLiteDatabase;
    }

    @Override
    public boolean generateStatementsIsVolatile(Database database) {
        return false;
    }

    @Override
    public Sql[] generateSql(AddColumnStatement statement, Database database, SqlGeneratorChain chain) {
        List<AddColumnStatement> columns = columns(statement);
        if (columns.stream().anyMatch(NativeAddColumnGenerator::needsRebuild)) {
            if (RebuildGenerator.preview()) {
                return RebuildGenerator.previewSql(statement);
            }
            return rebuild(columns, database);
        }
        List<Sql> sql = new ArrayList<>();
        for (AddColumnStatement column : columns) {
            String table = database.escapeTableName(column.getCatalogName(), column.getSchemaName(),
                    column.getTableName());
            sql.add(new UnparsedSql(generateSingleColumBaseSQL(column, database) + " ADD"
                    + columnDefinition(column, database), getAffectedColumn(column)));
            if (column.isUnique()) {
                String name = column.getUniqueStatementName() != null ? column.getUniqueStatementName()
                        : "uq_" + column.getTableName() + "_" + column.getColumnName();
                sql.add(new UnparsedSql("CREATE UNIQUE INDEX " + database.escapeIndexName(null, null, name)
                        + " ON " + table + "(" + database.escapeColumnName(null, null, column.getTableName(),
                        column.getColumnName()) + ")"));
            }
        }
        return sql.toArray(new Sql[0]);
    }

    /** SQLite's ADD COLUMN refuses a non-constant default and a NOT NULL column without a default. */
    private static boolean needsRebuild(AddColumnStatement column) {
        return column.getDefaultValue() instanceof DatabaseFunction
                || (!column.isNullable() && column.getDefaultValue() == null);
    }

    /** Adds the columns through a table rebuild; a NOT NULL column without a default needs an empty table. */
    private Sql[] rebuild(List<AddColumnStatement> columns, Database database) {
        String table = columns.get(0).getTableName();
        TableRebuild rebuild = TableRebuild.of(database, table);
        for (AddColumnStatement column : columns) {
            if (!column.isNullable() && column.getDefaultValue() == null) {
                rebuild.schema().refuseIfAny("SELECT COUNT(*) FROM " + SqlTokens.quote(table) + " HAVING COUNT(*) > 0",
                        table, "NOT NULL column " + column.getColumnName() + " without a default",
                        "existing rows would have no value; give the column a defaultValue, or add it nullable, fill it,"
                                + " then addNotNullConstraint");
            }
        }
        return rebuild.apply(definition -> {
            for (AddColumnStatement column : columns) {
                definition.addColumn(columnDefinition(column, database).strip());
            }
        });
    }

    /** {@code name TYPE [DEFAULT ...] [NOT NULL] [REFERENCES t(c) [ON DELETE CASCADE]]}, with a leading space. */
    private String columnDefinition(AddColumnStatement column, Database database) {
        StringBuilder definition = new StringBuilder(generateSingleColumnSQL(column, database).replaceFirst("^ ADD", ""));
        for (ColumnConstraint constraint : column.getConstraints()) {
            if (constraint instanceof ForeignKeyConstraint fk) {
                definition.append(" REFERENCES ").append(references(fk, database));
                if (fk.isDeleteCascade()) {
                    definition.append(" ON DELETE CASCADE");
                }
            }
        }
        return definition.toString();
    }

    private static String references(ForeignKeyConstraint fk, Database database) {
        if (fk.getReferences() != null) {
            return fk.getReferences();
        }
        return database.escapeTableName(null, null, fk.getReferencedTableName()) + "("
                + fk.getReferencedColumnNames() + ")";
    }

    private static List<AddColumnStatement> columns(AddColumnStatement statement) {
        return statement.isMultiple() ? statement.getColumns() : List.of(statement);
    }
}
