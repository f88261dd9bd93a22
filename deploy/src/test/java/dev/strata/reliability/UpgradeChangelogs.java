package dev.strata.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The shipped changelogs plus a test release of extra changesets, as a --search-path folder. */
final class UpgradeChangelogs {
    static final Path SHIPPED = Path.of("").toAbsolutePath().getParent().resolve("schema/changelogs/src/main/resources/db/changelog");

    private UpgradeChangelogs() {
    }

    /** Writes them under {@code root}; each change is {id, change XML}. Returns {@code root}. */
    static Path write(Path root, String[][] changes) throws IOException {
        Path target = Files.createDirectories(root.resolve("db/changelog/changes"));
        try (Stream<Path> files = Files.list(SHIPPED.resolve("changes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        String header = Files.readString(SHIPPED.resolve("changes/0001-create-task.xml"));
        header = header.substring(0, header.indexOf("<!--"));
        String master = Files.readString(SHIPPED.resolve("master.xml"));
        StringBuilder includes = new StringBuilder();
        for (String[] change : changes) {
            Files.writeString(target.resolve(change[0] + ".xml"), header + "  <changeSet id=\"" + change[0]
                    + "\" author=\"test\">\n    " + change[1] + "\n  </changeSet>\n</databaseChangeLog>\n");
            includes.append("  <include file=\"changes/").append(change[0]).append(".xml\" relativeToChangelogFile=\"true\"/>\n");
        }
        int end = master.lastIndexOf("</databaseChangeLog>");
        Files.writeString(root.resolve("db/changelog/master.xml"), master.substring(0, end) + includes + master.substring(end));
        return root;
    }
}
