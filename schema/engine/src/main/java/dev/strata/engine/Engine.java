package dev.strata.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import liquibase.Liquibase;
import liquibase.database.Database;

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
        target.requireDurable("the applied changesets");
        return new Update(this).run();
    }

    /** The database against the manifest, without starting Liquibase. */
    public SchemaState status() {
        try (Connection connection = target.openExisting()) {
            return Status.of(connection, changelog.manifest(connection), target.shortName());
        } catch (SQLException e) {
            throw new SchemaException("cannot read " + target + ": " + Target.reason(e));
        }
    }

    /** Applied changesets, in the order they ran. */
    public List<AppliedChangeset> history() {
        try (Connection connection = target.openExisting()) {
            return TrackingTable.read(connection);
        } catch (SQLException e) {
            throw new SchemaException("cannot read " + target + ": " + Target.reason(e));
        }
    }

    /** Undoes the last {@code count} changesets in one transaction; returns the ids rolled back. */
    public List<String> rollbackCount(int count) {
        return new Rollback(this).count(count);
    }

    /** Undoes every changeset applied after {@code tag} in one transaction; returns the ids rolled back. */
    public List<String> rollbackToTag(String tag) {
        return new Rollback(this).toTag(tag);
    }

    /** The SQL {@code update} would run; the database is not changed. */
    public String updateSql() {
        return new UpdateSql(this).run();
    }

    /** Marks all pending changesets as applied without running them; returns how many. */
    public int changelogSync() {
        return new Bookkeeping(this).changelogSync();
    }

    /** Tags the database's current state, for {@code rollbackToTag}; false when it already had this tag. */
    public boolean tag(String name) {
        return new Bookkeeping(this).tag(name);
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

    /**
     * Snapshots a SQLite file before it is changed, unless backups are off or nothing was applied to it yet.
     * A PostgreSQL database is not backed up: the line printed says so and gives the pg_dump command.
     */
    void backUp(Connection connection, List<AppliedChangeset> applied) {
        java.nio.file.Path file = target.file().orElse(null);
        if (backups && target.isPostgres() && !applied.isEmpty()) {
            out.accept("  no backup taken: migrate backs up SQLite files only; for PostgreSQL run first: "
                    + target.pgDumpCommand());
        }
        if (backups && file != null && !applied.isEmpty()) {
            long start = System.nanoTime();
            java.nio.file.Path backup = Backup.take(connection, file);
            out.accept("  backed up " + file.getFileName() + " to " + backup.getFileName() + " ("
                    + backup.toFile().length() / (1024 * 1024) + " MB in " + (System.nanoTime() - start) / 1_000_000
                    + " ms)");
        }
    }

    /** Frees a Liquibase lock left by another tool, returning who held it (empty when it was free). */
    public java.util.Optional<String> releaseLocks() {
        return new ReleaseLocks(this).run();
    }

    /** Waits (up to --lock-timeout, without SQLite's write lock) until no other tool holds Liquibase's lock. */
    void awaitLock(Connection connection) {
        LockRow.awaitFree(connection, target.lockTimeoutMillis(), target, out);
    }

    /**
     * Begins {@code tx} once Liquibase's lock row is free: the wait (up to --lock-timeout) happens before
     * SQLite's write lock is taken, so services keep writing meanwhile.
     */
    void begin(DeferredTransaction tx, Connection connection) {
        awaitLock(connection);
        tx.begin();
        LockRow.holder(connection).ifPresent(holder -> {
            throw LockRow.locked(target, holder, target.lockTimeoutMillis());
        });
    }

    /** Liquibase work on the changelogs inside an open transaction. */
    interface LiquibaseWork {
        void run(Liquibase liquibase, Database database) throws Exception;
    }

    /**
     * Runs {@code work} inside {@code tx} (which must have begun), reporting each changeset to
     * {@code progress}, then commits; on any failure rolls back and describes it in one line.
     */
    void commitOrRollBack(DeferredTransaction tx, String operation, Progress progress, LiquibaseWork work) {
        // Every path begins through begin(), which waited for the lock row; this catches one that did not.
        LockRow.holder(tx.connection()).ifPresent(holder -> {
            throw LockRow.locked(target, holder, 0);
        });
        try {
            LiquibaseSession.call(changelog.scope(), () -> {
                Database database = LiquibaseSession.database(tx.connection());
                Liquibase liquibase = LiquibaseSession.liquibase(changelog, database);
                liquibase.setChangeExecListener(progress);
                work.run(liquibase, database);
                return null;
            });
            tx.commit();
        } catch (Exception e) {
            tx.rollback();
            throw Failure.describe(operation, e, progress.failed());
        }
    }

    /** Fails with a clear message when the database does not exist (commands that only change one). */
    void requireExisting() {
        try (Connection ignored = target.openExisting()) {
            // opening is the check
        } catch (SQLException e) {
            throw new SchemaException("cannot open " + target + ": " + Target.reason(e));
        }
    }
}
