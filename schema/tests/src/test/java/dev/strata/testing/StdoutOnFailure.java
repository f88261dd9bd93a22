package dev.strata.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests of code that reports on stdout (the build steps print Maven-style {@code [INFO]} lines): holds
 * what a test prints and shows it only when the test fails. Not for classes that run tests in parallel.
 */
public final class StdoutOnFailure implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StdoutOnFailure.class);

    private record Held(PrintStream console, ByteArrayOutputStream printed) {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        context.getStore(NAMESPACE).put(Held.class, new Held(System.out, printed));
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Held held = context.getStore(NAMESPACE).remove(Held.class, Held.class);
        System.setOut(held.console());
        if (context.getExecutionException().isPresent()) {
            held.console().print(held.printed().toString(StandardCharsets.UTF_8));
            held.console().flush();
        }
    }
}
