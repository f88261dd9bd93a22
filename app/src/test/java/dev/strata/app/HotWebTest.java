package dev.strata.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import picocli.CommandLine;

/**
 * The web role's plain command lines read without picocli give exactly what picocli gives (database, mode,
 * host, port), and every command line picocli refuses (or reads differently) is left to picocli: for
 * generated command lines, in this process's environment and in child processes with the variables the
 * defaults come from set to plain, blank, odd-case, interpolated and invalid values.
 */
class HotWebTest {
    private static final List<String> TOKENS = List.of("web", "worker", "--db", "--db=DB", "DB", "--db=", "--port",
            "--port=0", "0", "8080", "65536", " 80", "-5", "http", "--host", "--host=", "127.0.0.1", "localhost",
            "--migrate", "check", "CHECK", "Off", "auto", "sometimes", "--migrate=check", "--help", "-h", "-V",
            "--version", "@args", "--", "--prot", "x=y", "");

    @Property(tries = 300)
    void sameOptionsAsPicocli(@ForAll("commandLines") List<String> tokens) {
        String[] args = tokens.toArray(String[]::new);
        String hot = hot(args);
        if (!hot.equals("picocli")) {
            assertEquals(picocli(args), hot, String.join(" ", args));
        }
    }

    /** The lines the image and the launchers use are taken without picocli (when the variables are plain). */
    @Example
    void theImagesCommandLinesSkipPicocli() {
        Map<String, String> image = Map.of("PORT", "8080", "HOST", "0.0.0.0", "STRATA_MIGRATE", "check");
        for (String line : List.of("web", "web --port 0", "web --db data/strata.db --port 8081 --migrate auto")) {
            HotWeb.Line parsed = HotWeb.parse(line.split(" "), image::get);
            assertTrue(parsed != null, line);
        }
        assertEquals(new HotWeb.Line(null, dev.strata.app.startup.MigrateMode.CHECK, "0.0.0.0", 8080),
                HotWeb.parse(new String[] {"web"}, image::get));
    }

    @Provide
    Arbitrary<List<String>> commandLines() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(7).map(rest -> {
            List<String> all = new ArrayList<>(List.of("web"));
            all.addAll(rest);
            return all;
        });
    }

    /** The same comparison in child processes whose environment sets PORT, HOST and STRATA_MIGRATE. */
    @Example
    void sameOptionsAsPicocliWhatever$PORT$HOSTAnd$STRATA_MIGRATESay() throws Exception {
        List<Map<String, String>> environments = List.of(
                Map.of("PORT", "9090", "HOST", "localhost", "STRATA_MIGRATE", "Check"),
                Map.of("PORT", "", "HOST", "", "STRATA_MIGRATE", ""),
                Map.of("PORT", "eighty", "HOST", "0.0.0.0", "STRATA_MIGRATE", "sometimes"),
                Map.of("PORT", " 80", "STRATA_MIGRATE", "o\uFB00"),
                Map.of("PORT", "${env:HOME}", "HOST", "${sys:user.home}", "STRATA_MIGRATE", "${env:X:-off}"));
        for (Map<String, String> environment : environments) {
            ProcessBuilder child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path"), HotWebTest.class.getName());
            child.environment().keySet().removeAll(List.of("PORT", "HOST", "STRATA_MIGRATE"));
            child.environment().putAll(environment);
            Path output = java.nio.file.Files.createTempFile("hot-web-", ".txt");
            Process process = child.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child still running with " + environment);
            String differences = java.nio.file.Files.readString(output);
            java.nio.file.Files.delete(output);
            assertEquals(0, process.exitValue(), environment + ":\n" + differences);
        }
    }

    /** In a child process: every command line of the fixed list compared; exit 0 when all agree. */
    public static void main(String[] unused) {
        List<String> differences = new ArrayList<>();
        for (String line : List.of("web", "web --db DB", "web --port 0", "web --migrate check", "web --host 0.0.0.0",
                "web --db DB --port 8081 --host 127.0.0.1 --migrate off", "web --port=0 --db=DB", "web --migrate=OFF")) {
            String[] args = line.split(" ");
            String hot = hot(args);
            String picocli = picocli(args);
            if (!hot.equals("picocli") && !hot.equals(picocli)) {
                differences.add(line + ": without picocli " + hot + ", picocli " + picocli);
            }
        }
        System.out.println(String.join("\n", differences));
        System.exit(differences.size());
    }

    /** The plain form's reading, or "picocli" when it leaves the line to picocli. */
    private static String hot(String[] args) {
        HotWeb.Line line = HotWeb.parse(args, System::getenv);
        return line == null ? "picocli" : line.toString();
    }

    /**
     * What picocli makes of the line: the web role's options as {@link HotWeb.Line}, or "picocli" when it
     * refuses the line, answers help or version, or runs something else; a port {@link Listen#port} refuses
     * counts as refused.
     */
    private static String picocli(String[] args) {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        CommandLine line = Main.commandLine(none, none);
        CommandLine.ParseResult parsed;
        try {
            parsed = line.parseArgs(args);
        } catch (CommandLine.ParameterException refused) {
            return "picocli";
        }
        if (!parsed.hasSubcommand() || parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) {
            return "picocli";
        }
        CommandLine.ParseResult role = parsed.subcommand();
        if (role.hasSubcommand() || role.isUsageHelpRequested() || role.isVersionHelpRequested()
                || !(role.commandSpec().userObject() instanceof Main.Web web)) {
            return "picocli";
        }
        int port = Listen.number(web.port);
        return port < 0 ? "picocli" : new HotWeb.Line(web.db, web.migrate, web.host, port).toString();
    }
}
