package dev.strata.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.MigrateRun;
import dev.strata.engine.Changelog;
import dev.strata.manifest.Changeset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Changelogs written the way multi-database teams write them (dbms filters, per-dbms properties, modifySql,
 * contexts and labels, preconditions with every onFail, includes and includeAll, loadData, loadUpdateData,
 * sqlFile, runAlways, runOnChange, validCheckSum, ignore, a custom change) in all four formats: Strata
 * applies each, reports it at head, rolls back and re-applies, and its tracking rows equal those of stock
 * Liquibase run with no Strata class on its class path, which in turn finds nothing to do on Strata's database.
 */
class LiquibaseCorpusTest {
    private static final Pattern UNRUN = Pattern.compile("(?m)^\\s+(\\S+::\\S+::\\S+)\\s*$");

    @TempDir
    static Path shared;

    static Path customClasses;

    @BeforeAll
    static void compileCustomChange() throws Exception {
        customClasses = Corpus.compileCustomChange(shared.resolve("custom-classes"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"xml, db/master.xml", "yaml, db/master.yaml", "json, db/master.json", "sql, db/master.sql"})
    void strataAppliesRollsBackReappliesAndAgreesWithStockLiquibase(String format, String master,
                                                                    @TempDir Path dir) throws Exception {
        Path changelogs = Corpus.copy(format, dir.resolve("changelogs"));
        Path strataDb = dir.resolve("strata.db");
        Path stockDb = dir.resolve("stock.db");
        String[] common = {"--db", strataDb.toString(), "--search-path", changelogs.toString(), "--changelog-file",
            master, "--classpath", customClasses.toString()};

        MigrateRun update = MigrateRun.migrate(concat("update", common));
        assertEquals(0, update.exit(), update.err());
        assertTrue(update.out().contains("  marked ran "), "a MARK_RAN precondition is reported as such:\n" + update.out());

        StockLiquibase stock = new StockLiquibase(List.of(customClasses));
        StockLiquibase.Result stockUpdate = stock.run(stockDb, changelogs, master, "update");
        assertEquals(0, stockUpdate.exit(), stockUpdate.output());
        assertEquals(Corpus.rows(stockDb), Corpus.rows(strataDb), "tracking rows: stock (expected) vs Strata");

        MigrateRun status0 = MigrateRun.migrate(concat("status", common));
        assertEquals(0, status0.exit(), "at head although a changeset runs always:\n" + status0.out() + status0.err());
        MigrateRun rollback = MigrateRun.migrate(concat("rollback", concat("--count", concat("4", common))));
        assertEquals(0, rollback.exit(), rollback.err());
        assertEquals(3, MigrateRun.migrate(concat("status", common)).exit());
        MigrateRun again = MigrateRun.migrate(concat("update", common));
        assertEquals(0, again.exit(), again.err());
        assertEquals(0, MigrateRun.migrate(concat("status", common)).exit());

        Set<String> runAlways = new TreeSet<>();
        for (Changeset c : Changelog.directory(changelogs, master).withClasspath(List.of(customClasses)).manifest().changesets()) {
            if (c.runAlways()) {
                runAlways.add(c.key());
            }
        }
        assertEquals(1, runAlways.size(), "the corpus has one runAlways changeset");
        StockLiquibase.Result status = stock.run(strataDb, changelogs, master, "status", "--verbose");
        assertEquals(0, status.exit(), status.output());
        assertEquals(runAlways, unrun(status.output()),
                "stock status on Strata's database lists only what always runs:\n" + status.output());

        List<String> before = Corpus.rows(strataDb);
        StockLiquibase.Result stockOnStrata = stock.run(strataDb, changelogs, master, "update");
        assertEquals(0, stockOnStrata.exit(), stockOnStrata.output());
        assertTrue(stockOnStrata.output().matches("(?s).*Run:\\s+1\\s.*"), stockOnStrata.output());
        assertEquals(withoutRunAlways(before, runAlways), withoutRunAlways(Corpus.rows(strataDb), runAlways),
                "stock Liquibase re-ran nothing but the runAlways changeset on Strata's database");
    }

    private static Set<String> unrun(String statusOutput) {
        Set<String> keys = new TreeSet<>();
        Matcher m = UNRUN.matcher(statusOutput);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static List<String> withoutRunAlways(List<String> rows, Set<String> runAlways) {
        List<String> kept = new ArrayList<>();
        for (String row : rows) {
            String[] f = row.split(" \\| ");
            if (!runAlways.contains(f[2] + "::" + f[0] + "::" + f[1])) {
                kept.add(row);
            }
        }
        return kept;
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
