package dev.strata.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.TestChangelogs;
import dev.strata.postgres.PgSnapshot;
import dev.strata.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every engine verb on a real PostgreSQL server, with the plain URL. */
@Timeout(120)
class PostgresEngineTest {
    private final PostgresServer server = PostgresServer.shared();

    @TempDir
    Path dir;

    private Target fresh() {
        return Target.parse(server.url(server.newDatabase("engine")));
    }

    @Test
    void everyVerbWorksOnAnEmptyThenAPopulatedDatabase() throws Exception {
        Target target = fresh();
        List<String> lines = new ArrayList<>();
        Engine engine = Engine.on(target).reportingTo(lines::add);

        assertEquals(6, engine.update().size(), "empty database: every changeset applied");
        assertTrue(engine.status().atHead());
        assertEquals(List.of(), engine.update(), "at head: nothing to do");
        try (Connection c = target.open(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO task (kind, input) VALUES ('checksum', 'a'), ('word-count', 'b c'), ('checksum', 'd')");
        }
        assertTrue(engine.updateSql().contains("at head"));

        assertEquals(List.of("0006-add-task-priority"), engine.rollbackCount(1));
        assertEquals(1, engine.status().pending().size());
        engine.tag("before-priority");
        String sql;
        List<String> beforeSql;
        try (Connection c = target.open()) {
            beforeSql = PgSnapshot.everything(c);
            sql = engine.updateSql();
            assertEquals(beforeSql, PgSnapshot.everything(c), "update-sql changes nothing");
        }
        assertTrue(sql.contains("ALTER TABLE public.task ADD priority"), sql);

        assertEquals(List.of("0006-add-task-priority"), engine.update(), "populated database: the pending one");
        assertEquals(List.of("0006-add-task-priority"), engine.rollbackToTag("before-priority"));
        assertEquals(List.of("0006-add-task-priority"), engine.update());
        List<AppliedChangeset> history = engine.history();
        assertEquals(6, history.size());
        assertEquals("before-priority", history.get(4).tag());
        try (Connection c = target.open()) {
            assertEquals(List.of("3"), PgSnapshot.rows(c, "SELECT COUNT(*) FROM task"), "rows kept throughout");
            assertEquals(List.of("0 | 3"), PgSnapshot.rows(c, "SELECT MIN(priority), COUNT(*) FROM task"));
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("no backup taken") && l.contains("pg_dump --host=")),
                "says plainly that PostgreSQL is not backed up: " + lines);
        assertFalse(String.join("\n", lines).contains(server.password()), "no password in any output");
    }

    @Test
    void changelogSyncMarksWithoutRunning() throws Exception {
        Target target = fresh();
        assertEquals(6, Engine.on(target).changelogSync());
        assertTrue(Engine.on(target).status().atHead());
        try (Connection c = target.open()) {
            assertEquals(List.of("databasechangelog", "databasechangeloglock"), PgSnapshot.tables(c));
        }
    }

    @Test
    void theSchemaEqualsStockLiquibasesAndEachSeesTheOtherAtHead() throws Exception {
        Target strata = fresh();
        Target stock = fresh();
        Engine.on(strata).update();
        try (Connection c = stock.open()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Changelog changelog = Changelog.classpath();
            LiquibaseSession.call(() -> {
                new Liquibase(changelog.master(), changelog.resources(), database)
                        .update(new Contexts(), new LabelExpression());
                return null;
            });
        }
        try (Connection a = strata.open(); Connection b = stock.open()) {
            assertEquals(PgSnapshot.structure(b), PgSnapshot.structure(a));
            String tracking = "SELECT id, author, filename, md5sum, orderexecuted, exectype FROM databasechangelog"
                    + " ORDER BY orderexecuted";
            assertEquals(PgSnapshot.rows(b, tracking), PgSnapshot.rows(a, tracking));
            assertEquals(List.of("f"), PgSnapshot.rows(a, "SELECT locked FROM databasechangeloglock"));
        }
        assertTrue(Engine.on(stock).status().atHead(), "Strata sees stock Liquibase's database at head");
        try (Connection c = strata.open()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Changelog changelog = Changelog.classpath();
            int unrun = LiquibaseSession.call(() -> new Liquibase(changelog.master(), changelog.resources(), database)
                    .listUnrunChangeSets(new Contexts(), new LabelExpression()).size());
            assertEquals(0, unrun, "stock Liquibase sees Strata's database at head");
        }
    }

    @Test
    void aFailingChangesetLeavesAnEmptyOrPopulatedDatabaseAsItWas() throws Exception {
        TestChangelogs changelogs = new TestChangelogs(dir.resolve("changelog"));
        changelogs.add("0001-create-a", TestChangelogs.createTable("a", "name VARCHAR(10)"));
        changelogs.add("0002-broken", "    <sql>INSERT INTO no_such_table VALUES (1)</sql>");
        Target empty = fresh();
        SchemaException first = assertThrows(SchemaException.class,
                () -> Engine.on(empty).changelog(changelogs.changelog()).update());
        assertTrue(first.getMessage().startsWith("changeset 0002-broken (author test)"), first.getMessage());
        try (Connection c = empty.open()) {
            assertEquals(List.of(), PgSnapshot.tables(c), "not even the tracking tables were left behind");
        }

        TestChangelogs good = new TestChangelogs(dir.resolve("good"));
        good.add("0001-create-a", TestChangelogs.createTable("a", "name VARCHAR(10)"));
        Target populated = fresh();
        Engine.on(populated).changelog(good.changelog()).update();
        List<String> before;
        try (Connection c = populated.open(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO a (name) VALUES ('kept')");
            before = PgSnapshot.everything(c);
        }
        good.add("0002-create-b", TestChangelogs.createTable("b", "name VARCHAR(10)"));
        good.add("0003-broken", "    <sql>INSERT INTO no_such_table VALUES (1)</sql>");
        SchemaException second = assertThrows(SchemaException.class,
                () -> Engine.on(populated).changelog(good.changelog()).update());
        assertTrue(second.getMessage().contains("relation \"no_such_table\" does not exist"), second.getMessage());
        assertFalse(second.getMessage().contains("\n"), second.getMessage());
        try (Connection c = populated.open()) {
            assertEquals(before, PgSnapshot.everything(c), "schema, rows, tracking and lock tables untouched");
        }
    }

    @Test
    void aWriterWaitsForTheAdvisoryLockNoLongerThanTheLockTimeout() throws Exception {
        Target target = fresh();
        try (Connection holder = target.open(); Statement s = holder.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + PostgresWriterLock.KEY + ")");
            SchemaException e = assertThrows(SchemaException.class,
                    () -> Engine.on(target.withBusyTimeout(1000)).update());
            assertTrue(e.getMessage().startsWith("another migrate is changing this database"), e.getMessage());
            assertTrue(e.getMessage().contains("--lock-timeout"), e.getMessage());
            assertEquals(List.of(), PgSnapshot.tables(holder), "nothing was created");
            s.execute("SELECT pg_advisory_unlock(" + PostgresWriterLock.KEY + ")");
        }
        assertEquals(6, Engine.on(target).update().size(), "once released, the next writer proceeds");
    }

    @Test
    void aDatabaseUrlSecretMeansTheSameDatabase() {
        assertEquals("jdbc:postgresql://db.internal:6432/app?user=svc&password=p%40ss&sslmode=require",
                Target.jdbcFromDatabaseUrl("postgres://svc:p%40ss@db.internal:6432/app?sslmode=require"));
        assertEquals("jdbc:postgresql://h/app", Target.jdbcFromDatabaseUrl("postgresql://h/app"));
        SchemaException noDatabase = assertThrows(SchemaException.class, () -> Target.parse("postgres://u:pw@h"));
        assertFalse(noDatabase.getMessage().contains("pw@"), noDatabase.getMessage());

        String database = server.newDatabase("url");
        String jdbc = server.url(database);
        Target fromUrl = Target.parse(jdbc.replaceFirst("^jdbc:postgresql://([^/]+)/([^?]+)\\?user=([^&]+)&password=(.+)$",
                "postgres://$3:$4@$1/$2"));
        assertEquals(6, Engine.on(fromUrl).update().size());
        assertTrue(Engine.on(Target.parse(jdbc)).status().atHead());
        assertFalse(fromUrl.describe().contains(server.password()), fromUrl.describe());
    }

    @Test
    void badConnectionsAreOneLineNamingWhatFailedWithoutThePassword() throws SQLException {
        String database = server.newDatabase("bad");
        String good = server.url(database);
        String secret = server.password();
        List<String[]> cases = List.of(
                new String[] {good.replace(secret, "not-the-password-42"), "password authentication failed"},
                new String[] {good.replace("/" + database + "?", "/no_such_db?"), "database \"no_such_db\" does not exist"},
                new String[] {good.replaceFirst("//[^/]+/", "//127.0.0.1:1/"), "Connection refused"},
                new String[] {good.replaceFirst("//[^/]+/", "//no-such-host.invalid:5432/"), "unknown host"});
        for (String[] c : cases) {
            SchemaException e = assertThrows(SchemaException.class,
                    () -> Engine.on(Target.parse(c[0]).withBusyTimeout(2000)).update());
            String message = e.getMessage();
            assertTrue(message.contains(c[1]), message);
            assertFalse(message.contains("\n"), message);
            assertFalse(message.contains(secret) || message.contains("not-the-password-42"), message);
        }
    }
}
