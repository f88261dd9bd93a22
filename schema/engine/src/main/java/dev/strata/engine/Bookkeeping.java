package dev.strata.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import liquibase.Contexts;
import liquibase.LabelExpression;

/** {@code changelog-sync} and {@code tag}: tracking-table writes only, each in one transaction. */
final class Bookkeeping {
    private final Engine engine;

    Bookkeeping(Engine engine) {
        this.engine = engine;
    }

    /** Marks every pending changeset as applied without running it; returns how many were marked. */
    int changelogSync() {
        int before = engine.status().pending().size();
        inTransaction("changelog-sync",
                (liquibase, database) -> liquibase.changeLogSync(new Contexts(), new LabelExpression()));
        return before - engine.status().pending().size();
    }

    /** Tags the newest changeset; false when it already carries this very tag. */
    boolean tag(String name) {
        if (name == null || name.isBlank()) {
            throw new SchemaException("tag needs a name, e.g. `migrate tag release-1.4`");
        }
        List<AppliedChangeset> applied = engine.status().applied();
        if (applied.isEmpty()) {
            throw new SchemaException("cannot tag " + engine.target() + ": no changeset has been applied yet;"
                    + " run `migrate update` first");
        }
        AppliedChangeset newest = applied.stream().max(Comparator.comparingInt(AppliedChangeset::orderExecuted))
                .orElseThrow();
        if (newest.tag() != null && !newest.tag().isEmpty()) {
            // Liquibase would overwrite it, and rollback --tag to the earlier name would then fail.
            if (newest.tag().equals(name)) {
                return false;
            }
            throw new SchemaException("the newest changeset " + newest.id() + " is already tagged '" + newest.tag() + "'; tagging it '"
                    + name + "' would replace that tag. Apply a new changeset first, or keep using '" + newest.tag()
                    + "'");
        }
        // Liquibase tags every row sharing the newest DATEEXECUTED; one transaction gives all rows the
        // same second, so the newest row is found by ORDEREXECUTED instead.
        Connection connection = engine.target().open();
        try (DeferredTransaction tx = new DeferredTransaction(connection);
             PreparedStatement update = connection.prepareStatement("UPDATE " + TrackingTable.CHANGELOG + " SET TAG = ?"
                     + " WHERE ORDEREXECUTED = (SELECT MAX(ORDEREXECUTED) FROM " + TrackingTable.CHANGELOG + ")")) {
            update.setString(1, name);
            update.executeUpdate();
            tx.commit();
            return true;
        } catch (SQLException e) {
            throw new SchemaException("cannot tag " + engine.target() + ": " + Target.reason(e));
        }
    }

    private void inTransaction(String operation, Engine.LiquibaseWork work) {
        engine.requireExisting();
        Connection connection = engine.target().open();
        try (DeferredTransaction tx = new DeferredTransaction(connection, false)) {
            engine.begin(tx, connection);
            engine.commitOrRollBack(tx, operation, new Progress(line -> { }), work);
        }
    }
}
