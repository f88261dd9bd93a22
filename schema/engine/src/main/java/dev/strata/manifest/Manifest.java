package dev.strata.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The changesets of the changelogs, in order, with their checksums: computed at build time and shipped
 * in the schema jar, so "is the database at head?" needs no XML parsing and no Liquibase.
 * Stored as tab-separated lines under a fixed header; fields never contain tabs or newlines.
 */
public final class Manifest {
    public static final String RESOURCE = "META-INF/strata/manifest.tsv";
    static final String HEADER =
            "# strata manifest v2: id\tauthor\tfile\tchecksum\tdbms\trunAlways\trunOnChange\tvalidCheckSums";

    static final String FLOOR = "# upgrade-floor\t";

    private final List<Changeset> changesets;
    private final String upgradeFloor;

    public Manifest(List<Changeset> changesets) {
        this(changesets, null);
    }

    /** {@code upgradeFloor}: the id of the oldest changeset a database must have to be upgraded (or null). */
    public Manifest(List<Changeset> changesets, String upgradeFloor) {
        this.changesets = List.copyOf(changesets);
        this.upgradeFloor = upgradeFloor == null || upgradeFloor.isBlank() ? null : upgradeFloor;
    }

    /** The changeset a database must already have applied to be upgraded by this release, if one is set. */
    public java.util.Optional<Changeset> upgradeFloor() {
        return changesets.stream().filter(c -> c.id().equals(upgradeFloor)).findFirst();
    }

    /** The manifest shipped with the changelogs on the classpath. */
    public static Manifest load() {
        return load(Manifest.class.getClassLoader());
    }

    public static Manifest load(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath; the schema module"
                        + " was not built with `mvn package` (it writes the manifest at compile)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Manifest parse(String text) {
        List<Changeset> result = new ArrayList<>();
        String floor = null;
        for (String line : text.split("\n")) {
            if (line.startsWith(FLOOR)) {
                floor = line.substring(FLOOR.length()).strip();
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 6 && f.length != 8) {
                throw new IllegalArgumentException("malformed manifest line: " + line);
            }
            boolean runOnChange = f.length == 8 && Boolean.parseBoolean(f[6]);
            List<String> valid = f.length == 8 && !f[7].isEmpty() ? List.of(f[7].split(",")) : List.of();
            result.add(new Changeset(f[0], f[1], f[2], f[3], f[4], Boolean.parseBoolean(f[5]), runOnChange, valid));
        }
        return new Manifest(result, floor);
    }

    public String format() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        if (upgradeFloor != null) {
            out.append(FLOOR).append(upgradeFloor).append('\n');
        }
        for (Changeset c : changesets) {
            out.append(c.id()).append('\t').append(c.author()).append('\t').append(c.file()).append('\t')
                    .append(c.checksum()).append('\t').append(c.dbms()).append('\t').append(c.runAlways())
                    .append('\t').append(c.runOnChange()).append('\t').append(String.join(",", c.validCheckSums()))
                    .append('\n');
        }
        return out.toString();
    }

    public List<Changeset> changesets() {
        return changesets;
    }

    /** The changesets that run on a database of the given Liquibase short name. */
    public List<Changeset> changesetsFor(String databaseShortName) {
        return changesets.stream().filter(c -> c.appliesTo(databaseShortName)).toList();
    }

    public int size() {
        return changesets.size();
    }

    /** SHA-256 of the manifest: changes whenever any changeset is added, removed, reordered or edited. */
    public String digest() {
        return Fingerprint.of(format());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Manifest m && m.changesets.equals(changesets)
                && java.util.Objects.equals(m.upgradeFloor, upgradeFloor);
    }

    @Override
    public int hashCode() {
        return changesets.hashCode();
    }
}
