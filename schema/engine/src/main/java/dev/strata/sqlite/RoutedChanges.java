package dev.strata.sqlite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import liquibase.change.AddColumnConfig;
import liquibase.change.Change;
import liquibase.change.ChangeMetaData;
import liquibase.change.ColumnConfig;
import liquibase.change.DatabaseChange;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddUniqueConstraintChange;
import liquibase.change.core.DropAllForeignKeyConstraintsChange;
import liquibase.change.core.DropUniqueConstraintChange;
import liquibase.change.core.MergeColumnChange;
import liquibase.database.Database;
import liquibase.database.core.SQLiteDatabase;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.DropColumnStatement;
import liquibase.statement.core.DropUniqueConstraintStatement;
import liquibase.statement.core.RawParameterizedSqlStatement;

/**
 * Changes whose stock SQLite path would bypass Strata's table changes (a snapshot-driven
 * {@code *_temporary} copy, or a statement missing what identifies its target): on SQLite they produce plain
 * statements that {@link SqliteExecutor} carries out. Elsewhere they are stock. Same names and properties
 * as stock, so checksums are unchanged.
 */
public final class RoutedChanges {
    private RoutedChanges() {
    }

    /** {@code mergeColumns}: add the merged column, fill it, drop the two — as Liquibase does on other databases. */
    @DatabaseChange(name = "mergeColumns", description = "Concatenates the values in two columns, joins them by with "
            + "string, and stores the resulting value in a new column.", priority = ChangeMetaData.PRIORITY_DATABASE)
    public static class MergeColumns extends MergeColumnChange {
        @Override
        public boolean supports(Database database) {
            return super.supports(database);
        }

        @Override
        public SqlStatement[] generateStatements(Database database) {
            if (!(database instanceof SQLiteDatabase)) {
                return super.generateStatements(database);
            }
            AddColumnChange add = new ReversibleAddColumnChange();
            add.setTableName(getTableName());
            AddColumnConfig column = new AddColumnConfig();
            column.setName(getFinalColumnName());
            column.setType(getFinalColumnType());
            add.addColumn(column);
            List<SqlStatement> statements = new ArrayList<>(Arrays.asList(add.generateStatements(database)));
            String table = SqlTokens.quote(getTableName());
            String join = getJoinString() == null ? "" : getJoinString();
            statements.add(new RawParameterizedSqlStatement("UPDATE " + table + " SET " + SqlTokens.quote(getFinalColumnName())
                    + " = " + SqlTokens.quote(getColumn1Name()) + " || '" + join.replace("'", "''") + "' || "
                    + SqlTokens.quote(getColumn2Name())));
            statements.add(new DropColumnStatement(getCatalogName(), getSchemaName(), getTableName(), getColumn1Name()));
            statements.add(new DropColumnStatement(getCatalogName(), getSchemaName(), getTableName(), getColumn2Name()));
            return statements.toArray(new SqlStatement[0]);
        }
    }

    /** {@code dropAllForeignKeyConstraints}: one rebuild without the base table's foreign keys (stock snapshots them). */
    @DatabaseChange(name = "dropAllForeignKeyConstraints", description = "Drops all foreign key constraints for a table",
            priority = ChangeMetaData.PRIORITY_DATABASE, appliesTo = "table")
    public static class DropAllForeignKeys extends DropAllForeignKeyConstraintsChange {
        @Override
        public boolean supports(Database database) {
            return super.supports(database);
        }

        @Override
        public boolean generateStatementsVolatile(Database database) {
            return !(database instanceof SQLiteDatabase) && super.generateStatementsVolatile(database);
        }

        @Override
        public SqlStatement[] generateStatements(Database database) {
            if (!(database instanceof SQLiteDatabase)) {
                return super.generateStatements(database);
            }
            return new SqlStatement[] {new DropAllForeignKeysStatement(getBaseTableName())};
        }
    }

    /** {@code dropUniqueConstraint} that always says which columns, so an unnamed constraint is found by its columns. */
    @DatabaseChange(name = "dropUniqueConstraint", description = "Drops an existing unique constraint",
            priority = ChangeMetaData.PRIORITY_DATABASE, appliesTo = "uniqueConstraint")
    public static class DropUnique extends DropUniqueConstraintChange {
        @Override
        public boolean supports(Database database) {
            return super.supports(database);
        }

        @Override
        public SqlStatement[] generateStatements(Database database) {
            if (!(database instanceof SQLiteDatabase)) {
                return super.generateStatements(database);
            }
            DropUniqueConstraintStatement statement = new DropUniqueConstraintStatement(getCatalogName(), getSchemaName(),
                    getTableName(), getConstraintName());
            if (getUniqueColumns() != null) {
                statement.setUniqueColumns(ColumnConfig.arrayFromNames(getUniqueColumns()));
            }
            return new SqlStatement[] {statement};
        }
    }

    /** {@code addUniqueConstraint}, rolled back by dropping the constraint over its columns, never every UNIQUE. */
    @DatabaseChange(name = "addUniqueConstraint", description = "Adds a unique constraint to an existing column or set of columns.",
            priority = ChangeMetaData.PRIORITY_DATABASE, appliesTo = "column")
    public static class AddUnique extends AddUniqueConstraintChange {
        @Override
        public boolean supports(Database database) {
            return super.supports(database);
        }

        @Override
        protected Change[] createInverses() {
            DropUnique inverse = new DropUnique();
            inverse.setSchemaName(getSchemaName());
            inverse.setTableName(getTableName());
            inverse.setConstraintName(getConstraintName());
            inverse.setUniqueColumns(getColumnNames());
            return new Change[] {inverse};
        }
    }
}
