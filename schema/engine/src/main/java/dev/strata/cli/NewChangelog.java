package dev.strata.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import dev.strata.engine.SchemaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code migrate new <slug>}: the next numbered changelog file, with its header, included in master.xml. */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Scaffold the next numbered changelog file and include it in the master changelog.")
final class NewChangelog implements Callable<Integer> {
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{4})-.*\\.xml$");

    @CommandLine.Parameters(paramLabel = "SLUG", description = "What the change does, e.g. add-task-owner")
    String slug;

    @CommandLine.Option(names = "--changelog-dir", paramLabel = "DIR",
            defaultValue = "schema/changelogs/src/main/resources/db/changelog",
            description = "Folder holding master.xml and changes/ (default: ${DEFAULT-VALUE}, from the repository root)")
    Path dir;

    @CommandLine.Option(names = "--author", defaultValue = "${env:STRATA_AUTHOR:-strata}",
            description = "Changeset author (default: $STRATA_AUTHOR, else ${DEFAULT-VALUE})")
    String author;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!slug.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new SchemaException("slug '" + slug + "' must be lowercase words joined by dashes, e.g. add-task-owner");
        }
        if (author.isBlank() || author.chars().anyMatch(Character::isISOControl)) {
            throw new SchemaException("--author must be a name on one line, e.g. --author jane; got '"
                    + author.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        Path master = dir.resolve("master.xml");
        if (!Files.isRegularFile(master)) {
            throw new SchemaException(master + " does not exist; run from the repository root or pass --changelog-dir");
        }
        Path changes = Files.createDirectories(dir.resolve("changes"));
        int next = 1;
        try (Stream<Path> files = Files.list(changes)) {
            for (Path p : files.toList()) {
                Matcher m = NUMBERED.matcher(p.getFileName().toString());
                if (m.matches()) {
                    next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
                }
            }
        }
        String id = String.format("%04d-%s", next, slug);
        Path file = changes.resolve(id + ".xml");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog
                    xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
                  <!-- Why this change: one line. -->
                  <changeSet id="%s" author="%s">
                    <!-- Liquibase change types go here, e.g.
                    <addColumn tableName="task">
                      <column name="owner" type="VARCHAR(128)"/>
                    </addColumn>
                    -->
                  </changeSet>
                </databaseChangeLog>
                """.formatted(id, xmlAttribute(author)), StandardCharsets.UTF_8);
        String text = Files.readString(master, StandardCharsets.UTF_8);
        int end = text.lastIndexOf("</databaseChangeLog>");
        String include = "  <include file=\"changes/" + id + ".xml\" relativeToChangelogFile=\"true\"/>\n";
        Files.writeString(master, text.substring(0, end) + include + text.substring(end), StandardCharsets.UTF_8);
        spec.commandLine().getOut().printf("Created %s%nIncluded it at the end of %s%n", file, master);
        return 0;
    }

    /** The text as an XML attribute value: the author is free text, the file must stay well-formed. */
    static String xmlAttribute(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
