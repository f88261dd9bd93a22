package dev.strata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * A class using {@code @StrataDatabase}, run through JUnit's own launcher: JUnit logs no warning about
 * the values the extension keeps in its store (JUnit 5.13+ warns once per type for a
 * {@code CloseableResource} that is not {@code AutoCloseable}).
 */
@SqliteOnly
class ExtensionStoreWarningTest {

    @Test
    void aStrataDatabaseClassRunsWithoutStoreWarnings() {
        List<String> warnings = run(UsesDatabase.class, 2);

        assertEquals(List.of(), warnings);
    }

    /** The capture sees the warning when there is one: a store value that is only a CloseableResource. */
    @Test
    void theWarningIsCapturedWhenAValueIsOnlyACloseableResource() {
        List<String> warnings = run(StoresLegacyResource.class, 1);

        assertTrue(warnings.stream().anyMatch(w -> w.contains("CloseableResource")
                && w.contains(LegacyResource.class.getName())), warnings.toString());
    }

    /** Runs one test class in a nested launcher; returns JUnit's warnings, having checked every test passed. */
    private static List<String> run(Class<?> testClass, int tests) {
        Logger junit = Logger.getLogger("org.junit");
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getLoggerName() + ": " + new java.util.logging.SimpleFormatter()
                            .formatMessage(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = junit.getLevel();
        junit.addHandler(capture);
        junit.setLevel(Level.ALL);
        junit.setUseParentHandlers(false); // captured, not printed
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(testClass))
                    .filters(org.junit.platform.launcher.EngineFilter.includeEngines("junit-jupiter"))
                    .build(), summary);
        } finally {
            junit.removeHandler(capture);
            junit.setLevel(before);
            junit.setUseParentHandlers(true);
        }
        assertEquals(tests, summary.getSummary().getTestsSucceededCount(), () -> {
            java.io.StringWriter failures = new java.io.StringWriter();
            summary.getSummary().printFailuresTo(new java.io.PrintWriter(failures), 20);
            return failures.toString();
        });
        // The warnings of discovery (two junit-platform.properties on a classpath, ...) are not the store's.
        return warnings.stream().filter(w -> w.contains("CloseableResource") || w.contains("AutoCloseable")
                || w.contains("Store") || w.contains("store")).toList();
    }

    /** Two tests, so that the store value of the first is closed before the second starts. */
    @StrataDatabase
    static class UsesDatabase {
        @Test
        void first(Path db) {
            assertTrue(Files.isRegularFile(db));
        }

        @Test
        void second(Path db) {
            assertTrue(Files.isRegularFile(db));
        }
    }

    @ExtendWith(StoresLegacyResource.Extension.class)
    static class StoresLegacyResource {
        @Test
        void stores() {
        }

        static final class Extension implements BeforeEachCallback {
            @Override
            public void beforeEach(ExtensionContext context) {
                context.getStore(ExtensionContext.Namespace.create(getClass())).put("legacy", new LegacyResource());
            }
        }
    }

    @SuppressWarnings("deprecation")
    static final class LegacyResource implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
        }
    }
}
