package dev.strata.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * The database a command works on: a SQLite file path or any {@code jdbc:} URL.
 * SQLite connections always get foreign keys on, a busy timeout, and IMMEDIATE transactions,
 * so a second writer waits for the first instead of failing half-way.
 */
public final class Target {
    public static final String DEFAULT_PATH = "data/strata.db";
    public static final String ENV = "STRATA_DB";
    // pgjdbc logs the part of a URL it cannot parse (a password with it) on stderr; Strata says the failure
    // itself, redacted. Held strongly: java.util.logging forgets levels set on loggers nobody references.
    private static final java.util.logging.Logger PGJDBC_LOG = java.util.logging.Logger.getLogger("org.postgresql");

    static {
        PGJDBC_LOG.setLevel(java.util.logging.Level.parse(System.getProperty("strata.postgres.log", "OFF")));
    }

    private final String url;
    private final Path file;
    private final int busyTimeoutMillis;

    private Target(String url, Path file, int busyTimeoutMillis) {
        this.url = url;
        this.file = file;
        this.busyTimeoutMillis = busyTimeoutMillis;
    }

    /** From {@code --db}, else {@code STRATA_DB}, else {@value #DEFAULT_PATH}; a blank value is refused. */
    public static Target resolve(String option) {
        if (option != null) {
            if (option.isBlank()) {
                throw new SchemaException("--db is blank; give a database path or a jdbc: URL");
            }
            return parse(option);
        }
        String env = System.getenv(ENV);
        if (env != null && env.isBlank()) {
            throw new SchemaException(ENV + " is set but blank; set it to a database path or a jdbc: URL, or unset it"
                    + " to use " + DEFAULT_PATH);
        }
        return parse(env != null ? env : DEFAULT_PATH);
    }

    public static Target parse(String spec) {
        if (spec.equals(":memory:")) {
            return parse("jdbc:sqlite::memory:");
        }
        if (spec.startsWith("postgres://") || spec.startsWith("postgresql://")) {
            return new Target(jdbcFromDatabaseUrl(spec), null, SqliteSettings.MIGRATION_BUSY_TIMEOUT_MILLIS);
        }
        if (spec.startsWith("jdbc:sqlite:")) {
            String rest = spec.substring("jdbc:sqlite:".length());
            int query = rest.indexOf('?');
            String path = query >= 0 ? rest.substring(0, query) : rest;
            String parameters = query >= 0 ? rest.substring(query + 1) : "";
            if (path.startsWith("file:")) {
                path = uriPath(path.substring("file:".length()));
            }
            if (path.isEmpty() || path.equals(":memory:") || parameters.matches("(?i)(.*&)?mode=memory(&.*)?")) {
                return new Target(spec, null, SqliteSettings.MIGRATION_BUSY_TIMEOUT_MILLIS);
            }
            return new Target(spec, Path.of(path).toAbsolutePath().normalize(), SqliteSettings.MIGRATION_BUSY_TIMEOUT_MILLIS);
        }
        if (spec.startsWith("jdbc:")) {
            return new Target(spec, null, SqliteSettings.MIGRATION_BUSY_TIMEOUT_MILLIS);
        }
        Path path = Path.of(spec).toAbsolutePath().normalize();
        return new Target("jdbc:sqlite:" + path, path, SqliteSettings.MIGRATION_BUSY_TIMEOUT_MILLIS);
    }

    /** The file path of a SQLite {@code file:} URI ({@code file:x.db}, {@code file:///abs/x.db}), decoded. */
    private static String uriPath(String uri) {
        String path = uri.startsWith("///") ? uri.substring(2) : uri.startsWith("//localhost/") ? uri.substring(11) : uri;
        try {
            return java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }

    /**
     * A {@code DATABASE_URL} ({@code postgres://user:password@host:port/db?sslmode=…}, as hosting platforms
     * and Kamal secrets carry it) as the pgjdbc URL it means.
     */
    static String jdbcFromDatabaseUrl(String spec) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(spec);
        } catch (java.net.URISyntaxException e) {
            throw new SchemaException("the database URL is malformed at character " + e.getIndex()
                    + "; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE (percent-encode special characters)");
        }
        if (uri.getHost() == null || uri.getRawPath() == null || uri.getRawPath().length() < 2) {
            throw new SchemaException("the database URL needs a host and a database name:"
                    + " postgres://USER:PASSWORD@HOST:PORT/DATABASE");
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath());
        List<String> query = new ArrayList<>();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            query.add("user=" + (colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                query.add("password=" + userInfo.substring(colon + 1));
            }
        }
        if (uri.getRawQuery() != null) {
            query.add(uri.getRawQuery());
        }
        return query.isEmpty() ? jdbc.toString() : jdbc.append('?').append(String.join("&", query)).toString();
    }

    public static Target sqlite(Path file) {
        Path path = file.toAbsolutePath().normalize();
        return new Target("jdbc:sqlite:" + path, path, SqliteSettings.MIGRATION_BUSY_TIMEOUT_MILLIS);
    }

    public Target withBusyTimeout(int millis) {
        return new Target(url, file, millis);
    }

    /** How long a command waits for another writer (--lock-timeout), in milliseconds. */
    public int lockTimeoutMillis() {
        return busyTimeoutMillis;
    }

    public String url() {
        return url;
    }

    /** The SQLite file, when this target is one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Liquibase's short name for the database type (sqlite, postgresql, ...), read from the URL. */
    public String shortName() {
        String rest = url.substring("jdbc:".length());
        int colon = rest.indexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }

    public boolean isSqlite() {
        return url.startsWith("jdbc:sqlite:");
    }

    /** An in-memory SQLite database ({@code jdbc:sqlite:}, {@code :memory:}, {@code mode=memory}): gone at exit. */
    public boolean inMemory() {
        return isSqlite() && file == null;
    }

    /** Refuses a database that vanishes when the process exits: nothing {@code what} does would last. */
    public void requireDurable(String what) {
        if (inMemory()) {
            throw new SchemaException(describe() + " is an in-memory database: it is empty at start and gone at exit,"
                    + " so " + what + " would be lost; give a file path (--db data/strata.db)");
        }
    }

    public boolean exists() {
        return file == null || Files.isRegularFile(file);
    }

    /** Opens a connection for writing; a SQLite file and its parent folders are created if missing. */
    public Connection open() {
        if (file != null) {
            checkUsableFile(false);
            for (Path folder = file.getParent(); folder != null; folder = folder.getParent()) {
                if (Files.exists(folder) && !Files.isDirectory(folder)) {
                    throw new SchemaException("cannot create " + file + ": " + folder + " is a file, not a folder;"
                            + " choose another path");
                }
            }
            try {
                Files.createDirectories(file.getParent());
            } catch (Exception e) {
                throw new SchemaException("cannot create folder " + file.getParent() + " (" + e.getClass()
                        .getSimpleName() + ": " + reason(e) + "); check the path and its permissions");
            }
        }
        return connect(false);
    }

    /** Opens an existing database without creating or changing anything. */
    public Connection openExisting() {
        if (file != null) {
            checkUsableFile(true);
        }
        return connect(true);
    }

    private void checkUsableFile(boolean mustExist) {
        if (Files.isDirectory(file)) {
            throw new SchemaException(file + " is a directory, not a database file; give the path of a .db file");
        }
        if (mustExist && !Files.exists(file)) {
            throw new SchemaException("database file " + file + " does not exist; run `migrate update` to create it,"
                    + " or check --db / " + ENV);
        }
        if (Files.exists(file) && !Files.isReadable(file)) {
            throw new SchemaException("database file " + file + " is not readable; check its permissions");
        }
    }

    private Connection connect(boolean readOnly) {
        try {
            if (isSqlite()) {
                SQLiteConfig config = SqliteSettings.engine(busyTimeoutMillis, readOnly);
                // The driver directly, not DriverManager: in a shared JVM (Maven running several build steps)
                // DriverManager hides a driver registered by another class loader.
                Connection connection = new org.sqlite.JDBC().connect(url, config.toProperties());
                if (file != null) {
                    verifySqliteHeader(connection);
                }
                return connection;
            }
            if (isPostgres()) {
                return postgres();
            }
            return DriverManager.getConnection(url, new Properties());
        } catch (SQLException e) {
            String advice = file != null ? "check that the file and its folder are readable and writable"
                    : "check the URL, that the server is reachable, and the credentials";
            throw new SchemaException("cannot open database " + describe() + ": " + connectReason(e) + "; " + advice);
        }
    }

    /**
     * A PostgreSQL connection that gives up within the lock timeout: connecting to a server that does not
     * answer, and waiting for any lock (the writer lock, a table a service holds). The URL's own settings win.
     */
    private Connection postgres() throws SQLException {
        Properties properties = new Properties();
        String seconds = Integer.toString(Math.max(1, (busyTimeoutMillis + 999) / 1000));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("ApplicationName", "strata migrate");
        // The driver directly, for the same class-loader reason as SQLite's.
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        try (var statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = " + busyTimeoutMillis);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /**
     * The {@code pg_dump} command that backs this PostgreSQL database up (host, port, user and database
     * from the URL; never the password: pg_dump reads it from PGPASSWORD or ~/.pgpass).
     */
    public String pgDumpCommand() {
        Properties parsed = org.postgresql.Driver.parseURL(url, new Properties());
        if (parsed == null) {
            return "pg_dump --format=custom --file=before-migrate.dump DBNAME";
        }
        String database = parsed.getProperty("PGDBNAME", "");
        StringBuilder command = new StringBuilder("pg_dump");
        command.append(" --host=").append(parsed.getProperty("PGHOST", "localhost").split(",")[0]);
        command.append(" --port=").append(parsed.getProperty("PGPORT", "5432").split(",")[0]);
        if (parsed.getProperty("user") != null) {
            command.append(" --username=").append(parsed.getProperty("user"));
        }
        return command.append(" --format=custom --file=").append(database.isEmpty() ? "db" : database)
                .append("-before-migrate.dump ").append(database).toString();
    }

    private void verifySqliteHeader(Connection connection) {
        try (var statement = connection.createStatement()) {
            statement.executeQuery("PRAGMA schema_version").close();
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is unusable anyway
            }
            if (e instanceof org.sqlite.SQLiteException sqlite && (sqlite.getResultCode().code & 0xff) == 5) {
                throw new SchemaException("database " + file + " is locked by another process (" + reason(e)
                        + "); try again when it is done, or wait longer with --lock-timeout");
            }
            throw new SchemaException(file + " is not a usable SQLite database: " + reason(e)
                    + "; point --db at a SQLite file or a new path");
        }
    }

    public String describe() {
        return file != null ? file.toString() : Secrets.redact(url);
    }

    /** Why a connection failed; a network error's bare message (a host name) gets its meaning added. */
    private String connectReason(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof java.net.SocketTimeoutException) {
                return "the server did not answer within " + Math.max(1, (busyTimeoutMillis + 999) / 1000) + " s";
            }
        }
        return reason(e);
    }

    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return Secrets.redact(message.strip().replaceAll("\\s+", " "));
    }

    @Override
    public String toString() {
        return describe();
    }
}
