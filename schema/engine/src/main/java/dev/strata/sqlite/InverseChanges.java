package dev.strata.sqlite;

import liquibase.change.Change;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.core.AddPrimaryKeyChange;
import liquibase.change.core.DropNotNullConstraintChange;
import liquibase.database.Database;

/**
 * Changes whose automatic rollback Liquibase builds from stock classes that misbehave on SQLite: the
 * inverse is built from Strata's version instead, so a rollback takes the same safe path as an update.
 */
public final class InverseChanges {
    private InverseChanges() {
    }

    /** {@code addPrimaryKey}, rolled back by Strata's {@code dropPrimaryKey} (stock throws on SQLite). */
    @DatabaseChange(name = "addPrimaryKey", description = "Adds creates a primary key out of an existing column or set of columns.",
            priority = ChangeMetaData.PRIORITY_DATABASE, appliesTo = "column")
    public static class AddPrimaryKey extends AddPrimaryKeyChange {
        @Override
        public boolean supports(Database database) {
            return super.supports(database);
        }

        @Override
        protected Change[] createInverses() {
            PrimaryKeyChange drop = new PrimaryKeyChange();
            drop.setCatalogName(getCatalogName());
            drop.setSchemaName(getSchemaName());
            drop.setTableName(getTableName());
            drop.setConstraintName(getConstraintName());
            return new Change[] {drop};
        }
    }

    /** {@code dropNotNullConstraint}, rolled back by Strata's {@code addNotNullConstraint}. */
    @DatabaseChange(name = "dropNotNullConstraint", description = "Makes a column nullable",
            priority = ChangeMetaData.PRIORITY_DATABASE, appliesTo = "column")
    public static class DropNotNull extends DropNotNullConstraintChange {
        @Override
        public boolean supports(Database database) {
            return super.supports(database);
        }

        @Override
        protected Change[] createInverses() {
            NotNullChange add = new NotNullChange();
            add.setCatalogName(getCatalogName());
            add.setSchemaName(getSchemaName());
            add.setTableName(getTableName());
            add.setColumnName(getColumnName());
            add.setColumnDataType(getColumnDataType());
            add.setConstraintName(getConstraintName());
            return new Change[] {add};
        }
    }
}
