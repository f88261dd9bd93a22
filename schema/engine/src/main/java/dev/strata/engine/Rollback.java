package dev.strata.engine;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;

/**
 * {@code rollback --count N} and {@code rollback --tag T}: undoes changesets newest first, in one
 * transaction. Every changeset in the range is checked for a rollback before anything runs.
 */
final class Rollback {
    private final Engine engine;

    Rollback(Engine engine) {
        this.engine = engine;
    }

    List<String> count(int count) {
        if (count < 1) {
            throw new SchemaException("rollback --count must be at least 1, got " + count);
        }
        return run(applied -> {
            if (count > applied.size()) {
                throw new SchemaException("cannot roll back " + count + " changesets: the database has only "
                        + applied.size() + " applied");
            }
            return applied.subList(applied.size() - count, applied.size());
        }, (liquibase) -> liquibase.rollback(count, (String) null));
    }

    List<String> toTag(String tag) {
        return run(applied -> {
            int tagged = -1;
            List<String> tags = new ArrayList<>();
            for (int i = 0; i < applied.size(); i++) {
                if (applied.get(i).tag() != null) {
                    tags.add(applied.get(i).tag());
                    if (applied.get(i).tag().equals(tag)) {
                        tagged = i;
                    }
                }
            }
            if (tagged < 0) {
                throw new SchemaException("tag '" + tag + "' is not in the database; its tags are: "
                        + (tags.isEmpty() ? "(none)" : String.join(", ", tags)));
            }
            return applied.subList(tagged + 1, applied.size());
        }, (liquibase) -> liquibase.rollback(tag, (String) null));
    }

    private interface Range {
        List<AppliedChangeset> select(List<AppliedChangeset> applied);
    }

    private interface Action {
        void run(Liquibase liquibase) throws Exception;
    }

    private List<String> run(Range range, Action action) {
        Target target = engine.target();
        engine.requireExisting();
        Connection connection = target.open();
        try (DeferredTransaction tx = new DeferredTransaction(connection, false)) {
            List<AppliedChangeset> applied = TrackingTable.read(connection);
            List<AppliedChangeset> selected = range.select(applied);
            if (selected.isEmpty()) {
                return List.of();
            }
            engine.awaitLock(connection); // no backup for a run that cannot start
            engine.backUp(connection, applied);
            engine.begin(tx, connection);
            Progress progress = new Progress(engine.out());
            engine.commitOrRollBack(tx, "rollback", progress, (liquibase, database) -> {
                refuseIrreversible(selected, liquibase.getDatabaseChangeLog(), database);
                action.run(liquibase);
            });
            return progress.done();
        }
    }

    private static void refuseIrreversible(List<AppliedChangeset> selected, DatabaseChangeLog changelog,
                                           Database database) {
        List<String> problems = new ArrayList<>();
        for (AppliedChangeset applied : selected) {
            ChangeSet changeSet = changelog.getChangeSet(applied.file(), applied.author(), applied.id());
            if (changeSet == null) {
                problems.add(applied.key() + " (not in these changelogs)");
            } else if (!changeSet.supportsRollback(database)) {
                problems.add(applied.id() + " in " + applied.file() + " (no automatic rollback; add a <rollback> block)");
            }
        }
        if (!problems.isEmpty()) {
            throw new SchemaException("cannot roll back: " + String.join(", ", problems)
                    + "; nothing was changed");
        }
    }
}
