package dev.strata.testing;

import dev.strata.engine.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@code Target}, {@code DataSource}, {@code Connection}, {@code DSLContext} and (SQLite only)
 * {@code Path} parameters to one private copy of the template database per test, deleted after the test:
 * a file copy on SQLite, a {@code CREATE DATABASE … TEMPLATE} clone on PostgreSQL ({@link TestEngine}).
 */
public final class TemplateDatabaseExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TemplateDatabaseExtension.class);
    private static final String DSL_CONTEXT = "org.jooq.DSLContext";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Path.class || type == DataSource.class || type == Connection.class
                || type == Target.class || type.getName().equals(DSL_CONTEXT);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestCopy copy = context.getStore(NAMESPACE).getOrComputeIfAbsent(TestCopy.class,
                k -> TestCopy.create(seeds(context)), TestCopy.class);
        Class<?> type = parameter.getParameter().getType();
        if (type == Path.class) {
            if (copy.file == null) {
                throw new ParameterResolutionException("a Path parameter is a SQLite file; this run is on "
                        + copy.engine + ": take a Target instead, or mark the test @SqliteOnly");
            }
            return copy.file;
        }
        if (type == Target.class) {
            return copy.target;
        }
        if (type == DataSource.class) {
            return copy.dataSource;
        }
        if (type == Connection.class) {
            return copy.connection();
        }
        return JooqContext.of(copy.dataSource, copy.engine);
    }

    private static String[] seeds(ExtensionContext context) {
        return context.getRequiredTestClass().isAnnotationPresent(StrataDatabase.class)
                ? context.getRequiredTestClass().getAnnotation(StrataDatabase.class).seed() : new String[0];
    }

    /** One test's database: a copied file or a cloned database, a data source on it, and what to close. */
    static final class TestCopy implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final TestEngine engine;
        final Path dir;
        final Path file;
        final String database;
        final Target target;
        final DataSource dataSource;
        private Connection connection;

        private TestCopy(Path dir, Path file) {
            this.engine = TestEngine.SQLITE;
            this.dir = dir;
            this.file = file;
            this.database = null;
            this.target = Target.sqlite(file);
            this.dataSource = TemplateDatabase.dataSource(file);
        }

        private TestCopy(String database) {
            this.engine = TestEngine.POSTGRESQL;
            this.dir = null;
            this.file = null;
            this.database = database;
            String url = PostgresServer.shared().url(database);
            this.target = Target.parse(url);
            org.postgresql.ds.PGSimpleDataSource source = new org.postgresql.ds.PGSimpleDataSource();
            source.setURL(url);
            this.dataSource = source;
        }

        static TestCopy create(String[] seeds) {
            try {
                TestCopy copy = TestEngine.current() == TestEngine.POSTGRESQL
                        ? new TestCopy(PostgresTemplate.shipped().copy()) : sqliteCopy();
                if (seeds.length > 0) {
                    try (Connection c = copy.dataSource.getConnection()) {
                        for (String seed : seeds) {
                            Fixture.apply(c, seed);
                        }
                    }
                }
                return copy;
            } catch (Exception e) {
                throw new ParameterResolutionException("cannot prepare the test database: " + e.getMessage(), e);
            }
        }

        private static TestCopy sqliteCopy() throws java.io.IOException {
            Path dir = Files.createTempDirectory(TemplateDatabase.scratchRoot(), "strata-test-");
            return new TestCopy(dir, TemplateDatabase.shipped().copyTo(dir.resolve("test.db")));
        }

        Connection connection() {
            if (connection == null) {
                try {
                    connection = dataSource.getConnection();
                } catch (SQLException e) {
                    throw new ParameterResolutionException("cannot open the test database", e);
                }
            }
            return connection;
        }

        @Override
        public void close() throws Exception {
            if (connection != null) {
                connection.close();
            }
            if (database != null) {
                PostgresServer.shared().dropDatabase(database);
                return;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
