package dev.strata.engine;

import dev.strata.manifest.Changeset;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code diff}: the live schema of a SQLite database against the one the changesets recorded in its
 * tracking table produce. At head one read of {@code sqlite_master} against the shipped schema.
 */
final class Diff {
    private Diff() {
    }

    static Drift of(Engine engine) {
        Target target = engine.target();
        requireSqlite(target, "diff");
        try (Connection connection = target.openExisting()) {
            if (!TrackingTable.exists(connection)) {
                throw new SchemaException(target + " is not a Strata or Liquibase database: it has no DATABASECHANGELOG"
                        + " table, so no changesets are recorded to compare its schema with; check --db, or adopt it with"
                        + " `migrate changelog-sync` once it has the schema");
            }
            SchemaState state = Status.of(connection, engine.changelog().manifest(connection), target.shortName());
            if (state.unknownMessage() != null) {
                throw new SchemaException(state.unknownMessage());
            }
            List<String> edited = rerunPending(state);
            if (!edited.isEmpty()) {
                throw new SchemaException("cannot tell what the schema of " + target + " should be: runOnChange"
                        + " changeset(s) " + String.join(", ", edited) + " changed since they ran, and only their new"
                        + " content is known; run `migrate update` (it re-runs them), then diff again");
            }
            return of(connection, engine.changelog(), state);
        } catch (SQLException e) {
            throw new SchemaException("cannot read " + target + ": " + Target.reason(e));
        }
    }

    static Drift of(Connection connection, Changelog changelog, SchemaState state) {
        return Drift.between(ExpectedSchema.of(changelog, state), SchemaText.of(connection));
    }

    /** Refuses {@code operation} on a SQLite database whose schema is not what its applied changesets produce. */
    static void refuseDrift(Engine engine, Connection connection, SchemaState state, String operation) {
        // Edited runOnChange changesets ran with content that is gone: they re-run now, and nothing can be compared.
        if (engine.allowsDrift() || !engine.target().isSqlite() || state.applied().isEmpty()
                || !rerunPending(state).isEmpty()) {
            return;
        }
        Drift drift;
        try {
            drift = of(connection, engine.changelog(), state);
        } catch (SchemaException e) {
            // Its changesets alone do not rebuild it (they change tables made outside them): nothing to hold it to.
            engine.out().accept("  drift not checked: the changesets recorded in " + engine.target() + " do not"
                    + " rebuild its schema on their own");
            return;
        }
        // Objects no changeset made do not stand in an update's way; diff, startup and /health still report them.
        Drift blocking = new Drift(drift.expected(), drift.actual(),
                drift.differences().stream().filter(d -> !d.kind().equals("extra")).toList());
        if (!blocking.none()) {
            throw new SchemaException("refusing to " + operation + " " + engine.target() + ": its schema has drifted"
                    + " from the " + state.applied().size() + " changeset(s) recorded in it: " + blocking.summary(3)
                    + ". Run `migrate diff` to see it; put the database back (undo the hand edit, or restore a backup),"
                    + " or pass --allow-drift to " + operation + " anyway");
        }
    }

    /** Ids of applied runOnChange changesets whose content changed since: their applied content is not known. */
    private static List<String> rerunPending(SchemaState state) {
        Set<String> applied = state.applied().stream().map(AppliedChangeset::identity).collect(Collectors.toSet());
        return state.pending().stream().filter(c -> applied.contains(c.identity())).map(Changeset::id).toList();
    }

    /** Drift is compared on SQLite only: PostgreSQL's catalog is not normalised yet. */
    static void requireSqlite(Target target, String operation) {
        if (!target.isSqlite()) {
            throw new SchemaException(operation + " compares SQLite schemas only; " + target + " is "
                    + target.shortName() + ", whose schema is not compared (see the README, \"Drift\")");
        }
    }
}
