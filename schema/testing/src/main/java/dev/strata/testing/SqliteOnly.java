package dev.strata.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test (or class) that holds only on SQLite (it reads the database file, a pragma, or relies on
 * SQLite's single writer); the PostgreSQL run of the suite leaves it out ({@code excludedGroups}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(SqliteOnly.TAG)
public @interface SqliteOnly {
    String TAG = "sqlite-only";
}
