package dev.strata.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives every test its own copy of a database migrated to head: declare a parameter of type
 * {@code java.nio.file.Path}, {@code javax.sql.DataSource}, {@code java.sql.Connection} or
 * {@code org.jooq.DSLContext}. Copies are independent, so tests may run in parallel.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(TemplateDatabaseExtension.class)
public @interface StrataDatabase {
    /**
     * Classpath fixtures applied to each copy, in order: {@code .sql} files (statements separated by
     * {@code ;} at line ends) or {@code .csv} files named after their table, with a header row.
     */
    String[] seed() default {};
}
