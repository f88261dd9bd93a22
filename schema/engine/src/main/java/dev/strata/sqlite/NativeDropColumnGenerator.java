package dev.strata.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.DropColumnGenerator;
import liquibase.statement.core.DropColumnStatement;

/** {@code ALTER TABLE ... DROP COLUMN} on SQLite (3.35+); a column in use is dropped by Strata's rebuild instead. */
public class NativeDropColumnGenerator extends DropColumnGenerator {

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE + 10;
    }

    @Override
    public boolean supports(DropColumnStatement statement, Database database) {
        return database instanceof SQLiteDatabase;
    }

    @Override
    public ValidationErrors validate(DropColumnStatement statement, Database database, SqlGeneratorChain chain) {
        ValidationErrors errors = new ValidationErrors();
        errors.checkRequiredField("tableName", statement.getTableName());
        if (!statement.isMultiple()) {
            errors.checkRequiredField("columnName", statement.getColumnName());
        }
        return errors;
    }

    /** The native statement; when the column is in use, Strata's executor rebuilds the table instead (TableChanges). */
    @Override
    public Sql[] generateSql(DropColumnStatement statement, Database database, SqlGeneratorChain chain) {
        List<DropColumnStatement> columns = statement.isMultiple() ? statement.getColumns() : List.of(statement);
        return columns.stream().map(column -> new UnparsedSql("ALTER TABLE "
                + database.escapeTableName(column.getCatalogName(), column.getSchemaName(), column.getTableName())
                + " DROP COLUMN " + database.escapeColumnName(column.getCatalogName(), column.getSchemaName(),
                column.getTableName(), column.getColumnName()))).toArray(Sql[]::new);
    }

    /** Whether SQLite's DROP COLUMN would refuse: the column is in a key, a constraint or an index. */
    static boolean inUse(Connection connection, String column, String table, TableDefinition definition) throws SQLException {
        TableDefinition.Column declared = definition.column(column);
        if (declared.has("PRIMARY") || declared.has("UNIQUE") || declared.has("REFERENCES") || declared.has("GENERATED")) {
            return true;
        }
        if (definition.constraints().stream().anyMatch(c -> c.columns().stream().anyMatch(n -> Names.same(n, column))
                || TableDefinition.mentions(c.sql(), column))) {
            return true;
        }
        if (definition.columns().stream().anyMatch(c -> !Names.same(c.name, column) && c.clauses.stream()
                .anyMatch(cl -> (cl.kind().equals("CHECK") || cl.kind().equals("GENERATED"))
                        && TableDefinition.mentions(cl.tokens(), column)))) {
            return true;
        }
        for (String[] index : Facts.query(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                + " AND tbl_name = " + Facts.literal(table))) {
            if (indexUses(index[0], column)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an index's column list or WHERE clause names the column (the table name after ON does not count). */
    static boolean indexUses(String indexSql, String column) {
        List<SqlTokens.Token> tokens = SqlTokens.tokenize(indexSql);
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is("ON")) {
                int afterName = i + 2;
                while (afterName < tokens.size() && tokens.get(afterName).isPunct(".")) {
                    afterName += 2;
                }
                return afterName < tokens.size() && TableDefinition.mentions(tokens.subList(afterName, tokens.size()), column);
            }
        }
        return TableDefinition.mentions(indexSql, column);
    }
}
