package dev.strata.sqlite;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.database.Database;
import liquibase.exception.UnexpectedLiquibaseException;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.statement.core.RenameColumnStatement;
import liquibase.statement.core.RenameTableStatement;
import liquibase.statement.core.RenameViewStatement;

/** Renames on SQLite: native ALTER TABLE for tables and columns; a view is recreated under its new name. */
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

    /** {@code renameView}: SQLite has no ALTER VIEW, so the view is dropped and created again under the new name. */
    public static final class View extends SqliteGenerator<RenameViewStatement> {
        private static final Pattern HEADER = Pattern.compile(
                "(?is)^\\s*CREATE\\s+(?:TEMP\\s+|TEMPORARY\\s+)?VIEW\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                        + "(\"(?:[^\"]|\"\")+\"|`[^`]+`|\\[[^\\]]+\\]|[^\\s(]+)");

        @Override
        public boolean generateStatementsIsVolatile(Database database) {
            return true;
        }

        @Override
        public Sql[] generateSql(RenameViewStatement s, Database db, SqlGeneratorChain<RenameViewStatement> chain) {
            if (RebuildGenerator.preview()) {
                return RebuildGenerator.previewSql(s);
            }
            String sql = SqliteSchema.of(db).entries().stream()
                    .filter(e -> e.type().equals("view") && e.name().equalsIgnoreCase(s.getOldViewName()))
                    .map(SqliteSchema.Entry::sql).findFirst()
                    .orElseThrow(() -> new UnexpectedLiquibaseException("view " + s.getOldViewName() + " does not exist"));
            Matcher header = HEADER.matcher(sql);
            if (!header.find()) {
                throw new UnexpectedLiquibaseException("cannot read the definition of view " + s.getOldViewName());
            }
            String renamed = "CREATE VIEW " + SqlTokens.quote(s.getNewViewName()) + sql.substring(header.end());
            return new Sql[] {new UnparsedSql("DROP VIEW " + SqlTokens.quote(s.getOldViewName())),
                    new UnparsedSql(renamed)};
        }
    }
}
