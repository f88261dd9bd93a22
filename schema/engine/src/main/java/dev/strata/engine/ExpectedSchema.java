package dev.strata.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import liquibase.Contexts;
import liquibase.LabelExpression;

/**
 * The schema a SQLite database should have: the one the changesets recorded in its tracking table produce,
 * in {@link SchemaText}'s form. At head it is read from the jar (written at build time, no Liquibase);
 * any other state is rebuilt by applying exactly the recorded changesets to a scratch file.
 */
public final class ExpectedSchema {
    public static final String RESOURCE = "META-INF/strata/schema.sql";
    private static volatile List<String> shippedAtHead;
    // Changelogs read from a folder or another jar: rebuilt once per Changelog, as their manifest is computed once.
    private static final Map<Changelog, List<String>> REBUILT_AT_HEAD = Collections.synchronizedMap(new WeakHashMap<>());

    private ExpectedSchema() {
    }

    /** For a database in {@code state} (no unknown changesets): the schema its applied changesets produce. */
    static List<String> of(Changelog changelog, SchemaState state) {
        if (state.applied().isEmpty()) {
            return List.of();
        }
        return state.pending().isEmpty() ? atHead(changelog) : rebuilt(changelog, state.applied());
    }

    /** The schema every changeset produces: the shipped one for the shipped changelogs, else rebuilt. */
    static List<String> atHead(Changelog changelog) {
        if (changelog.shipped()) {
            List<String> shipped = shipped();
            if (shipped != null) {
                return shipped;
            }
        }
        return REBUILT_AT_HEAD.computeIfAbsent(changelog, c -> onScratch(c, null));
    }

    /** The schema written into the jar at build time, or null when this build has none. */
    private static List<String> shipped() {
        List<String> cached = shippedAtHead;
        if (cached == null) {
            try (InputStream in = ExpectedSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    return null;
                }
                cached = SchemaText.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                shippedAtHead = cached;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cached;
    }

    /** The schema of exactly {@code applied}, applied in the changelogs' order to a scratch SQLite file. */
    static List<String> rebuilt(Changelog changelog, List<AppliedChangeset> applied) {
        return onScratch(changelog, applied.stream().map(AppliedChangeset::identity).collect(Collectors.toSet()));
    }

    /** {@code keep} null: every changeset. Otherwise the others are marked as run first, so update skips them. */
    private static List<String> onScratch(Changelog changelog, Set<String> keep) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("strata-expected-");
            Target scratch = Target.sqlite(folder.resolve("expected.db"));
            Engine engine = Engine.on(scratch).changelog(changelog).withBackups(false);
            if (keep != null) {
                inTransaction(engine, (liquibase, database) -> liquibase.changeLogSync(new Contexts(),
                        new LabelExpression()));
                forget(scratch, keep);
            }
            inTransaction(engine, (liquibase, database) -> liquibase.update(new Contexts(), new LabelExpression()));
            try (Connection connection = scratch.openExisting()) {
                return SchemaText.of(connection);
            }
        } catch (SchemaException e) {
            throw new SchemaException("cannot rebuild the schema the recorded changesets produce: " + e.getMessage());
        } catch (IOException | SQLException e) {
            throw new SchemaException("cannot rebuild the schema the recorded changesets produce: "
                    + Target.reason(e) + "; check that the temporary folder is writable");
        } finally {
            delete(folder);
        }
    }

    /** Whole update path but the checks a database below the upgrade floor would fail: this is a scratch copy. */
    private static void inTransaction(Engine engine, Engine.LiquibaseWork work) {
        Connection connection = engine.target().open();
        try (DeferredTransaction tx = new DeferredTransaction(connection, false)) {
            engine.begin(tx, connection);
            engine.commitOrRollBack(tx, "rebuild", new Progress(line -> { }), work);
        }
    }

    /** Deletes the tracking rows of the changesets to apply, so that update runs exactly those. */
    private static void forget(Target scratch, Set<String> keep) throws SQLException {
        try (Connection connection = scratch.open();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM DATABASECHANGELOG WHERE ID = ? AND AUTHOR = ? AND FILENAME = ?")) {
            for (AppliedChangeset row : TrackingTable.read(connection)) {
                if (keep.contains(row.identity())) {
                    delete.setString(1, row.id());
                    delete.setString(2, row.author());
                    delete.setString(3, row.file());
                    delete.executeUpdate();
                }
            }
        }
    }

    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    /**
     * Build time: writes the schema of {@code head}, a database the build brought to head (read only), to
     * {@code out}, which the jar ships as {@value #RESOURCE}. The build's manifest step decides when.
     */
    public static void write(Connection head, Path out) throws IOException {
        write(SchemaText.of(head), out);
    }

    private static void write(List<String> statements, Path out) throws IOException {
        Files.createDirectories(out.getParent());
        Files.writeString(out, "-- The schema at head, as SQLite stores it (normalised); drift checks compare with it.\n"
                + SchemaText.format(statements), StandardCharsets.UTF_8);
    }
}
