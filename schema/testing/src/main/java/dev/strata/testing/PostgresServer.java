package dev.strata.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, one per test JVM. With {@code -Dstrata.postgres.url} (or
 * {@code STRATA_TEST_POSTGRES_URL}) naming a superuser connection on an existing server, that server is
 * used; otherwise the installed binaries (Debian's {@code postgresql} package, which {@code .ci/run}
 * installs) start a throwaway cluster: {@code initdb --no-sync} in a temporary folder, listening on
 * 127.0.0.1 only, password authentication, stopped and deleted when the JVM exits.
 */
public final class PostgresServer {
    public static final String URL_PROPERTY = "strata.postgres.url";
    public static final String URL_ENV = "STRATA_TEST_POSTGRES_URL";
    private static final String USER = "strata";
    private static PostgresServer shared;

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private PostgresServer(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** The server for this JVM, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            String given = System.getProperty(URL_PROPERTY, System.getenv(URL_ENV));
            shared = given != null && !given.isBlank() ? existing(given) : Cluster.start();
        }
        return shared;
    }

    private static PostgresServer existing(String url) {
        Properties parsed = org.postgresql.Driver.parseURL(url, new Properties());
        if (parsed == null) {
            throw new IllegalStateException(URL_PROPERTY + " is not a jdbc:postgresql: URL");
        }
        return new PostgresServer(parsed.getProperty("PGHOST", "localhost"),
                Integer.parseInt(parsed.getProperty("PGPORT", "5432")), parsed.getProperty("user", USER),
                parsed.getProperty("password", ""));
    }

    /** A JDBC URL for {@code database} on this server, with the credentials. */
    public String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=" + user
                + (password.isEmpty() ? "" : "&password=" + password);
    }

    public String password() {
        return password;
    }

    /** A connection to the maintenance database, for CREATE and DROP DATABASE. */
    public Connection admin() throws SQLException {
        return new org.postgresql.Driver().connect(url("postgres"), new Properties());
    }

    /** Creates an empty database, or a copy of {@code template} when it is not null. */
    public void createDatabase(String name, String template) {
        execute("CREATE DATABASE " + quote(name) + (template == null ? "" : " TEMPLATE " + quote(template)));
    }

    /** Drops a database, disconnecting whoever is still on it. */
    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
    }

    /** A new, empty database with a unique name; returns its name. */
    public String newDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        createDatabase(name, null);
        return name;
    }

    public boolean databaseExists(String name) {
        try (Connection c = admin();
             java.sql.PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, name);
            try (java.sql.ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test server: cannot list databases: " + e.getMessage(), e);
        }
    }

    void execute(String sql) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test server: " + sql + " failed: " + e.getMessage(), e);
        }
    }

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A cluster of the installed PostgreSQL binaries, owned by this JVM. */
    private static final class Cluster {
        private Cluster() {
        }

        static PostgresServer start() {
            Path bin = binaries();
            // PostgreSQL refuses to run as root: then the cluster belongs to the package's postgres user.
            boolean root = "root".equals(System.getProperty("user.name"));
            stopOrphans(root, bin);
            try {
                Path dir = Files.createTempDirectory("strata-pg-");
                Files.writeString(dir.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
                Path data = dir.resolve("data");
                String password = UUID.randomUUID().toString().replace("-", "");
                Path pwfile = dir.resolve("pw");
                Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
                if (root) {
                    run(List.of("chown", "-R", "postgres", dir.toString()), null);
                } else {
                    Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-------"));
                }
                int port = freePort();
                run(command(root, bin.resolve("initdb").toString(), "--no-sync", "-D", data.toString(), "-U", USER,
                        "--pwfile=" + pwfile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C"), dir);
                Files.deleteIfExists(pwfile);
                // Throwaway data: durability off; enough connections for pools in parallel tests.
                String options = "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=''"
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
                run(command(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                        dir.resolve("server.log").toString(), "-o", options, "-w", "-t", "60", "start"), dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(root, bin, dir)));
                return new PostgresServer("127.0.0.1", port, USER, password);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start a PostgreSQL test server", e);
            }
        }

        /** Clusters whose test JVM was killed (no shutdown hook ran) would run forever: stop them. */
        private static void stopOrphans(boolean root, Path bin) {
            try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("strata-pg-")).toList()) {
                    Path owner = dir.resolve("owner.pid");
                    long pid = Files.isRegularFile(owner) ? Long.parseLong(Files.readString(owner).strip()) : -1;
                    if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                    if (pid > 0 || Files.getLastModifiedTime(dir).toMillis() < System.currentTimeMillis() - 3_600_000) {
                        stop(root, bin, dir);
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // best effort: an orphan costs memory, not correctness
            }
        }

        private static void stop(boolean root, Path bin, Path dir) {
            try {
                run(command(root, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                        "-m", "immediate", "-w", "stop"), dir);
            } catch (RuntimeException ignored) {
                // the folder is removed anyway
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // a temporary folder left behind is harmless
            }
        }

        /** PATH first, then Debian's versioned folders, newest version first. */
        static Path binaries() {
            for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path initdb = Path.of(folder.isEmpty() ? "." : folder, "initdb");
                if (Files.isExecutable(initdb) && Files.isExecutable(initdb.resolveSibling("pg_ctl"))) {
                    try {
                        return initdb.toRealPath().getParent();
                    } catch (IOException ignored) {
                        // a dangling link: keep looking
                    }
                }
            }
            Path debian = Path.of("/usr/lib/postgresql");
            if (Files.isDirectory(debian)) {
                try (Stream<Path> versions = Files.list(debian)) {
                    List<Path> found = versions.map(v -> v.resolve("bin"))
                            .filter(b -> Files.isExecutable(b.resolve("initdb")))
                            .sorted(Comparator.comparing((Path b) -> versionOf(b)).reversed()).toList();
                    if (!found.isEmpty()) {
                        return found.get(0);
                    }
                } catch (IOException ignored) {
                    // fall through to the message below
                }
            }
            throw new IllegalStateException("the PostgreSQL tests need a server: install PostgreSQL"
                    + " (`apt-get install -y postgresql`, as .ci/run does) or point -D" + URL_PROPERTY
                    + " / " + URL_ENV + " at a superuser connection");
        }

        private static int versionOf(Path bin) {
            try {
                return Integer.parseInt(bin.getParent().getFileName().toString());
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private static List<String> command(boolean root, String... args) {
            List<String> command = new ArrayList<>();
            if (root) {
                command.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            command.addAll(List.of(args));
            return command;
        }

        private static void run(List<String> command, Path dir) {
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                if (dir != null) {
                    builder.directory(dir.toFile());
                }
                Process process = builder.start();
                byte[] output = process.getInputStream().readAllBytes();
                if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed: "
                            + new String(output, StandardCharsets.UTF_8).strip());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + command.get(0), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + command.get(0), e);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
