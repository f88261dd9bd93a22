package dev.strata.testing;

import dev.strata.engine.Changelog;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import dev.strata.manifest.Manifest;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PostgreSQL counterpart of {@link TemplateDatabase}: a database migrated to head once per changelog
 * digest by the production engine, then cloned per test with {@code CREATE DATABASE … TEMPLATE}. A template
 * is built under a temporary name and renamed only when complete, so a template that exists is complete.
 */
public final class PostgresTemplate {
    private static final Map<String, PostgresTemplate> PER_JVM = new ConcurrentHashMap<>();

    private final PostgresServer server;
    private final String name;

    private PostgresTemplate(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /** The template for the changelogs shipped on the classpath, on the shared test server. */
    public static PostgresTemplate shipped() {
        return of(PostgresServer.shared(), Changelog.classpath());
    }

    public static PostgresTemplate of(PostgresServer server, Changelog changelog) {
        Manifest manifest = changelog.manifest();
        String name = "strata_template_" + manifest.digest().substring(0, 16).toLowerCase();
        return PER_JVM.computeIfAbsent(server.url(name), k -> build(server, changelog, name));
    }

    public String name() {
        return name;
    }

    /** A new database cloned from the template; returns its name (drop it with the server). */
    public String copy() {
        String copy = "strata_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        server.createDatabase(copy, name);
        return copy;
    }

    private static PostgresTemplate build(PostgresServer server, Changelog changelog, String name) {
        if (server.databaseExists(name)) {
            return new PostgresTemplate(server, name);
        }
        String building = name + "_building_" + UUID.randomUUID().toString().substring(0, 8);
        server.createDatabase(building, null);
        try {
            Engine.on(Target.parse(server.url(building))).changelog(changelog).withBackups(false).update();
            server.execute("ALTER DATABASE " + PostgresServer.quote(building) + " RENAME TO " + PostgresServer.quote(name));
        } catch (RuntimeException e) {
            server.dropDatabase(building);
            if (!server.databaseExists(name)) {
                throw e;
            }
            // another test JVM on the same server finished the same template first
        }
        return new PostgresTemplate(server, name);
    }
}
