package dev.strata.sqlite;

import java.util.Arrays;
import liquibase.database.core.SQLiteDatabase;

/**
 * Liquibase's SQLite database, told SQLite's keywords (sqlite.org/lang_keywords.html): stock Liquibase knows
 * none, so a column named {@code order} or {@code select} reaches SQLite unquoted and fails with a syntax
 * error. With the keywords known, Liquibase quotes such names as it does on every other database.
 */
public class KeywordQuotingDatabase extends SQLiteDatabase {
    private static final String KEYWORDS = "ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH AUTOINCREMENT"
            + " BEFORE BEGIN BETWEEN BY CASCADE CASE CAST CHECK COLLATE COLUMN COMMIT CONFLICT CONSTRAINT CREATE CROSS"
            + " CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP DATABASE DEFAULT DEFERRABLE DEFERRED DELETE DESC"
            + " DETACH DISTINCT DO DROP EACH ELSE END ESCAPE EXCEPT EXCLUDE EXCLUSIVE EXISTS EXPLAIN FAIL FILTER FIRST"
            + " FOLLOWING FOR FOREIGN FROM FULL GENERATED GLOB GROUP GROUPS HAVING IF IGNORE IMMEDIATE IN INDEX INDEXED"
            + " INITIALLY INNER INSERT INSTEAD INTERSECT INTO IS ISNULL JOIN KEY LAST LEFT LIKE LIMIT MATCH MATERIALIZED"
            + " NATURAL NO NOT NOTHING NOTNULL NULL NULLS OF OFFSET ON OR ORDER OTHERS OUTER OVER PARTITION PLAN PRAGMA"
            + " PRECEDING PRIMARY QUERY RAISE RANGE RECURSIVE REFERENCES REGEXP REINDEX RELEASE RENAME REPLACE RESTRICT"
            + " RETURNING RIGHT ROLLBACK ROW ROWS SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN TIES TO TRANSACTION"
            + " TRIGGER UNBOUNDED UNION UNIQUE UPDATE USING VACUUM VALUES VIEW VIRTUAL WHEN WHERE WINDOW WITH WITHOUT";

    public KeywordQuotingDatabase() {
        addReservedWords(Arrays.asList(KEYWORDS.split(" ")));
    }

    @Override
    public int getPriority() {
        return super.getPriority() + 5;
    }
}
