package dev.strata.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one engine that applies the changelogs: the build, the migrate command, the test template and
 * service startup all come through here. Each verb is one class ({@link Update}, {@link Status}, ...).
 */
public final class Engine {
    private final Target target;
    private final Changelog changelog;
    private final Consumer<String> out;
    private final boolean backups;

    private Engine(Target target, Changelog changelog, Consumer<String> out, boolean backups) {
        this.target = target;
        this.changelog = changelog;
        this.out = out;
        this.backups = backups;
    }

    /** The shipped changelogs against {@code target}, silent, with backups. */
    public static Engine on(Target target) {
        return new Engine(target, Changelog.classpath(), line -> { }, true);
    }

    public Engine changelog(Changelog changelog) {
        return new Engine(target, changelog, out, backups);
    }

    /** Where progress lines go (one per changeset applied or rolled back). */
    public Engine reportingTo(Consumer<String> out) {
        return new Engine(target, changelog, out, backups);
    }

    public Engine withBackups(boolean backups) {
        return new Engine(target, changelog, out, backups);
    }

    /** Applies every pending changeset in one transaction; returns the ids applied. */
    public List<String> update() {
        return new Update(this).run();
    }

    /** The database against the manifest, without starting Liquibase. */
    public SchemaState status() {
        try (Connection connection = target.openExisting()) {
            return Status.of(connection, changelog.manifest(), target.shortName());
        } catch (SQLException e) {
            throw new SchemaException("cannot read " + target + ": " + Target.reason(e));
        }
    }

    public Target target() {
        return target;
    }

    Changelog changelog() {
        return changelog;
    }

    Consumer<String> out() {
        return out;
    }

    boolean backups() {
        return backups;
    }
}
