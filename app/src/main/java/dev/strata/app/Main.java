package dev.strata.app;

import dev.strata.app.db.AppDatabase;
import dev.strata.app.startup.MigrateMode;
import dev.strata.app.startup.SchemaGate;
import dev.strata.app.task.TaskKinds;
import dev.strata.app.task.TaskQueue;
import dev.strata.app.worker.Worker;
import dev.strata.cli.CommandErrors;
import dev.strata.cli.Migrate;
import dev.strata.engine.HostName;
import dev.strata.engine.SqliteLibrary;
import dev.strata.engine.Target;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** One jar, two roles and the migrate command: {@code web}, {@code worker}, {@code migrate}. */
@Command(name = "strata-app", mixinStandardHelpOptions = true, versionProvider = Migrate.Version.class,
        description = "Strata's services: the task API (web), the task runner (worker) and the migrate command.",
        subcommands = {Main.Web.class, Main.WorkerRole.class})
public final class Main implements Callable<Integer> {
    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        // Javalin logs a failed start as an ERROR before the role can say it in one line.
        if (System.getProperty("org.slf4j.simpleLogger.log.io.javalin.Javalin") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.io.javalin.Javalin", "off");
        }
    }

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        SqliteLibrary.preload();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        // The deploy hook's `migrate update --db …` and the image's `web` skip building the command model
        // (README: Benchmarks).
        Integer hot = args.length > 0 && args[0].equals("migrate")
                ? Migrate.hot(java.util.Arrays.copyOfRange(args, 1, args.length), out, err)
                : HotWeb.run(args, err);
        System.exit(hot != null ? hot : run(args, out, err));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    /** The whole command model, as every command line not taken by a hot path is parsed. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new Main());
        // The migrate command is the same object the migrate launcher runs, with its verbs and exit codes.
        line.addSubcommand("migrate", new Migrate());
        line.addSubcommand(new CommandLine.HelpCommand());
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setOut(out);
        line.setErr(err);
        return CommandErrors.install(line, true);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.USAGE;
    }

    /** Options both roles share. */
    static class Common {
        @Option(names = "--db", paramLabel = "PATH|URL",
                description = "SQLite file or jdbc: URL (default: $STRATA_DB, else data/strata.db)")
        String db;

        @Option(names = "--migrate", paramLabel = "MODE", defaultValue = "${env:STRATA_MIGRATE:-auto}",
                description = "Before serving: auto (apply pending changesets), check (refuse to start unless at"
                        + " head), off. Default: $STRATA_MIGRATE, else ${DEFAULT-VALUE}")
        MigrateMode migrate;

        static void log(String line) {
            System.out.println(line);
        }

        AppDatabase openChecked(String role) {
            Target target = target(db);
            pass(role, gate(role, target), migrate, target);
            return AppDatabase.open(target);
        }

        static Target target(String db) {
            Target target = Target.resolve(db);
            target.requireDurable("every task written");
            return target;
        }

        static SchemaGate gate(String role, Target target) {
            return new SchemaGate(target, line -> log(role + ": " + line));
        }

        /** The schema check before a role serves: returns when it may, else throws naming what is wrong. */
        static void pass(String role, SchemaGate gate, MigrateMode migrate, Target target) {
            long start = System.nanoTime();
            gate.pass(migrate);
            log(role + ": database " + target + " ready in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
    }

    @Command(name = "web", mixinStandardHelpOptions = true, description = "Serve the HTTP JSON API.")
    static final class Web extends Common implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "${env:PORT:-8080}", description = "Default: $PORT, else 8080")
        String port;

        @Option(names = "--host", defaultValue = "${env:HOST:-127.0.0.1}",
                description = "Interface to bind. Default: $HOST, else 127.0.0.1 (the image sets 0.0.0.0)")
        String host;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return new WebRole(db, migrate, host, Listen.port(port, spec)).serve();
        }
    }

    @Command(name = "worker", mixinStandardHelpOptions = true, description = "Claim and run queued tasks.")
    static final class WorkerRole extends Common implements Callable<Integer> {
        @Option(names = "--id", description = "Worker name recorded on claimed tasks (default: host and pid)")
        String id;

        @Option(names = "--lease-seconds", defaultValue = "300",
                description = "A claim older than this is taken over by another worker (default ${DEFAULT-VALUE})")
        int leaseSeconds;

        @Option(names = "--poll-ms", defaultValue = "500", description = "Wait between empty polls (default ${DEFAULT-VALUE})")
        int pollMillis;

        @Option(names = "--drain", description = "Exit once the queue is empty instead of polling forever")
        boolean drain;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (leaseSeconds < 1) {
                throw new ParameterException(spec.commandLine(), "--lease-seconds must be at least 1 (a claim older"
                        + " than this is taken over by another worker); got " + leaseSeconds);
            }
            if (pollMillis < 1) {
                throw new ParameterException(spec.commandLine(), "--poll-ms must be at least 1; got " + pollMillis);
            }
            if (id != null && (id.isBlank() || id.length() > 200)) {
                throw new ParameterException(spec.commandLine(), "--id must be 1 to 200 characters");
            }
            try (AppDatabase database = openChecked("worker")) {
                String name = id != null ? id : HostName.local() + "-" + ProcessHandle.current().pid();
                Worker worker = new Worker(new TaskQueue(database.dsl()), TaskKinds.standard(), name,
                        Duration.ofSeconds(leaseSeconds), line -> log("worker: " + line));
                if (drain) {
                    log("worker: ran " + worker.drain() + " task(s); queue empty");
                    return 0;
                }
                AtomicBoolean stop = new AtomicBoolean();
                CountDownLatch finished = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stop.set(true);
                    try {
                        finished.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                log("worker: " + name + " polling every " + pollMillis + " ms");
                try {
                    worker.run(Duration.ofMillis(pollMillis), stop::get);
                } finally {
                    finished.countDown();
                }
                return 0;
            }
        }
    }

}
