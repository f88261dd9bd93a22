package dev.strata.testing;

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
 * Resolves {@code Path}, {@code DataSource}, {@code Connection} and {@code DSLContext} parameters to one
 * private copy of the template database per test, deleted after the test.
 */
public final class TemplateDatabaseExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TemplateDatabaseExtension.class);
    private static final String DSL_CONTEXT = "org.jooq.DSLContext";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Path.class || type == DataSource.class || type == Connection.class
                || type.getName().equals(DSL_CONTEXT);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestCopy copy = context.getStore(NAMESPACE).getOrComputeIfAbsent(TestCopy.class,
                k -> TestCopy.create(seeds(context)), TestCopy.class);
        Class<?> type = parameter.getParameter().getType();
        if (type == Path.class) {
            return copy.file;
        }
        if (type == DataSource.class) {
            return copy.dataSource;
        }
        if (type == Connection.class) {
            return copy.connection();
        }
        return JooqContext.of(copy.dataSource);
    }

    private static String[] seeds(ExtensionContext context) {
        return context.getRequiredTestClass().isAnnotationPresent(StrataDatabase.class)
                ? context.getRequiredTestClass().getAnnotation(StrataDatabase.class).seed() : new String[0];
    }

    /** One test's database: a copied file, a data source on it, and what must be closed afterwards. */
    static final class TestCopy implements ExtensionContext.Store.CloseableResource {
        final Path dir;
        final Path file;
        final DataSource dataSource;
        private Connection connection;

        private TestCopy(Path dir, Path file) {
            this.dir = dir;
            this.file = file;
            this.dataSource = TemplateDatabase.dataSource(file);
        }

        static TestCopy create(String[] seeds) {
            try {
                Path dir = Files.createTempDirectory(TemplateDatabase.scratchRoot(), "strata-test-");
                TestCopy copy = new TestCopy(dir, TemplateDatabase.shipped().copyTo(dir.resolve("test.db")));
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
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
