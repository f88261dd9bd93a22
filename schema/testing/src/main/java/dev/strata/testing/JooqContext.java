package dev.strata.testing;

import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Kept apart so that tests without jOOQ on the classpath never load jOOQ classes. */
final class JooqContext {
    private JooqContext() {
    }

    static Object of(DataSource dataSource, TestEngine engine) {
        return DSL.using(dataSource, engine == TestEngine.POSTGRESQL ? SQLDialect.POSTGRES : SQLDialect.SQLITE);
    }
}
