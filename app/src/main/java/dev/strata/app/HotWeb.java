package dev.strata.app;

import dev.strata.app.startup.MigrateMode;
import dev.strata.cli.CommandErrors;
import dev.strata.cli.HotVerbs;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The web role's plain command lines ({@code web} with only {@code --db}, {@code --migrate}, {@code --host} and
 * {@code --port}, each at most once, and plain values, as the image starts it) run without building picocli's
 * model of every command: that model is built by reflection over classes compiled for Java 5, which the
 * class-data archive cannot hold, and it was a quarter of the role's start. Defaults come from the same
 * variables as the {@code @Option} declarations on {@link Main.Web}; any other command line (help, @-files,
 * a value picocli would refuse or convert differently, a blank or interpolated variable) goes to picocli.
 */
final class HotWeb {
    private static final Set<String> OPTIONS = Set.of("--db", "--migrate", "--host", "--port");

    /** What picocli would have parsed; {@code port} as {@link Listen#port} reads it. */
    record Line(String db, MigrateMode migrate, String host, int port) {
    }

    private HotWeb() {
    }

    /** The exit code, or null when this command line is not a plain {@code web} (picocli runs it). */
    static Integer run(String[] args, PrintWriter err) {
        Line line = parse(args, System::getenv);
        if (line == null) {
            return null;
        }
        try {
            return new WebRole(line.db(), line.migrate(), line.host(), line.port()).serve();
        } catch (Exception e) {
            return CommandErrors.failed("web", e, err);
        }
    }

    /** The plain form's options, or null for any command line that is not one. */
    static Line parse(String[] args, Function<String, String> environment) {
        if (args.length == 0 || !args[0].equals("web")) {
            return null;
        }
        Map<String, String> given = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            String value;
            if (equals > 0 && arg.startsWith("--")) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (!OPTIONS.contains(name) || given.containsKey(name) || !HotVerbs.plain(value)) {
                return null;
            }
            given.put(name, value);
        }
        String migrate = given.containsKey("--migrate") ? given.get("--migrate")
                : fromEnvironment(environment, "STRATA_MIGRATE", "auto");
        String host = given.containsKey("--host") ? given.get("--host") : fromEnvironment(environment, "HOST", "127.0.0.1");
        String port = given.containsKey("--port") ? given.get("--port") : fromEnvironment(environment, "PORT", "8080");
        MigrateMode mode = mode(migrate);
        if (mode == null || host == null || port == null || !port.matches("[0-9]{1,5}") || Listen.number(port) < 0) {
            return null;
        }
        return new Line(given.get("--db"), mode, host, Listen.number(port));
    }

    /** ${env:NAME:-fallback} for an unset variable or a plain one; null (picocli decides) for any other. */
    private static String fromEnvironment(Function<String, String> environment, String name, String fallback) {
        String value = environment.apply(name);
        if (value == null) {
            return fallback;
        }
        return value.isEmpty() || value.contains("$") ? null : value;
    }

    /** The mode an ASCII name gives in any case (picocli accepts more spellings; those go to picocli). */
    private static MigrateMode mode(String value) {
        if (value == null || !value.matches("[A-Za-z]+")) {
            return null;
        }
        for (MigrateMode mode : MigrateMode.values()) {
            if (mode.name().equalsIgnoreCase(value)) {
                return mode;
            }
        }
        return null;
    }
}
