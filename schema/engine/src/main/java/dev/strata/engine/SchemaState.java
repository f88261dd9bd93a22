package dev.strata.engine;

import dev.strata.manifest.Changeset;
import java.util.List;

/**
 * Where a database stands against the manifest.
 *
 * @param applied    tracking rows, in order
 * @param pending    manifest changesets not yet applied
 * @param unknown    applied changesets this code does not know (a newer release ran)
 * @param edited     released changesets whose checksum changed since they were applied
 * @param unverified true when stored checksums are of another Liquibase checksum version, so only
 *                   Liquibase itself can compare them
 * @param runAlways  applied {@code runAlways} changesets: every update re-runs them, but they never make the
 *                   database out of date
 */
public record SchemaState(List<AppliedChangeset> applied, List<Changeset> pending, List<AppliedChangeset> unknown,
                          List<Edit> edited, boolean unverified, Changeset belowFloor, List<Changeset> runAlways) {

    public enum Verdict { AT_HEAD, PENDING, UNKNOWN }

    /** A released changeset whose content changed after it was applied. */
    public record Edit(Changeset changeset, String appliedChecksum) {
    }

    public Verdict verdict() {
        if (!unknown.isEmpty()) {
            return Verdict.UNKNOWN;
        }
        return pending.isEmpty() ? Verdict.AT_HEAD : Verdict.PENDING;
    }

    public boolean atHead() {
        return verdict() == Verdict.AT_HEAD && edited.isEmpty() && !unverified;
    }

    /** The refusal message for edited released changesets, or null when there are none. */
    public String editedMessage() {
        if (edited.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(edited.size() == 1 ? "a released changeset was edited after it was"
                + " applied:" : edited.size() + " released changesets were edited after they were applied:");
        for (Edit e : edited) {
            out.append(' ').append(e.changeset().id()).append(" in ").append(e.changeset().file())
                    .append(" (applied checksum ").append(e.appliedChecksum()).append(", now ")
                    .append(e.changeset().checksum()).append(')');
        }
        return out.append("; revert the edit and put the change in a new changeset").toString();
    }

    /** The refusal for a database older than the release's upgrade floor, or null. */
    public String floorMessage() {
        if (belowFloor == null) {
            return null;
        }
        return "the database is older than this release can upgrade: it has " + applied.size() + " changeset(s)"
                + " but not " + belowFloor.id() + " (" + belowFloor.file() + "), the upgrade floor; upgrade it first with"
                + " a release that still ships the changesets before the floor, then with this one";
    }

    /**
     * Why this database must not be migrated or served by this release, or null: the one decision every entry
     * point (update, service startup) takes. Below the upgrade floor first, then edited, then unknown changesets.
     */
    public String refusal() {
        String floor = floorMessage();
        if (floor != null) {
            return floor;
        }
        String edited = editedMessage();
        return edited != null ? edited : unknownMessage();
    }

    /** The refusal message for unknown changesets, or null when there are none. */
    public String unknownMessage() {
        if (unknown.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder("the database has " + unknown.size()
                + " changeset(s) this release does not know (a newer release ran against it):");
        for (AppliedChangeset a : unknown) {
            out.append(' ').append(a.key());
        }
        return out.append("; deploy that newer release, or roll those changesets back with it").toString();
    }
}
