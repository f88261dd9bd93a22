package dev.strata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** A passing test's stdout is held back; a failing test's is shown. */
@SqliteOnly
class StdoutOnFailureTest {

    @Test
    void onlyTheFailingTestsOutputReachesStdout() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(Printing.class))
                    .filters(EngineFilter.includeEngines("junit-jupiter")).build(), summary);
        } finally {
            System.setOut(stdout);
        }

        assertEquals(1, summary.getSummary().getTestsSucceededCount());
        assertEquals(1, summary.getSummary().getTestsFailedCount());
        assertEquals("[INFO] from the failing test\n", console.toString(StandardCharsets.UTF_8));
    }

    @ExtendWith(StdoutOnFailure.class)
    static class Printing {
        @Test
        void passes() {
            System.out.println("[INFO] from the passing test");
        }

        @Test
        void fails() {
            System.out.println("[INFO] from the failing test");
            fail("on purpose");
        }
    }
}
