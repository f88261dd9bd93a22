package dev.strata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.engine.Target;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -Dstrata.template.changelog builds the template from another folder, and @AtReleaseHead tests step aside. */
class TemplateChangelogTest {
    @TempDir
    Path dir;

    @Test
    void thePropertyNamesTheChangelogsTheTemplateIsBuiltFrom() throws Exception {
        TestChangelogs other = new TestChangelogs(dir.resolve("changelogs/db/changelog"));
        other.add("0001-create-elsewhere", TestChangelogs.createTable("elsewhere", "v INTEGER"));
        AtReleaseHead.OwnChangelogsOnly condition = new AtReleaseHead.OwnChangelogsOnly();
        assertFalse(TemplateChangelog.overridden());
        assertEquals(List.of("artifact", "task"), tables(TemplateDatabase.shipped().file()));
        assertFalse(condition.evaluateExecutionCondition(null).isDisabled());

        System.setProperty(TemplateChangelog.PROPERTY, dir.resolve("changelogs").toString());
        try {
            assertTrue(TemplateChangelog.overridden());
            assertEquals(List.of("elsewhere"), tables(TemplateDatabase.shipped().file()));
            assertTrue(condition.evaluateExecutionCondition(null).isDisabled());
        } finally {
            System.clearProperty(TemplateChangelog.PROPERTY);
        }
        assertEquals(List.of("artifact", "task"), tables(TemplateDatabase.shipped().file()));
    }

    private static List<String> tables(Path file) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = Target.sqlite(file).openExisting();
             ResultSet r = c.createStatement().executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                     + " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'DATABASECHANGELOG%' ORDER BY name")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }
}
