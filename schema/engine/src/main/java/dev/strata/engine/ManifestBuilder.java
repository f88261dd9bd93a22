package dev.strata.engine;

import dev.strata.manifest.Changeset;
import dev.strata.manifest.Manifest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import liquibase.ChecksumVersion;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.database.Database;

/** Computes the manifest by parsing the changelogs (the build writes it into the changelogs jar). */
public final class ManifestBuilder {
    /** Changelog property naming the oldest changeset a database must have to be upgraded by this release. */
    public static final String UPGRADE_FLOOR = "strata.upgrade-floor";

    private ManifestBuilder() {
    }

    /** The manifest with SQLite's checksums (the build's database), computed against an in-memory SQLite. */
    public static Manifest build(Changelog changelog) {
        try (Connection memory = Target.parse("jdbc:sqlite::memory:").open()) {
            return LiquibaseSession.call(changelog.scope(), () -> build(changelog, LiquibaseSession.database(memory)));
        } catch (SQLException e) {
            throw new SchemaException("cannot open an in-memory SQLite database: " + e.getMessage());
        }
    }

    /**
     * The manifest as Liquibase sees the changelogs for {@code database}: its dbms-specific properties,
     * and checksums without the changes its {@code dbms} attributes exclude (Liquibase's checksum v9).
     * Changesets are identified by file, id and author; only two that both run on this database clash.
     */
    public static Manifest build(Changelog changelog, Database database) {
        Map<String, Object> scope = new HashMap<>(changelog.scope());
        scope.put(Scope.Attr.database.name(), database);
        return LiquibaseSession.call(scope, () -> {
            DatabaseChangeLog parsed = changelog.parse(database);
            List<Changeset> result = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (ChangeSet cs : parsed.getChangeSets()) {
                if (cs.isIgnore()) {
                    continue;
                }
                // Liquibase's update drops the modifySql a database, context or label filter excludes before it
                // computes the checksum it stores: the same filters, run the same way, give the same checksum.
                new DbmsChangeSetFilter(database).accepts(cs);
                new ContextChangeSetFilter(new Contexts()).accepts(cs);
                new LabelChangeSetFilter(new LabelExpression()).accepts(cs);
                Changeset changeset = changeset(cs);
                for (String field : List.of(changeset.id(), changeset.author(), changeset.file())) {
                    if (field.contains("\t") || field.contains("\n")) {
                        throw new SchemaException("changeset " + changeset.key() + " has a tab or newline in its id,"
                                + " author or file name; use plain names");
                    }
                }
                if (changeset.appliesTo(database.getShortName()) && !seen.add(changeset.key())) {
                    throw new SchemaException("changeset " + changeset.id() + " (author " + changeset.author()
                            + ") appears twice in " + changeset.file() + " for " + database.getShortName()
                            + "; give the second one a new id");
                }
                result.add(changeset);
            }
            Object floor = parsed.getChangeLogParameters() == null ? null
                    : parsed.getChangeLogParameters().getValue(UPGRADE_FLOOR, parsed);
            if (floor != null && result.stream().noneMatch(c -> c.id().equals(floor.toString()))) {
                throw new SchemaException("property " + UPGRADE_FLOOR + " names changeset '" + floor + "', which is"
                        + " not in the changelogs; name the id of an existing changeset");
            }
            return new Manifest(result, floor == null ? null : floor.toString());
        });
    }

    private static Changeset changeset(ChangeSet cs) {
        String file = cs.getStoredFilePath();
        String dbms = cs.getDbmsSet() == null ? "" : String.join(",", new TreeSet<>(cs.getDbmsSet()));
        String checksum;
        try {
            checksum = cs.generateCheckSum(ChecksumVersion.latest()).toString();
        } catch (RuntimeException e) {
            throw new SchemaException("changeset " + cs.getId() + " (author " + cs.getAuthor() + ") in " + file
                    + ": cannot compute its checksum: " + reason(e) + "; check that the files it names exist, relative"
                    + " to the changelog when it says relativeToChangelogFile=\"true\", else under the search path");
        }
        List<String> valid = cs.getValidCheckSums().stream().map(Object::toString).sorted().toList();
        return new Changeset(cs.getId(), cs.getAuthor(), file, checksum, dbms, cs.isAlwaysRun(), cs.isRunOnChange(),
                valid);
    }

    /** The innermost message, without Liquibase's exception class names. */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.replaceAll("^[\\w.]+Exception: ", "").strip().replaceAll("\\s+", " ");
    }
}
