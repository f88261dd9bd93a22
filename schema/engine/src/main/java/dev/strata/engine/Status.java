package dev.strata.engine;

import dev.strata.manifest.Changeset;
import dev.strata.manifest.Manifest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code status}: compares the tracking table with the manifest; plain JDBC, no Liquibase. */
final class Status {
    private Status() {
    }

    static SchemaState of(Connection connection, Manifest manifest, String databaseShortName) {
        return compare(TrackingTable.read(connection), manifest, databaseShortName);
    }

    static SchemaState compare(List<AppliedChangeset> applied, Manifest manifest, String databaseShortName) {
        Map<String, AppliedChangeset> byKey = new HashMap<>();
        for (AppliedChangeset a : applied) {
            byKey.put(a.identity(), a);
        }
        List<Changeset> pending = new ArrayList<>();
        List<Changeset> runAlways = new ArrayList<>();
        List<SchemaState.Edit> edited = new ArrayList<>();
        Set<String> known = new HashSet<>();
        boolean unverified = false;
        for (Changeset c : manifest.changesets()) {
            known.add(c.identity());
            if (!c.appliesTo(databaseShortName)) {
                continue;
            }
            AppliedChangeset a = byKey.get(c.identity());
            if (a == null) {
                pending.add(c);
            } else if (c.runAlways()) {
                // Liquibase re-runs it on every update, edited or not: it never makes a database out of date.
                runAlways.add(c);
            } else if (a.checksum() != null && !version(a.checksum()).equals(version(c.checksum()))
                    && !c.accepts(a.checksum())) {
                unverified = true;
            } else if (!c.accepts(a.checksum())) {
                if (c.runOnChange()) {
                    pending.add(c);
                } else {
                    edited.add(new SchemaState.Edit(c, a.checksum()));
                }
            }
        }
        List<AppliedChangeset> unknown = applied.stream().filter(a -> !known.contains(a.identity())).toList();
        Changeset floor = manifest.upgradeFloor().orElse(null);
        boolean belowFloor = floor != null && !applied.isEmpty() && !byKey.containsKey(floor.identity());
        return new SchemaState(applied, pending, unknown, edited, unverified, belowFloor ? floor : null, runAlways);
    }

    private static String version(String checksum) {
        int colon = checksum.indexOf(':');
        return colon < 0 ? "" : checksum.substring(0, colon);
    }
}
