package dev.strata.sqlite;

import liquibase.database.Database;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.statement.core.RenameColumnStatement;
import liquibase.statement.core.RenameTableStatement;

/** Renames on SQLite: native ALTER TABLE for tables and columns (renameView is a {@link TableChange}). */
public final class RenameGenerators {
    private RenameGenerators() {
    }

    /** {@code renameColumn}: ALTER TABLE ... RENAME COLUMN, which also rewrites indexes, triggers and views. */
    public static final class Column extends SqliteGenerator<RenameColumnStatement> {
        @Override
        public Sql[] generateSql(RenameColumnStatement s, Database db, SqlGeneratorChain<RenameColumnStatement> chain) {
            return new Sql[] {new UnparsedSql("ALTER TABLE " + SqlTokens.quote(s.getTableName()) + " RENAME COLUMN "
                    + SqlTokens.quote(s.getOldColumnName()) + " TO " + SqlTokens.quote(s.getNewColumnName()))};
        }
    }

    /** {@code renameTable}: ALTER TABLE ... RENAME TO, which also rewrites foreign keys and views. */
    public static final class Table extends SqliteGenerator<RenameTableStatement> {
        @Override
        public Sql[] generateSql(RenameTableStatement s, Database db, SqlGeneratorChain<RenameTableStatement> chain) {
            return new Sql[] {new UnparsedSql("ALTER TABLE " + SqlTokens.quote(s.getOldTableName()) + " RENAME TO "
                    + SqlTokens.quote(s.getNewTableName()))};
        }
    }

}
