package dev.strata.testing;

import dev.strata.engine.Changelog;
import dev.strata.engine.Engine;
import dev.strata.engine.Target;
import dev.strata.manifest.Manifest;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The PostgreSQL counterpart of {@link TemplateDatabase}: a database migrated to head once per changelog
 * digest by the production engine, then cloned per test with {@code CREATE DATABASE … TEMPLATE}. A template
 * is built under a temporary name and renamed only when complete, so a template that exists is complete.
 */
public final class PostgresTemplate {
    public static final String AHEAD_PROPERTY = "strata.test.postgres.ahead";
    private static final Map<String, PostgresTemplate> PER_JVM = new ConcurrentHashMap<>();
    private static final ExecutorService FILLER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "strata-test-clones");
        thread.setDaemon(true);
        return thread;
    });

    private final PostgresServer server;
    private final String name;
    private final int ahead = Integer.getInteger(AHEAD_PROPERTY, 2);
    private final BlockingQueue<Object> ready = new LinkedBlockingQueue<>();
    private int requested;
    private int handedOut;

    private PostgresTemplate(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
        Runtime.getRuntime().addShutdownHook(new Thread(this::dropUnused));
    }

    /** The template for the changelogs shipped on the classpath (or {@link TemplateChangelog}), on the shared test server. */
    public static PostgresTemplate shipped() {
        return of(PostgresServer.shared(), TemplateChangelog.current());
    }

    public static PostgresTemplate of(PostgresServer server, Changelog changelog) {
        Manifest manifest = changelog.manifest();
        String name = "strata_template_" + manifest.digest().substring(0, 16).toLowerCase();
        return PER_JVM.computeIfAbsent(server.url(name), k -> build(server, changelog, name));
    }

    public String name() {
        return name;
    }

    /**
     * A new database cloned from the template; returns its name (drop it with the server). Clones are
     * prepared ahead on a background thread ({@value #AHEAD_PROPERTY}, default 2), as IntegreSQL does, so
     * a test rarely waits for {@code CREATE DATABASE}.
     */
    public String copy() {
        synchronized (this) {
            handedOut++;
            while (requested < handedOut + ahead) {
                requested++;
                FILLER.execute(() -> {
                    try {
                        ready.add(newClone());
                    } catch (RuntimeException e) {
                        ready.add(e);
                    }
                });
            }
        }
        try {
            Object next = ready.take();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (String) next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a test database", e);
        }
    }

    private String newClone() {
        String copy = "strata_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        server.createDatabase(copy, name);
        return copy;
    }

    /** Drops the clones prepared but never handed out (at JVM exit; a throwaway cluster goes anyway). */
    private void dropUnused() {
        for (Object left = ready.poll(); left != null; left = ready.poll()) {
            if (left instanceof String database) {
                try {
                    server.dropDatabase(database);
                } catch (RuntimeException ignored) {
                    // the server is going away too
                }
            }
        }
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
