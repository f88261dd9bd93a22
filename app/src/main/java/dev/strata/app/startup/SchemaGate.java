package dev.strata.app.startup;

import dev.strata.engine.Engine;
import dev.strata.engine.SchemaException;
import dev.strata.engine.SchemaState;
import dev.strata.engine.Target;
import dev.strata.manifest.Changeset;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The startup schema check: compares the database with the manifest (one tracking-table read at head)
 * and, by mode, migrates, refuses, or skips.
 */
public final class SchemaGate {
    private final Engine engine;
    private final Consumer<String> log;
    private volatile String integrity = "not checked";

    /** What /health reports: whether the database answers, its schema state, and the startup integrity check. */
    public record Health(boolean reachable, String schema, String integrity, String problem) {
    }

    public SchemaGate(Target target, Consumer<String> log) {
        this.engine = Engine.on(target).reportingTo(log);
        this.log = log;
    }

    /** Returns normally when the service may serve; throws {@link SchemaException} naming what is wrong. */
    public void pass(MigrateMode mode) {
        if (mode != MigrateMode.OFF && engine.target().exists()) {
            checkIntegrity();
        }
        switch (mode) {
            case OFF -> log.accept("schema check skipped (--migrate off)");
            case AUTO -> {
                List<String> applied = engine.update();
                if (!"ok".equals(integrity)) {
                    checkIntegrity(); // a file the update just created
                }
                log.accept(applied.isEmpty() ? "schema at head" : "schema migrated: " + applied.size()
                        + " changeset(s) applied");
            }
            case CHECK -> {
                if (!engine.target().exists()) {
                    throw new SchemaException("database " + engine.target() + " does not exist; run `migrate update`"
                            + " (the deploy hook does) before starting with --migrate check");
                }
                SchemaState state = engine.status();
                if (state.refusal() != null) {
                    throw new SchemaException("refusing to start: " + state.refusal());
                }
                if (state.verdict() == SchemaState.Verdict.PENDING) {
                    throw new SchemaException("refusing to start: " + state.pending().size()
                            + " changeset(s) pending (" + state.pending().stream().map(Changeset::id)
                            .collect(Collectors.joining(", ")) + "); run `migrate update` first, or start with"
                            + " --migrate auto");
                }
                log.accept("schema at head");
            }
        }
    }

    /** Reachability and schema state now, with the integrity found at startup. */
    public Health health() {
        try {
            SchemaState state = engine.status();
            String schema = switch (state.verdict()) {
                case AT_HEAD -> "at head";
                case PENDING -> "pending";
                case UNKNOWN -> "unknown";
            };
            return new Health(true, schema, integrity, null);
        } catch (SchemaException e) {
            return new Health(false, "unavailable", integrity, e.getMessage());
        }
    }

    /** SQLite's quick_check, once at startup: a damaged file is refused before anything reads or writes it. */
    private void checkIntegrity() {
        if (!engine.target().isSqlite()) {
            integrity = "not applicable";
            return;
        }
        String first;
        try (Connection connection = engine.target().openExisting();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA quick_check(1)")) {
            first = result.next() ? result.getString(1) : "no answer";
        } catch (SQLException e) {
            first = e.getMessage();
        }
        if (!"ok".equals(first)) {
            integrity = "failed";
            throw new SchemaException("database " + engine.target() + " is damaged: SQLite's integrity check says '"
                    + String.valueOf(first).strip().replaceAll("\\s+", " ") + "'; refusing to serve from it. Restore"
                    + " the newest backup beside it (" + engine.target().file().map(f -> f.getFileName()
                    + ".backup-…").orElse("a backup") + ") or recover it with sqlite3's .recover");
        }
        integrity = "ok";
    }
}
