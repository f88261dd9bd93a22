package dev.strata.guard;

import dev.strata.manifest.Changeset;
import dev.strata.manifest.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The integrity lock: a committed file listing the released changesets (id, author, file, checksum) in
 * order. A released changeset edited, removed or reordered fails the build; new changesets are appended
 * by the refresh command, and two branches that each append one conflict in git instead of silently
 * ordering differently on different machines.
 */
public final class ChangelogLock {
    static final String HEADER = """
            # Strata changelog lock: the released changesets, in order (id, author, file, checksum).
            # Never edit or reorder these lines. The build appends new changesets; commit them with the changelog.
            """;

    record Entry(String id, String author, String file, String checksum) {
        String key() {
            return file + "::" + id + "::" + author;
        }

        String line() {
            return id + "\t" + author + "\t" + file + "\t" + checksum;
        }

        static Entry of(Changeset c) {
            return new Entry(c.id(), c.author(), c.file(), c.checksum());
        }
    }

    private final Path file;

    public ChangelogLock(Path file) {
        this.file = file;
    }

    List<Entry> read() throws IOException {
        return Files.exists(file) ? parse(Files.readString(file, StandardCharsets.UTF_8)) : new ArrayList<>();
    }

    /** The entries the last commit holds: the released changesets. Without git history, the file's own. */
    List<Entry> committed() throws IOException {
        java.util.Optional<String> text = CommittedFile.atHead(file);
        return text.isPresent() ? parse(text.get()) : read();
    }

    private List<Entry> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                throw new GuardException(file + " has a malformed line: '" + line + "' (a merge conflict left in it?);"
                        + " resolve it so that every line is id, author, file, checksum separated by tabs");
            }
            entries.add(new Entry(f[0], f[1], f[2], f[3]));
        }
        return entries;
    }

    /** Problems with released changesets: each must still be in the changelogs, unedited, in its place. */
    static List<String> released(List<Entry> locked, Manifest manifest) {
        List<Changeset> current = manifest.changesets();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < locked.size(); i++) {
            Entry expected = locked.get(i);
            Changeset actual = i < current.size() ? current.get(i) : null;
            if (actual != null && actual.key().equals(expected.key())) {
                if (!actual.checksum().equals(expected.checksum())) {
                    problems.add("released changeset " + expected.id() + " in " + expected.file() + " was edited"
                            + " (locked checksum " + expected.checksum() + ", now " + actual.checksum()
                            + "): revert the edit and make the change in a new changeset");
                }
                continue;
            }
            int elsewhere = indexOf(current, expected.key());
            problems.add(elsewhere < 0
                    ? "released changeset " + expected.id() + " in " + expected.file() + " was removed: restore it"
                            + " (a released change is undone by a new changeset, not by deleting the old one)"
                    : "released changeset " + expected.id() + " in " + expected.file() + " moved from position "
                            + (i + 1) + " to " + (elsewhere + 1) + ": restore the order in master.xml; new includes"
                            + " go at the end");
        }
        return problems;
    }

    /** The lock's text for {@code released} followed by every later changeset (new ones, re-locked as they are now). */
    static String text(List<Entry> released, Manifest manifest) {
        StringBuilder text = new StringBuilder(HEADER);
        released.forEach(e -> text.append(e.line()).append('\n'));
        for (Changeset c : manifest.changesets().subList(released.size(), manifest.size())) {
            text.append(Entry.of(c).line()).append('\n');
        }
        return text.toString();
    }

    /** Appends the changesets the file does not have yet (the lock as this build leaves it); returns how many. */
    int append(Manifest manifest) throws IOException {
        List<Entry> locked = read();
        Files.writeString(file, text(locked, manifest), StandardCharsets.UTF_8);
        return manifest.size() - locked.size();
    }

    Path file() {
        return file;
    }

    private static int indexOf(List<Changeset> changesets, String key) {
        for (int i = 0; i < changesets.size(); i++) {
            if (changesets.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
