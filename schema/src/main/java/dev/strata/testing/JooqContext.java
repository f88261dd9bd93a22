package dev.strata.testing;

import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Kept apart so that tests without jOOQ on the classpath never load jOOQ classes. */
final class JooqContext {
    private JooqContext() {
    }

    static Object of(DataSource dataSource) {
        return DSL.using(dataSource, SQLDialect.SQLITE);
    }
}
